/**
 * Sizes of the reliability suites. The `ci` profile runs in the default test run (a few minutes on 2 cores);
 * the `long` profile is the full run (`pnpm run test:chaos`, which sets `VODMNS_CHAOS_PROFILE=long`).
 */
export interface ChaosProfile {
  readonly name: 'ci' | 'long';
  /** Events pushed through rx → fault proxy → mns-local. */
  readonly proxyEvents: number;
  /** Events consumed by crashing worker processes. */
  readonly crashEvents: number;
  /** Consumer worker processes running at once. */
  readonly crashWorkers: number;
  /** SIGKILLs of consumer workers during the run. */
  readonly workerKills: number;
  /** Messages sent while the durable server is SIGKILLed and restarted. */
  readonly serverCrashSends: number;
  /** SIGKILLs of the durable server. */
  readonly serverKills: number;
  /** Distinct VOD events through the consumer fleet (10 % of them sent twice), per store. */
  readonly fleetEvents: number;
  /** Fuzz cases per target. */
  readonly fuzz: {
    readonly event: number;
    readonly xml: number;
    readonly decoders: number;
    readonly server: number;
  };
  /** Upper bound for one long test, in ms. */
  readonly testTimeoutMs: number;
}

const CI: ChaosProfile = {
  name: 'ci',
  proxyEvents: 2000,
  crashEvents: 1500,
  crashWorkers: 3,
  workerKills: 4,
  serverCrashSends: 1500,
  serverKills: 3,
  fleetEvents: 2000,
  fuzz: { event: 30_000, xml: 35_000, decoders: 30_000, server: 8_000 },
  testTimeoutMs: 150_000,
};

const LONG: ChaosProfile = {
  name: 'long',
  proxyEvents: 20_000,
  crashEvents: 10_000,
  crashWorkers: 4,
  workerKills: 12,
  serverCrashSends: 8000,
  serverKills: 8,
  fleetEvents: 20_000,
  fuzz: { event: 200_000, xml: 150_000, decoders: 100_000, server: 50_000 },
  testTimeoutMs: 900_000,
};

/** The profile selected by `VODMNS_CHAOS_PROFILE` (`ci` when unset). */
export function chaosProfile(): ChaosProfile {
  const name = process.env.VODMNS_CHAOS_PROFILE ?? 'ci';
  if (name === 'ci') return CI;
  if (name === 'long') return LONG;
  throw new RangeError(`VODMNS_CHAOS_PROFILE must be "ci" or "long", got ${JSON.stringify(name)}`);
}
