// The CLI flags of the live-service limits (see the README's "Differences from the live service").
import { describe, expect, it } from 'vitest';
import { type MnsLocalServer, runMnsLocalCli } from '../src/index.js';
import { createTestClient, errorCode } from './helpers/test-client.js';

function io(signal?: AbortSignal, onListening?: (s: MnsLocalServer) => void) {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      env: {},
      ...(signal ? { signal } : {}),
      ...(onListening ? { onListening } : {}),
    },
    out: () => stdout,
    err: () => stderr,
  };
}

describe('mns-local CLI: live-service limit flags', () => {
  it('--help lists them', async () => {
    const c = io();
    expect(await runMnsLocalCli(['--help'], c.io)).toBe(0);
    for (const flag of [
      '--max-long-polls-per-queue',
      '--tps-limit',
      '--account-tps-limit',
      '--throttle-hold-ms',
      '--stale-handle-after-visibility-change',
      '--response-content-type',
    ]) {
      expect(c.out()).toContain(flag);
    }
  });

  it.each([
    [['--max-long-polls-per-queue', '0'], /--max-long-polls-per-queue must be an integer 1–100000, got "0"/],
    [['--tps-limit', 'fast'], /--tps-limit must be an integer 1–1000000, got "fast"/],
    [['--account-tps-limit', '0'], /--account-tps-limit must be an integer 1–1000000, got "0"/],
    [['--throttle-hold-ms', '60001'], /--throttle-hold-ms must be an integer 0–60000/],
    [['--stale-handle-after-visibility-change', 'maybe'], /must be accept or reject, got "maybe"/],
    [['--response-content-type', 'text/html'], /must be text\/xml or application\/xml/],
  ])('%j → exit 2 with one clear line and a hint', async (argv, message) => {
    const c = io();
    expect(await runMnsLocalCli(['--port', '0', ...argv], c.io)).toBe(2);
    const lines = c.err().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toBe("Run 'mns-local --help' for usage.");
  });

  it('the flags reach the server: content type, long-poll cap, TPS limit with its hold', async () => {
    const controller = new AbortController();
    let server: MnsLocalServer | undefined;
    const c = io(controller.signal, (s) => {
      server = s;
    });
    const running = runMnsLocalCli(
      [
        '--port',
        '0',
        '--max-long-polls-per-queue',
        '1',
        '--tps-limit',
        '4',
        '--throttle-hold-ms',
        '0',
        '--response-content-type',
        'application/xml',
        '--stale-handle-after-visibility-change',
        'reject',
      ],
      c.io,
    );
    await expect.poll(() => server, { timeout: 10_000 }).toBeDefined();
    const client = createTestClient(server!, 'socket');
    const created = await client.request({ method: 'PUT', path: '/queues/f', body: '<Queue/>' });
    expect(created.status).toBe(201);
    const held = client.request({ method: 'GET', path: '/queues/f/messages?waitseconds=30' });
    await expect.poll(() => server!.admin.stats().waitingReceives, { timeout: 10_000 }).toBe(1);
    const capped = await client.request({ method: 'GET', path: '/queues/f/messages?waitseconds=30' });
    expect([capped.status, errorCode(capped.body)]).toEqual([404, 'MessageNotExist']);
    expect(capped.headers['content-type']).toBe('application/xml;charset=utf-8');
    // Four tokens per second on queue f: CreateQueue, the held receive and the capped one took three.
    expect((await client.request({ method: 'GET', path: '/queues/f' })).status).toBe(200);
    const over = await client.request({ method: 'GET', path: '/queues/f' });
    expect([over.status, errorCode(over.body)]).toEqual([429, 'TooManyRequests']);
    client.close();
    controller.abort();
    expect(await running).toBe(0);
    await held.catch(() => undefined);
  });
});
