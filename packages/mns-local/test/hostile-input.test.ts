import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DATA_DIR_LOCK_FILE,
  DATA_DIR_LOCKED,
  DataDirLockedError,
  runMnsLocalCli,
  startMnsLocal,
} from '../src/index.js';
import { openFixture } from './helpers/fixture.js';
import { errorCode } from './helpers/test-client.js';

// Issue #17: hostile requests to mns-local. Every case is answered, in bounded work, with the real cause.

const MIB = 1024 * 1024;
/** `head` + `unit` repeated + `tail`, just under the default 1 MiB body limit. */
const fill = (head: string, unit: string, tail = ''): string =>
  head + unit.repeat(Math.floor((MIB - 1024 - head.length - tail.length) / unit.length)) + tail;

/** CPU time (user + system) of this process while `fn` runs, ms. Not wall time: load does not inflate it. */
async function cpuMs<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.cpuUsage();
  const value = await fn();
  const d = process.cpuUsage(start);
  return { ms: (d.user + d.system) / 1000, value };
}

describe('hostile request bodies (socket, signed): answered in linear time', () => {
  it.each([
    ['"<!---->" × n + "!" (the root-element regex was exponential)', 400, fill('', '<!---->', '!')],
    ['"<Message>" + "<!--" × n (comment stripping was quadratic)', 400, fill('<Message>', '<!--')],
    ['a CDATA-open flood', 400, fill('<Message><MessageBody>', '<![CDATA[')],
    ['deep nesting', 400, fill('<Message>', '<a>')],
    ['many elements', 400, fill('<Messages>', '<Message/>', '</Messages>')],
    // Well-formed: the comments are skipped and the message is stored.
    [
      'comments between elements',
      201,
      fill('<Message>', '<!---->', '<MessageBody>a</MessageBody></Message>'),
    ],
  ])(
    'a ~1 MiB body of %s → %i within 200 ms of CPU; the server keeps serving',
    async (_name, status, body) => {
      await using t = await openFixture('socket');
      await t.createQueue('q');
      const { ms, value } = await cpuMs(() =>
        t.client.request({ method: 'POST', path: '/queues/q/messages', body }),
      );
      expect(value.status).toBe(status);
      if (status === 400) expect(['MalformedXML', 'InvalidArgument']).toContain(errorCode(value.body));
      // Client and server share this process: the bound covers signing, both HTTP stacks and the parse.
      expect(ms).toBeLessThan(200);
      expect((await t.send('q', 'still here')).status).toBe(201);
      expect(t.server.admin.peek('q').map((m) => m.body)).toEqual(
        status === 201 ? ['a', 'still here'] : ['still here'],
      );
    },
  );

  it.each(['&#xD800;', '&#x110000;', '&#99999999999999999999;'])(
    'a character reference to a non-character (%s) → 400 MalformedXML, nothing stored',
    async (ref) => {
      await using t = await openFixture('socket');
      await t.createQueue('q');
      const r = await t.send('q', `a${ref}b`);
      expect(r.status).toBe(400);
      expect(errorCode(r.body)).toBe('MalformedXML');
      expect(r.body).toMatch(/(is not|too long to be) an XML character/);
      expect(t.server.admin.peek('q')).toEqual([]);
      expect((await t.send('q', 'a&#x1F600;b')).status).toBe(201);
      expect(t.server.admin.peek('q').map((m) => m.body)).toEqual(['a\u{1F600}b']);
    },
  );
});

/** Opens `count` TCP connections that send nothing. */
async function silentSockets(port: number, count: number): Promise<Socket[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      await once(socket, 'connect');
      return socket;
    }),
  );
}

describe('connections', () => {
  it('connections that send no byte are closed after headersTimeoutMs (from accept), unanswered', async () => {
    await using t = await openFixture('socket', { headersTimeoutMs: 1000 });
    const sockets = await silentSockets(t.server.port, 50);
    const received: number[] = sockets.map(() => 0);
    sockets.forEach((s, i) => {
      s.on('data', (d: Buffer) => {
        received[i]! += d.length;
      });
    });
    // Event-driven: each close is awaited (vitest's timeout is the deadline), no sleep.
    await Promise.all(sockets.map((s) => (s.closed ? undefined : once(s, 'close'))));
    expect(received.every((n) => n === 0)).toBe(true);
    expect((await t.get('/queues')).status).toBe(200);
  });

  it('a partial head still gets 408 RequestTimeout', async () => {
    await using t = await openFixture('socket', { headersTimeoutMs: 1000 });
    const [socket] = await silentSockets(t.server.port, 1);
    let text = '';
    socket!.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket!.write('GET /queues HTTP/1.1\r\nHost: x\r\n');
    await once(socket!, 'close');
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(errorCode(text.slice(text.indexOf('\r\n\r\n') + 4))).toBe('RequestTimeout');
  });

  it('maxConnections caps open connections; a closed one frees its place', async () => {
    await using t = await openFixture('socket', { maxConnections: 4 });
    const held = await silentSockets(t.server.port, 4);
    const [extra] = await silentSockets(t.server.port, 1);
    if (!extra!.closed) await once(extra!, 'close');
    for (const s of held) s.destroy();
    await Promise.all(held.map((s) => (s.closed ? undefined : once(s, 'close'))));
    // The server notices the closes asynchronously: poll with a generous deadline.
    for (const deadline = Date.now() + 10_000; ; ) {
      const r = await t.get('/queues').catch(() => undefined);
      if (r?.status === 200) break;
      expect(Date.now()).toBeLessThan(deadline);
    }
  });
});

describe('header fields', () => {
  it('2,500 small headers → 431 RequestHeaderTooLarge naming the count (not a missing Authorization)', async () => {
    await using t = await openFixture('socket');
    const socket = connect(t.server.port, '127.0.0.1');
    socket.on('error', () => {});
    await once(socket, 'connect');
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.write(
      `GET /queues HTTP/1.1\r\nHost: x\r\nDate: ${new Date().toUTCString()}\r\n${'a:b\r\n'.repeat(2500)}` +
        'Authorization: MNS LTAI-mns-local:AAAA\r\n\r\n',
    );
    await once(socket, 'close');
    expect(text).toMatch(/^HTTP\/1\.1 431/);
    const body = text.slice(text.indexOf('\r\n\r\n') + 4);
    expect(errorCode(body)).toBe('RequestHeaderTooLarge');
    expect(body).toContain('more than 200 header fields');
  });

  it('a signed request with many (but not too many) headers is served', async () => {
    await using t = await openFixture('socket', { maxHeaderCount: 200 });
    const headers = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`x-extra-${i}`, 'v']));
    expect((await t.get('/queues', headers)).status).toBe(200);
  });
});

describe('--data-dir lock', () => {
  const dirs: string[] = [];
  const freshDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'mns-local-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a second server on the same data dir fails with DataDirLockedError; after close it starts', async () => {
    const dir = freshDir();
    const first = await startMnsLocal({ dataDir: dir });
    expect(readFileSync(join(dir, DATA_DIR_LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    const second = await startMnsLocal({ dataDir: dir }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DataDirLockedError);
    expect(second).toMatchObject({ code: DATA_DIR_LOCKED, pid: process.pid, dataDir: dir });
    expect((second as Error).message).toContain(`data dir ${dir} is in use by another mns-local`);
    await first.close();
    expect(existsSync(join(dir, DATA_DIR_LOCK_FILE))).toBe(false);
    const third = await startMnsLocal({ dataDir: dir });
    await third.close();
  });

  it('a lock left by a dead process (or an earlier process with our PID) is stale and taken over', async () => {
    const dir = freshDir();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, DATA_DIR_LOCK_FILE), `${dead}\n`);
    const a = await startMnsLocal({ dataDir: dir });
    expect(readFileSync(join(dir, DATA_DIR_LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    await a.close();
    // A container restarted after a crash runs as the same PID: a lock with our PID that we do not hold is stale.
    writeFileSync(join(dir, DATA_DIR_LOCK_FILE), `${process.pid}\n`);
    const b = await startMnsLocal({ dataDir: dir });
    await b.close();
  });

  it('the CLI: the second `mns-local --data-dir` exits 1 with one clear line', async () => {
    const dir = freshDir();
    const controller = new AbortController();
    let listening!: () => void;
    const started = new Promise<void>((resolve) => {
      listening = resolve;
    });
    const sink = { write: () => true };
    const first = runMnsLocalCli(['--port', '0', '--data-dir', dir], {
      stdout: sink,
      stderr: sink,
      env: {},
      signal: controller.signal,
      onListening: () => listening(),
    });
    await started;
    let stderr = '';
    const code = await runMnsLocalCli(['--port', '0', '--data-dir', dir], {
      stdout: sink,
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      signal: AbortSignal.abort(),
    });
    controller.abort();
    expect(await first).toBe(0);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      new RegExp(`^mns-local: cannot start: ${DATA_DIR_LOCKED} data dir .* is in use by another mns-local`),
    );
  });
});
