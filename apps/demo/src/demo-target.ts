import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMnsEndpoint, parseMnsEndpoint } from '@vodmns/core';
import { startMnsLocal } from '@vodmns/mns-local';

/** Credentials of the account the demo talks to. */
export interface DemoCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
}

/** The MNS service the demo runs against: the embedded local server, or a real account. */
export interface DemoTarget {
  /** `local`: an embedded mns-local with a durable data dir in a temp dir; `remote`: `MNS_ENDPOINT`. */
  readonly kind: 'local' | 'remote';
  /** One line saying what the demo talks to (no secrets). */
  readonly description: string;
  /** The endpoint hosting queues of an MNS region (one local server hosts every "region"). */
  endpointFor(region: string): string;
  /** The queue name for an MNS region, e.g. `vod-events-cn-shanghai`. */
  queueNameFor(region: string): string;
  /** The dead-letter queue's region and name. */
  readonly deadLetter: { readonly region: string; readonly queueName: string };
  /** A numeric account id for callback configurations (the local server's, or the real one). */
  readonly accountId: string;
  readonly credentials: DemoCredentials;
  /** Stops the local server and removes its data dir (remote: nothing). */
  close(): Promise<void>;
}

/** Options of {@link openDemoTarget}. */
export interface DemoTargetOptions {
  /** Environment to read `MNS_ENDPOINT` and `ALIBABA_CLOUD_*` from. @defaultValue `process.env` */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Force the embedded local server even when `MNS_ENDPOINT` is set. @defaultValue false */
  readonly forceLocal?: boolean | undefined;
}

/**
 * Opens the demo's target. With `MNS_ENDPOINT` and `ALIBABA_CLOUD_ACCESS_KEY_ID`/`_SECRET` set it targets that
 * real account (queue names get a random run prefix so nothing of yours is touched, and an Alibaba Cloud
 * endpoint is re-targeted per MNS region); otherwise it starts `mns-local` on 127.0.0.1 with a port chosen by
 * the OS and a durable SQLite data dir in a fresh temp dir.
 */
export async function openDemoTarget(options: DemoTargetOptions = {}): Promise<DemoTarget> {
  const env = options.env ?? process.env;
  const endpoint = env.MNS_ENDPOINT;
  const id = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const secret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  if (options.forceLocal !== true && endpoint !== undefined && endpoint !== '') {
    if (id === undefined || secret === undefined || id === '' || secret === '') {
      throw new Error(
        'MNS_ENDPOINT is set but ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET are not; set both, or unset MNS_ENDPOINT to use the local server',
      );
    }
    const parsed = parseMnsEndpoint(endpoint);
    if (!parsed.ok) throw parsed.error;
    const p = parsed.value;
    const run = randomBytes(3).toString('hex');
    const token = env.ALIBABA_CLOUD_SECURITY_TOKEN;
    return {
      kind: 'remote',
      description: `${p.isAliyun ? `Alibaba Cloud MNS account ${p.accountId}` : `the MNS endpoint ${p.origin}`} from MNS_ENDPOINT (queues prefixed vodmns-demo-${run}-, deleted at the end)`,
      endpointFor: (region) =>
        p.isAliyun ? buildMnsEndpoint({ accountId: p.accountId, region, protocol: p.protocol }) : p.origin,
      queueNameFor: (region) => `vodmns-demo-${run}-${region}`,
      deadLetter: { region: p.isAliyun ? p.region : 'cn-shanghai', queueName: `vodmns-demo-${run}-dlq` },
      accountId: p.isAliyun ? p.accountId : '1234567890123456',
      credentials: {
        accessKeyId: id,
        accessKeySecret: secret,
        ...(token === undefined || token === '' ? {} : { securityToken: token }),
      },
      close: async () => {},
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'vodmns-demo-'));
  const server = await startMnsLocal({ port: 0, dataDir });
  return {
    kind: 'local',
    description: `embedded mns-local at ${server.endpoint} (SQLite data dir ${dataDir}); one server hosts the queues of every "region", named vod-events-<region>`,
    endpointFor: () => server.endpoint,
    queueNameFor: (region) => `vod-events-${region}`,
    deadLetter: { region: 'cn-shanghai', queueName: 'vod-events-dlq' },
    accountId: server.accountId,
    credentials: { accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret },
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
