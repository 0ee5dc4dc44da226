import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MnsLocalServer, startMnsLocal } from '@vodmns/mns-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile } from '../../chaos/child-process-pool.js';
import { errorCode, sendRaw, signedRequest } from '../../chaos/raw-http.js';
import { chaosSeed, SeededRandom } from '../../chaos/seeded-random.js';

// Issue #17, mns-local side: hostile requests, validly signed with the server's (public, default) key, are each
// answered with the real cause in bounded work, and the server keeps serving.

const MIB = 1024 * 1024;
const fill = (head: string, unit: string, tail = ''): string =>
  head + unit.repeat(Math.floor((MIB - 1024 - head.length - tail.length) / unit.length)) + tail;

let server: MnsLocalServer;
beforeAll(async () => {
  server = await startMnsLocal({ headersTimeoutMs: 1000 });
  server.admin.createQueue('q');
});
afterAll(async () => {
  await server.close();
});

const credentials = (): { accessKeyId: string; accessKeySecret: string } => ({
  accessKeyId: server.accessKeyId,
  accessKeySecret: server.accessKeySecret,
});
const send = (body: string) =>
  sendRaw(
    server.port,
    signedRequest({ method: 'POST', target: '/queues/q/messages', body, credentials: credentials() }),
    30_000,
  );
async function cpuMs<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.cpuUsage();
  const value = await fn();
  const d = process.cpuUsage(start);
  return { ms: (d.user + d.system) / 1000, value };
}
async function stillServing(): Promise<void> {
  const r = await sendRaw(
    server.port,
    signedRequest({ method: 'GET', target: '/queues/q', credentials: credentials() }),
  );
  expect(r.status).toBe(200);
}

describe('hostile request bodies → 400 in linear time', () => {
  it.each([
    [
      '"<!---->" × n + "!" (was: exponential root-element regex, 14.6 s at 218 bytes)',
      fill('', '<!---->', '!'),
    ],
    ['"<Message>" + "<!--" × n (was: quadratic comment stripping, 65 s at 1 MB)', fill('<Message>', '<!--')],
    ['a CDATA-open flood (was: quadratic)', fill('<Message><MessageBody>', '<![CDATA[')],
  ])('%s: ~1 MiB answered within 200 ms of CPU', async (_name, body) => {
    const { ms, value } = await cpuMs(() => send(body));
    expect(value.status).toBe(400);
    expect(errorCode(value.body)).toBe('MalformedXML');
    expect(ms).toBeLessThan(200);
    await stillServing();
  });

  it.each(['&#xD800;', '&#x110000;', '&#99999999999999999999;'])(
    'a reference to a non-character %s → 400 MalformedXML (was: 201, stored literally)',
    async (ref) => {
      const before = server.admin.peek('q').length;
      const r = await send(`<Message><MessageBody>a${ref}b</MessageBody></Message>`);
      expect(r.status).toBe(400);
      expect(errorCode(r.body)).toBe('MalformedXML');
      expect(server.admin.peek('q')).toHaveLength(before);
    },
  );

  it('property: random bodies up to 1 MiB cost at most linear CPU time (≤ 200 ns per byte + 20 ms per request)', async () => {
    const seed = chaosSeed(0x17_0001);
    const random = new SeededRandom(seed);
    const tokens = [
      '<',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '<?',
      '?>',
      '&',
      '&#x',
      ';',
      '"',
      '<Message>',
      '<a ',
      '=',
      'x',
      ' ',
    ];
    for (let run = 0; run < 12; run++) {
      const palette = Array.from(
        { length: 1 + Math.floor(random.next() * 3) },
        () => tokens[Math.floor(random.next() * tokens.length)]!,
      );
      const target = Math.floor(random.next() * (MIB - 2048));
      const parts: string[] = [];
      for (let length = 0; length < target; ) {
        const token = palette[Math.floor(random.next() * palette.length)]!;
        parts.push(token);
        length += token.length;
      }
      const body = parts.join('');
      const { ms, value } = await cpuMs(() => send(body));
      expect(value.status, `seed ${seed} run ${run}`).toBeGreaterThanOrEqual(400);
      expect(value.status).toBeLessThan(500);
      expect(
        ms,
        `seed ${seed} run ${run}: ${Buffer.byteLength(body)} bytes of ${JSON.stringify(palette)}`,
      ).toBeLessThan(20 + Buffer.byteLength(body) * 0.0002);
    }
    await stillServing();
  });
});

describe('connections and heads', () => {
  it('300 connections that send nothing are closed after headersTimeoutMs (was: open after 130 s)', async () => {
    const sockets: Socket[] = await Promise.all(
      Array.from({ length: 300 }, async () => {
        const s = connect(server.port, '127.0.0.1');
        s.on('error', () => {});
        await once(s, 'connect');
        return s;
      }),
    );
    await Promise.all(sockets.map((s) => (s.closed ? undefined : once(s, 'close'))));
    await stillServing();
  });

  it('2,500 small headers → 431 RequestHeaderTooLarge (was: 400 MissingAuthorizationHeader)', async () => {
    const signed = signedRequest({ method: 'GET', target: '/queues/q', credentials: credentials() });
    // The fillers first, Authorization (last in a signed request) after them: Node used to drop it.
    const fillers = Array.from({ length: 2500 }, () => ['a', 'b'] as const);
    const r = await sendRaw(server.port, { ...signed, headers: [...fillers, ...signed.headers] });
    expect(r.status).toBe(431);
    expect(errorCode(r.body)).toBe('RequestHeaderTooLarge');
    expect(r.body).toContain('more than 200 header fields');
    await stillServing();
  });
});

/** Resolves once a CLI child prints its banner; rejects if it exits first. */
function listening(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`mns-local exited (${code}) before listening: ${out}`)));
  });
}

describe('--data-dir lock (built CLI, two processes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vodmns-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a second `mns-local --data-dir` on the same directory exits 1 with a clear message (was: both ran)', async () => {
    const bin = builtFile('@vodmns/mns-local', 'dist/bin.js');
    const first = spawn(process.execPath, [bin, '--port', '0', '--data-dir', dir], { stdio: 'pipe' });
    try {
      await listening(first);
      const second = spawn(process.execPath, [bin, '--port', '0', '--data-dir', dir], { stdio: 'pipe' });
      let err = '';
      second.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const [code] = (await once(second, 'exit')) as [number | null];
      expect(code).toBe(1);
      expect(err).toMatch(
        new RegExp(
          `cannot start: ERR_MNS_LOCAL_DATA_DIR_LOCKED data dir .* is in use by another mns-local \\(pid ${first.pid}`,
        ),
      );
    } finally {
      first.kill('SIGKILL');
      if (first.exitCode === null && first.signalCode === null) await once(first, 'exit');
    }
    // The first one was SIGKILLed: its lock is stale and the next start takes it over.
    const third = spawn(process.execPath, [bin, '--port', '0', '--data-dir', dir], { stdio: 'pipe' });
    try {
      await listening(third);
    } finally {
      third.kill('SIGKILL');
      if (third.exitCode === null && third.signalCode === null) await once(third, 'exit');
    }
  });
});
