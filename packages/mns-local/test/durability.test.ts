import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  type MnsLocalServer,
  systemClock,
} from '../src/index.js';
import {
  batchDeleteBody,
  batchSendBody,
  children,
  createTestClient,
  type TestClient,
  text,
  xml,
} from './helpers/test-client.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = join(packageDir, 'dist', 'bin.js');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return path.endsWith('.test.ts') ? 0 : st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function distIsStale(): boolean {
  const dependencyEntries = [
    '../core/dist/index.js',
    '../mns-transport/dist/signing/index.js',
    '../mns-transport/dist/codec/index.js',
  ];
  try {
    if (dependencyEntries.some((p) => !existsSync(join(packageDir, p)))) return true;
    return newestMtime(join(packageDir, 'src')) > statSync(bin).mtimeMs;
  } catch {
    return true;
  }
}

interface Child {
  readonly process: ChildProcess;
  readonly client: TestClient;
}

/** Starts `mns-local --port 0 --data-dir dir` as a child process and waits for its banner. */
async function startChild(dataDir: string): Promise<Child> {
  const child = spawn(process.execPath, [bin, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not start: ${out} ${err}`)), 20_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
  const server = {
    endpoint,
    accessKeyId: DEFAULT_ACCESS_KEY_ID,
    accessKeySecret: DEFAULT_ACCESS_KEY_SECRET,
    clock: systemClock,
  } as unknown as MnsLocalServer;
  return { process: child, client: createTestClient(server, 'socket') };
}

function kill9(child: Child): Promise<void> {
  child.client.close();
  return new Promise((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });
}

describe('durability (dataDir, SQLite): SIGKILL and restart', () => {
  let dir: string;
  beforeAll(() => {
    // The child runs the built CLI: (re)build when this package's dist is older than its sources or a dependency's
    // dist is missing (`tsc -b` builds the referenced core and mns-transport projects as needed).
    if (distIsStale()) {
      execFileSync(
        process.execPath,
        [join(packageDir, '../../node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
        {
          cwd: packageDir,
          stdio: 'pipe',
        },
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'mns-local-durable-'));
  }, 120_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged send, drops every acknowledged delete, keeps attributes, states and handles', async () => {
    const dataDir = join(dir, 'a');
    const first = await startChild(dataDir);
    const c = first.client;
    expect(
      (
        await c.request({
          method: 'PUT',
          path: '/queues/dq',
          body: '<Queue><VisibilityTimeout>600</VisibilityTimeout><MaximumMessageSize>2048</MaximumMessageSize></Queue>',
        })
      ).status,
    ).toBe(201);
    const send = (body: string, extra = '') =>
      c.request({
        method: 'POST',
        path: '/queues/dq/messages',
        body: `<Message><MessageBody>${body}</MessageBody>${extra}</Message>`,
      });
    for (let i = 0; i < 10; i++)
      expect((await send(`single-${i}`, i === 3 ? '<Priority>1</Priority>' : '')).status).toBe(201);
    const batch = await c.request({
      method: 'POST',
      path: '/queues/dq/messages',
      body: batchSendBody(Array.from({ length: 16 }, (_, i) => `batch-${i}`)),
    });
    expect(batch.status).toBe(201);
    expect((await send('delayed', '<DelaySeconds>3600</DelaySeconds>')).status).toBe(201);
    // Receive 4 (single-3 first by priority), delete 2 of them by handle, 1 more by batch delete.
    const got = await c.request({ method: 'GET', path: '/queues/dq/messages?numOfMessages=4' });
    const received = children(xml(got.body).node, 'Message').map((m) => ({
      body: text(m, 'MessageBody')!,
      handle: text(m, 'ReceiptHandle')!,
    }));
    expect(received.map((r) => r.body)).toEqual(['single-3', 'single-0', 'single-1', 'single-2']);
    expect(
      (
        await c.request({
          method: 'DELETE',
          path: `/queues/dq/messages?ReceiptHandle=${received[0]!.handle}`,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await c.request({
          method: 'DELETE',
          path: '/queues/dq/messages',
          body: batchDeleteBody([received[1]!.handle]),
        })
      ).status,
    ).toBe(204);
    await kill9(first);

    const second = await startChild(dataDir);
    try {
      const attrs = xml((await second.client.request({ method: 'GET', path: '/queues/dq' })).body).node;
      expect(text(attrs, 'VisibilityTimeout')).toBe('600');
      expect(text(attrs, 'MaximumMessageSize')).toBe('2048');
      expect([
        text(attrs, 'ActiveMessages'),
        text(attrs, 'InactiveMessages'),
        text(attrs, 'DelayMessages'),
      ]).toEqual(['22', '2', '1']);
      // The handles issued before the crash are still the current ones.
      expect(
        (
          await second.client.request({
            method: 'DELETE',
            path: `/queues/dq/messages?ReceiptHandle=${received[2]!.handle}`,
          })
        ).status,
      ).toBe(204);
      const bodies: string[] = [];
      for (;;) {
        const r = await second.client.request({
          method: 'GET',
          path: '/queues/dq/messages?numOfMessages=16',
        });
        if (r.status !== 200) break;
        for (const m of children(xml(r.body).node, 'Message')) {
          bodies.push(text(m, 'MessageBody')!);
          expect(text(m, 'DequeueCount')).toBe('1');
        }
      }
      expect(bodies).toEqual([
        ...Array.from({ length: 6 }, (_, i) => `single-${i + 4}`),
        ...Array.from({ length: 16 }, (_, i) => `batch-${i}`),
      ]);
    } finally {
      await kill9(second);
    }
  }, 60_000);

  it('SIGTERM: in-flight responses finish, exit code 0, the data is there after restart', async () => {
    const dataDir = join(dir, 'term');
    const first = await startChild(dataDir);
    await first.client.request({ method: 'PUT', path: '/queues/tq', body: '<Queue/>' });
    const held = first.client.request({ method: 'GET', path: '/queues/tq/messages?waitseconds=30' });
    expect(
      (
        await first.client.request({
          method: 'POST',
          path: '/queues/tq/messages',
          body: '<Message><MessageBody>kept</MessageBody></Message>',
          headers: {},
        })
      ).status,
    ).toBe(201);
    expect((await held).status).toBe(200);
    const parked = first.client.request({ method: 'GET', path: '/queues/tq/messages?waitseconds=30' });
    const waiting = async () =>
      (
        JSON.parse(
          (await first.client.request({ method: 'GET', path: '/__mns-local/stats', sign: false })).body,
        ) as {
          waitingReceives: number;
        }
      ).waitingReceives;
    await expect.poll(waiting, { timeout: 10_000 }).toBe(1);
    let stdout = '';
    first.process.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    const exited = new Promise<number | null>((resolve) =>
      first.process.once('exit', (code) => resolve(code)),
    );
    first.process.kill('SIGTERM');
    // The held receive is answered (MessageNotExist) rather than cut off.
    expect((await parked).status).toBe(404);
    expect(await exited).toBe(0);
    expect(stdout).toContain('mns-local stopped');
    first.client.close();
    const second = await startChild(dataDir);
    try {
      const attrs = xml((await second.client.request({ method: 'GET', path: '/queues/tq' })).body).node;
      expect(text(attrs, 'InactiveMessages')).toBe('1');
    } finally {
      await kill9(second);
    }
  }, 60_000);

  it('acknowledged sends survive a SIGKILL that lands in the middle of a burst', async () => {
    const dataDir = join(dir, 'b');
    const first = await startChild(dataDir);
    await first.client.request({ method: 'PUT', path: '/queues/burst', body: '<Queue/>' });
    const acked = new Set<string>();
    let stop = false;
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const body = `w${w}-${i}`;
        try {
          const r = await first.client.request({
            method: 'POST',
            path: '/queues/burst/messages',
            body: `<Message><MessageBody>${body}</MessageBody></Message>`,
          });
          if (r.status === 201) acked.add(body);
        } catch {
          return;
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    await expect.poll(() => acked.size, { timeout: 20_000, interval: 5 }).toBeGreaterThan(100);
    await kill9(first);
    stop = true;
    await Promise.all(workers);
    const ackedAtKill = [...acked];

    const second = await startChild(dataDir);
    try {
      const stored = new Set<string>();
      for (;;) {
        const r = await second.client.request({
          method: 'GET',
          path: '/queues/burst/messages?numOfMessages=16',
        });
        if (r.status !== 200) break;
        for (const m of children(xml(r.body).node, 'Message')) stored.add(text(m, 'MessageBody')!);
      }
      const lost = ackedAtKill.filter((b) => !stored.has(b));
      expect(lost).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(ackedAtKill.length);
    } finally {
      await kill9(second);
    }
  }, 60_000);
});
