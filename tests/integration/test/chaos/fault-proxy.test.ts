// The fault proxy itself, against a plain node:http upstream on loopback: it must forward byte-exact when
// idle, and each fault must show up on the client side as the broken wire it claims to be.
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseXmlDocument } from '@vodmns/mns-transport/codec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS, type FaultKind, FaultProxy } from '../../chaos/fault-proxy.js';

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n<Message><MessageId>ABC</MessageId></Message>';
let upstream: Server;
let upstreamPort = 0;
let seenByUpstream = 0;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seenByUpstream++;
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => {
      if (req.url === '/empty') {
        res.writeHead(204).end();
      } else if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/xml;charset=utf-8' });
        res.write(XML.slice(0, 20));
        res.end(XML.slice(20));
      } else {
        const out = `${XML}<!--${req.method} ${req.url} ${body.length}-->`;
        res.writeHead(200, {
          'content-type': 'text/xml;charset=utf-8',
          'content-length': Buffer.byteLength(out),
        });
        res.end(out);
      }
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  upstreamPort = (upstream.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((r) => upstream.close(() => r()));
});

interface Outcome {
  readonly status?: number;
  readonly body?: string;
  readonly error?: string;
  readonly ms: number;
}

function call(port: number, agent: Agent, path: string, method = 'GET', body = ''): Promise<Outcome> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent,
        timeout: 1500,
        headers: { 'content-length': body.length },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - start }),
        );
        res.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message, ms: 0 }));
        res.on('aborted', () => resolve({ error: 'aborted', ms: 0 }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message, ms: 0 }));
    req.end(body);
  });
}

async function withProxy<T>(rates: Partial<Record<FaultKind, number>>, fn: (p: FaultProxy) => Promise<T>) {
  const proxy = await FaultProxy.start({ upstreamPort, seed: 7, rates, stallMs: 200 });
  try {
    return await fn(proxy);
  } finally {
    await proxy.close();
  }
}

describe('FaultProxy', () => {
  it('forwards byte-exact on keep-alive connections when no fault is rolled (content-length, chunked, 204)', async () => {
    await withProxy({}, async (proxy) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let i = 0; i < 20; i++) {
          const r = await call(proxy.port, agent, `/q/${i}?a=%2e%2e&b=+`, 'POST', 'x'.repeat(i * 100));
          expect(r.status).toBe(200);
          expect(r.body).toBe(`${XML}<!--POST /q/${i}?a=%2e%2e&b=+ ${i * 100}-->`);
        }
        expect((await call(proxy.port, agent, '/chunked')).body).toBe(XML);
        expect((await call(proxy.port, agent, '/empty', 'DELETE')).status).toBe(204);
        expect((await call(proxy.port, agent, '/after-204')).status).toBe(200);
        expect(proxy.requests).toBe(23);
        expect(proxy.totalFaults).toBe(0);
      } finally {
        agent.destroy();
      }
    });
  });

  const cases: [FaultKind, (o: Outcome, upstreamDelta: number) => void][] = [
    [
      'resetBeforeForward',
      (o, d) => {
        expect(o.error).toBe('ECONNRESET');
        expect(d).toBe(0);
      },
    ],
    [
      'resetAfterForward',
      (o, d) => {
        expect(o.error).toBe('ECONNRESET');
        expect(d).toBe(1);
      },
    ],
    [
      'http500',
      (o, d) => {
        expect(o.status).toBe(500);
        expect(parseXmlDocument(o.body ?? '').root).toBe('Error');
        expect(o.body).toContain('<Code>InternalError</Code>');
        expect(d).toBe(0);
      },
    ],
    [
      'http503',
      (o, d) => {
        expect(o.status).toBe(503);
        expect(d).toBe(0);
      },
    ],
    [
      'throttle',
      (o) => {
        expect(o.status).toBe(400);
        expect(o.body).toContain('<Code>QpsLimitExceeded</Code>');
      },
    ],
    [
      'truncatedResponse',
      (o, d) => {
        expect(o.error).toMatch(/aborted|ECONNRESET|socket hang up|HPE_/);
        expect(d).toBe(1);
      },
    ],
    [
      'malformedXml',
      (o, d) => {
        expect(o.status).toBe(200);
        expect(() => parseXmlDocument(o.body ?? '')).toThrow();
        expect(d).toBe(1);
      },
    ],
    [
      'stall',
      (o) => {
        expect(o.status).toBe(200);
        expect(o.ms).toBeGreaterThanOrEqual(150);
      },
    ],
    [
      'blackhole',
      (o) => {
        expect(o.error).toBe('client timeout');
      },
    ],
  ];

  it.each(cases)('injects %s so the client sees it', async (kind, check) => {
    await withProxy({ [kind]: 1 }, async (proxy) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const before = seenByUpstream;
        const outcome = await call(proxy.port, agent, '/queues/q/messages');
        check(outcome, seenByUpstream - before);
        expect(proxy.counts[kind]).toBe(1);
        expect(proxy.totalFaults).toBe(1);
        // the proxy still serves new connections after the fault
        proxy.enabled = false;
        const fresh = new Agent({ keepAlive: false });
        expect((await call(proxy.port, fresh, '/after')).status).toBe(200);
        fresh.destroy();
      } finally {
        agent.destroy();
      }
    });
  });

  it('is deterministic for a seed and honours the eligibility filter', async () => {
    const sequence = async (): Promise<string[]> => {
      const seen: string[] = [];
      const proxy = await FaultProxy.start({
        upstreamPort,
        seed: 42,
        rates: { http500: 0.3, http503: 0.2 },
        eligible: (r) => r.target.startsWith('/faulty'),
      });
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let i = 0; i < 40; i++) {
          const path = i % 2 === 0 ? '/faulty' : '/safe';
          const r = await call(proxy.port, agent, path);
          if (path === '/safe') expect(r.status).toBe(200);
          seen.push(String(r.status));
        }
      } finally {
        agent.destroy();
        await proxy.close();
      }
      return seen;
    };
    const a = await sequence();
    expect(await sequence()).toEqual(a);
    expect(a.filter((s) => s !== '200').length).toBeGreaterThan(0);
  });

  it('rejects bad rates', async () => {
    await expect(
      FaultProxy.start({ upstreamPort, seed: 1, rates: { http500: 0.7, http503: 0.7 } }),
    ).rejects.toThrow(/sum to ≤ 1/);
    await expect(FaultProxy.start({ upstreamPort, seed: 1, rates: { http500: -1 } })).rejects.toThrow(
      /0\.\.1/,
    );
    expect(FAULT_KINDS).toHaveLength(9);
  });
});
