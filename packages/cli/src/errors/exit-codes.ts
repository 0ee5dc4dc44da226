/**
 * The `vodmns` exit codes. Stable public API: scripts branch on them.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | success |
 * | 1 | the operation ran and failed (service error, event rejected, check failed, delivery discarded) |
 * | 2 | usage error: unknown command or flag, missing or invalid argument |
 * | 3 | configuration or credentials error (no endpoint, no key, bad profile file, signature rejected) |
 * | 4 | the endpoint could not be reached (connection refused, DNS failure, timeout) |
 * | 130 | interrupted by Ctrl-C (SIGINT) before finishing |
 * | 143 | stopped by SIGTERM before finishing |
 *
 * A command whose standard output is closed by its reader (`vodmns tail --json | head -1`) stops cleanly,
 * releases what it holds and exits 0, as `head`-style pipelines expect.
 */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  config: 3,
  unreachable: 4,
  interrupted: 130,
  terminated: 143,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
