/**
 * Polls `check` every `intervalMs` of real time until it returns (or resolves) `true`; rejects after `timeoutMs`
 * naming `what`. For state another process, socket or real timer produces (a server's queue, a child's output);
 * state behind a `ManualClock` is reached by advancing it instead. The deadline is generous on purpose: it bounds a
 * failing test, it does not measure speed.
 *
 * @param timeoutMs - @defaultValue 10_000
 * @param intervalMs - @defaultValue 10
 */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  intervalMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
