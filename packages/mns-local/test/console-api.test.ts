// The console's JSON API and page over loopback HTTP (node:http, no mocks): inputs validated with clear
// errors, bodies bounded, peeking read-only, the access guards, and the on/off rules.
import { request } from 'node:http';
import { createVodEvent, ManualClock } from '@vodmns/core/testing';
import { describe, expect, it } from 'vitest';
import { resolveMnsLocalOptions } from '../src/options/mns-local-options.js';
import { type MnsLocalServer, startMnsLocal } from '../src/index.js';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: () => Record<string, unknown>;
}

function call(
  server: MnsLocalServer,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.endpoint}/__mns-local/console${path}`,
      {
        method,
        headers: {
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as Record<string, unknown>,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const errorOf = (r: Reply) => (r.json() as { error: { code: string; message: string } }).error;

describe('console API', () => {
  it('serves the page and its files with a strict CSP; nothing from outside the machine', async () => {
    await using server = await startMnsLocal();
    expect(server.consoleUrl).toBe(`${server.endpoint}/__mns-local/console/`);
    for (const [path, type] of [
      ['', 'text/html'],
      ['/', 'text/html'],
      ['/console.js', 'text/javascript'],
      ['/console.css', 'text/css'],
      ['/icon.svg', 'image/svg+xml'],
    ] as const) {
      const r = await call(server, 'GET', path);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toContain(type);
      expect(r.headers['content-security-policy']).toContain("default-src 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      // Only this server's own paths: no scheme-qualified URL to fetch anything from.
      expect(r.text).not.toMatch(/(?:src|href)=["']https?:/);
      expect(r.text).not.toMatch(/fetch\(\s*['"`]https?:/);
    }
    expect((await call(server, 'GET', '/nope.js')).status).toBe(404);
    expect((await call(server, 'POST', '/')).status).toBe(405);
  });

  it('lists, creates, purges and deletes queues with live counts and attributes', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    await using server = await startMnsLocal({ clock });
    const created = await call(server, 'POST', '/api/queues', {
      body: { name: 'q1', attributes: { visibilityTimeout: 60, delaySeconds: 0 } },
    });
    expect(created.status).toBe(201);
    expect(created.json()).toEqual({ name: 'q1', result: 'created' });
    expect(
      (
        await call(server, 'POST', '/api/queues', {
          body: { name: 'q1', attributes: { visibilityTimeout: 60 } },
        })
      ).json(),
    ).toEqual({
      name: 'q1',
      result: 'exists',
    });
    server.admin.sendMessage('q1', 'now');
    server.admin.sendMessage('q1', 'later', { delaySeconds: 30 });
    const listed = (await call(server, 'GET', '/api/queues')).json() as { queues: Record<string, unknown>[] };
    expect(listed.queues).toEqual([
      expect.objectContaining({
        name: 'q1',
        visibilityTimeout: 60,
        activeMessages: 1,
        inactiveMessages: 0,
        delayMessages: 1,
      }),
    ]);
    const purged = await call(server, 'POST', '/api/queues/q1/purge');
    expect(purged.json()).toEqual({ name: 'q1', purged: 2 });
    expect((await call(server, 'DELETE', '/api/queues/q1')).json()).toEqual({ name: 'q1', deleted: true });
    const gone = await call(server, 'DELETE', '/api/queues/q1');
    expect(gone.status).toBe(404);
    expect(errorOf(gone).code).toBe('QueueNotExist');
  });

  it('peeks: listing and reading messages changes neither visibility nor DequeueCount', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    await using server = await startMnsLocal({ clock, auth: false });
    server.admin.createQueue('q');
    const event = createVodEvent('FileUploadComplete', undefined, { seed: 5 });
    server.admin.sendMessage('q', JSON.stringify(event));
    server.admin.sendMessage(
      'q',
      Buffer.from(JSON.stringify(createVodEvent('SnapshotComplete'))).toString('base64'),
    );
    await server.handle({ method: 'GET', url: '/queues/q/messages', headers: {} });
    const before = server.admin.peek('q');
    for (let i = 0; i < 3; i++) {
      const list = (await call(server, 'GET', '/api/queues/q/messages')).json() as {
        total: number;
        messages: { id: string; dequeueCount: number; decoded: Record<string, unknown> }[];
      };
      expect(list.total).toBe(2);
      for (const m of list.messages) {
        expect((await call(server, 'GET', `/api/queues/q/messages/${m.id}`)).status).toBe(200);
      }
    }
    expect(server.admin.peek('q')).toEqual(before);
    const list = (await call(server, 'GET', '/api/queues/q/messages?limit=1')).json() as {
      total: number;
      messages: { decoded: Record<string, unknown> }[];
    };
    expect(list.total).toBe(2);
    expect(list.messages).toHaveLength(1);
    const [base64Message] = server.admin.peek('q');
    const detail = (await call(server, 'GET', `/api/queues/q/messages/${base64Message!.id}`)).json();
    expect(detail.decoded).toMatchObject({
      kind: 'vod-event',
      eventType: 'SnapshotComplete',
      encoding: 'base64',
    });
    expect(detail.base64Decoded).toBe(JSON.stringify(createVodEvent('SnapshotComplete')));
    expect(detail.raw).toBe(base64Message!.body);
    const missing = await call(server, 'GET', '/api/queues/q/messages/NOPE');
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('MessageNotExist');
  });

  it('sends messages and sample events of every type (core factories), decoded by core', async () => {
    await using server = await startMnsLocal();
    server.admin.createQueue('q');
    const info = (await call(server, 'GET', '/api/info')).json() as { eventTypes: string[] };
    expect(info.eventTypes).toHaveLength(22);
    for (const eventType of info.eventTypes) {
      const r = await call(server, 'POST', '/api/queues/q/samples', {
        body: { eventType, outcome: 'failure', seed: 7 },
      });
      expect(r.status).toBe(201);
    }
    const sent = await call(server, 'POST', '/api/queues/q/messages', {
      body: { body: 'plain', priority: 1, delaySeconds: 0 },
    });
    expect(sent.status).toBe(201);
    const list = (await call(server, 'GET', '/api/queues/q/messages?limit=200')).json() as {
      messages: { decoded: { kind: string; eventType?: string; known?: boolean; code?: string } }[];
    };
    expect(list.messages[0]!.decoded).toMatchObject({ kind: 'invalid', code: 'ERR_VOD_EVENT_INVALID_JSON' });
    const decoded = list.messages.slice(1).map((m) => m.decoded);
    expect(decoded.every((d) => d.kind === 'vod-event' && d.known === true)).toBe(true);
    expect(new Set(decoded.map((d) => d.eventType))).toEqual(new Set(info.eventTypes));
  });

  it.each([
    ['POST', '/api/queues', { name: 'bad name' }, 400, 'InvalidQueueName', /queue name/],
    ['POST', '/api/queues', {}, 400, 'InvalidArgument', /name is required/],
    ['POST', '/api/queues', { name: 'q', extra: 1 }, 400, 'InvalidArgument', /"extra" is not a field/],
    [
      'POST',
      '/api/queues',
      { name: 'q', attributes: { visibilityTimeout: 0 } },
      400,
      'InvalidArgument',
      /visibilityTimeout must be an integer in 1–43200, got 0/,
    ],
    [
      'POST',
      '/api/queues',
      { name: 'q', attributes: { bogus: 1 } },
      400,
      'InvalidArgument',
      /"bogus" is not a field/,
    ],
    ['POST', '/api/queues/q/messages', { body: '' }, 400, 'InvalidArgument', /body must be 1–65536 bytes/],
    [
      'POST',
      '/api/queues/q/messages',
      { body: 'x', priority: 17 },
      400,
      'InvalidArgument',
      /priority must be an integer in 1–16/,
    ],
    ['POST', '/api/queues/q/messages', { body: 42 }, 400, 'InvalidArgument', /body must be a string/],
    ['POST', '/api/queues/missing/messages', { body: 'x' }, 404, 'QueueNotExist', /not exist/],
    [
      'POST',
      '/api/queues/q/samples',
      { eventType: 'Nope' },
      400,
      'InvalidArgument',
      /eventType must be one of .*FileUploadComplete/,
    ],
    [
      'POST',
      '/api/queues/q/samples',
      { eventType: 'FileUploadComplete', outcome: 'meh' },
      400,
      'InvalidArgument',
      /outcome must be one of success, failure/,
    ],
    ['POST', '/api/simulations', { storageRegion: 'mars-1' }, 400, 'InvalidArgument', /storageRegion/],
    [
      'POST',
      '/api/simulations',
      { storageRegion: 'cn-beijing', uploads: 11 },
      400,
      'InvalidArgument',
      /uploads must be an integer in 1–10/,
    ],
    [
      'POST',
      '/api/simulations',
      { storageRegion: 'cn-beijing', outcome: 'oops' },
      400,
      'InvalidArgument',
      /outcome must be one of success, partial-failure/,
    ],
    [
      'GET',
      '/api/queues/q/messages?limit=0',
      undefined,
      400,
      'InvalidArgument',
      /limit must be an integer in 1–200/,
    ],
    ['GET', '/api/simulations/sim-99', undefined, 404, 'NotFound', /No simulation "sim-99"/],
    ['GET', '/api/nope', undefined, 404, 'NotFound', /No console API path \/nope/],
    ['PUT', '/api/queues', undefined, 405, 'MethodNotAllowed', /use GET or POST/],
  ] as const)('%s %s %j → %i %s', async (method, path, body, status, code, message) => {
    await using server = await startMnsLocal();
    server.admin.createQueue('q');
    const r = await call(server, method, path, body === undefined ? {} : { body });
    expect(r.status).toBe(status);
    expect(errorOf(r).code).toBe(code);
    expect(errorOf(r).message).toMatch(message);
  });

  it('bounds bodies and insists on JSON', async () => {
    await using server = await startMnsLocal();
    server.admin.createQueue('q');
    const big = await call(server, 'POST', '/api/queues/q/messages', {
      raw: `{"body":"${'x'.repeat(500_000)}"}`,
    });
    expect(big.status).toBe(413);
    expect(errorOf(big).code).toBe('RequestBodyTooLarge');
    const form = await call(server, 'POST', '/api/queues', {
      raw: 'name=q2',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const broken = await call(server, 'POST', '/api/queues', { raw: '{"name":' });
    expect(broken.status).toBe(400);
    expect(errorOf(broken).code).toBe('MalformedJson');
    const array = await call(server, 'POST', '/api/queues', { raw: '[]' });
    expect(errorOf(array).message).toBe('The request body must be a JSON object.');
    expect(server.admin.queues().map((q) => q.name)).toEqual(['q']);
  });

  it('keeps other web pages out: loopback Host names only, changes from its own origin only', async () => {
    await using server = await startMnsLocal();
    const rebound = await call(server, 'GET', '/api/queues', {
      headers: { Host: `evil.example:${server.port}` },
    });
    expect(rebound.status).toBe(403);
    expect(errorOf(rebound).message).toMatch(/bound to loopback/);
    expect((await call(server, 'GET', '/', { headers: { Host: `localhost:${server.port}` } })).status).toBe(
      200,
    );
    const crossSite = await call(server, 'POST', '/api/queues', {
      body: { name: 'x' },
      headers: { Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const otherOrigin = await call(server, 'POST', '/api/queues', {
      body: { name: 'x' },
      headers: { Origin: 'http://localhost:1' },
    });
    expect(otherOrigin.status).toBe(403);
    const sameOrigin = await call(server, 'POST', '/api/queues', {
      body: { name: 'x' },
      headers: { Origin: server.endpoint, 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(sameOrigin.status).toBe(201);
    expect(server.admin.queues().map((q) => q.name)).toEqual(['x']);
  });

  it('is on by default on loopback only; console: false turns it off (the admin prefix answers 404)', async () => {
    expect(resolveMnsLocalOptions({}).console).toBe(true);
    expect(resolveMnsLocalOptions({ host: 'localhost' }).console).toBe(true);
    expect(resolveMnsLocalOptions({ host: '::1' }).console).toBe(true);
    expect(resolveMnsLocalOptions({ host: '0.0.0.0' }).console).toBe(false);
    expect(resolveMnsLocalOptions({ host: '10.0.0.5' }).console).toBe(false);
    expect(resolveMnsLocalOptions({ host: '0.0.0.0', console: true }).console).toBe(true);
    expect(() => resolveMnsLocalOptions({ console: 'yes' as never })).toThrow(/console must be a boolean/);
    await using server = await startMnsLocal({ console: false });
    expect(server.consoleUrl).toBeUndefined();
    const r = await call(server, 'GET', '/');
    expect(r.status).toBe(404);
    expect((await call(server, 'GET', '/api/queues')).status).toBe(404);
  });

  it('simulates an upload into the routed queue with VOD delivery, and stops with the server', async () => {
    await using server = await startMnsLocal();
    const started = await call(server, 'POST', '/api/simulations', {
      body: { storageRegion: 'ap-southeast-1', paceMs: 0, seed: 3 },
    });
    expect(started.status).toBe(202);
    const view = started.json() as { id: string; queueName: string; queueRegion: string; total: number };
    expect(view).toMatchObject({ queueName: 'vod-events-ap-southeast-1', queueRegion: 'ap-southeast-1' });
    await expect
      .poll(async () => (await call(server, 'GET', `/api/simulations/${view.id}`)).json().state, {
        timeout: 20_000,
      })
      .toBe('done');
    const done = (await call(server, 'GET', `/api/simulations/${view.id}`)).json() as {
      deliveries: { outcome: string; attempts: number; messageId: string }[];
    };
    expect(done.deliveries.every((d) => d.outcome === 'delivered' && d.attempts === 1)).toBe(true);
    expect(
      server.admin
        .peek('vod-events-ap-southeast-1')
        .map((m) => m.id)
        .sort(),
    ).toEqual(done.deliveries.map((d) => d.messageId).sort());
    // Into a queue that does not exist: VOD's 3 attempts, then discarded.
    const lost = (
      await call(server, 'POST', '/api/simulations', {
        body: { storageRegion: 'cn-beijing', createQueue: false, queueName: 'missing-queue', paceMs: 0 },
      })
    ).json() as { id: string };
    await expect
      .poll(async () => (await call(server, 'GET', `/api/simulations/${lost.id}`)).json().state, {
        timeout: 30_000,
      })
      .toBe('done');
    const discarded = (await call(server, 'GET', `/api/simulations/${lost.id}`)).json() as {
      deliveries: { outcome: string; attempts: number; lastError: string }[];
    };
    expect(discarded.deliveries[0]).toMatchObject({ outcome: 'discarded', attempts: 3 });
    expect(discarded.deliveries[0]!.lastError).toMatch(/^QueueNotExist/);
  }, 60_000);
});
