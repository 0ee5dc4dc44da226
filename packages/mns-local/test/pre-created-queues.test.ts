import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type MnsLocalServer, parseQueueSpec, runMnsLocalCli, startMnsLocal } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mns-local-queues-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(signal: AbortSignal, onListening?: (s: MnsLocalServer) => void) {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      env: {},
      signal,
      ...(onListening ? { onListening } : {}),
    },
    out: () => stdout,
    err: () => stderr,
  };
}

describe('pre-created queues', () => {
  it('parseQueueSpec: name, then MNS attribute names (any case) with values', () => {
    expect(parseQueueSpec('vod-events')).toEqual({ name: 'vod-events' });
    expect(
      parseQueueSpec('vod-events:VisibilityTimeout=60,maximummessagesize=65536,LoggingEnabled=true'),
    ).toEqual({
      name: 'vod-events',
      attributes: { visibilityTimeout: 60, maximumMessageSize: 65536, loggingEnabled: true },
    });
  });

  it.each([
    ['1bad', /queue name must be a letter/],
    ['q:VisibilityTimeout', /expected Attribute=value, got "VisibilityTimeout"/],
    ['q:Visibility=3', /unknown queue attribute "Visibility" \(known: DelaySeconds/],
    ['q:VisibilityTimeout=0', /VisibilityTimeout must be an integer in 1–43200 seconds, got "0"/],
    ['q:MaximumMessageSize=1e5', /MaximumMessageSize must be an integer in 1024–65536 bytes, got "1e5"/],
    ['q:LoggingEnabled=yes', /LoggingEnabled must be true or false/],
  ])('parseQueueSpec(%j) throws a typed error naming the problem', (text, message) => {
    expect(() => parseQueueSpec(text)).toThrow(message);
    expect(() => parseQueueSpec(text)).toThrow(expect.objectContaining({ code: 'ERR_MNS_INVALID_ARGUMENT' }));
  });

  it('startMnsLocal({ queues }) creates them before it resolves; a name twice is refused', async () => {
    await using server = await startMnsLocal({
      queues: [
        'vod-events:VisibilityTimeout=60',
        { name: 'vod-events-dlq', attributes: { messageRetentionPeriod: 604800 } },
      ],
    });
    const queues = server.admin.queues();
    expect(queues.map((q) => q.name).sort()).toEqual(['vod-events', 'vod-events-dlq']);
    expect(queues.find((q) => q.name === 'vod-events')).toMatchObject({ visibilityTimeout: 60 });
    expect(queues.find((q) => q.name === 'vod-events-dlq')).toMatchObject({ messageRetentionPeriod: 604800 });
    await expect(startMnsLocal({ queues: ['a', 'a:DelaySeconds=1'] })).rejects.toThrow(
      /queues must be a list naming each queue once; got 'a'/,
    );
  });

  it('the CLI takes --queue (repeatable) and --config, and lists them in the banner', async () => {
    const config = join(dir, 'mns-local.json');
    writeFileSync(
      config,
      JSON.stringify({
        queues: ['from-file:PollingWaitSeconds=5', { name: 'dlq', attributes: { DelaySeconds: 2 } }],
      }),
    );
    const controller = new AbortController();
    let server: MnsLocalServer | undefined;
    const c = io(controller.signal, (s) => {
      server = s;
      controller.abort();
    });
    const code = await runMnsLocalCli(
      [
        '--port',
        '0',
        '--config',
        config,
        '--queue',
        'vod-events:VisibilityTimeout=60,MaximumMessageSize=65536',
        '--queue',
        'other',
      ],
      c.io,
    );
    expect(code).toBe(0);
    expect(c.out()).toContain('  queues:            from-file, dlq, vod-events, other\n');
    const q = server?.admin.queues() ?? [];
    expect(q.find((x) => x.name === 'vod-events')).toMatchObject({
      visibilityTimeout: 60,
      maximumMessageSize: 65536,
    });
    expect(q.find((x) => x.name === 'from-file')).toMatchObject({ pollingWaitSeconds: 5 });
    expect(q.find((x) => x.name === 'dlq')).toMatchObject({ delaySeconds: 2 });
  });

  it.each([
    [
      ['--queue', 'q:VisibilityTimeout=99999'],
      /--queue q:VisibilityTimeout=99999: VisibilityTimeout must be an integer in 1–43200/,
    ],
    [['--config', '/nonexistent/x.json'], /--config \/nonexistent\/x.json: cannot read: ENOENT/],
    [['--config', 'BAD_JSON'], /not valid JSON/],
    [['--config', 'UNKNOWN_KEY'], /unknown key "queue" \(known: queues\)/],
  ])('%j → exit 2 with one clear line and a hint, nothing started', async (argv, message) => {
    writeFileSync(join(dir, 'bad.json'), '{ "queues": [');
    writeFileSync(join(dir, 'unknown.json'), '{ "queue": [] }');
    const args = argv.map((a) =>
      a === 'BAD_JSON' ? join(dir, 'bad.json') : a === 'UNKNOWN_KEY' ? join(dir, 'unknown.json') : a,
    );
    const c = io(new AbortController().signal);
    expect(await runMnsLocalCli(['--port', '0', ...args], c.io)).toBe(2);
    const lines = c.err().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(message);
    expect(c.out()).toBe('');
  });
});
