import { Agent, request as httpRequest } from 'node:http';
import { parseXmlDocument, type XmlNode, xmlChildren, xmlText } from '@vodmns/mns-transport/codec';
import { authorizationV1, contentMd5 } from '@vodmns/mns-transport/signing';
import type { MnsLocalServer } from '../../src/index.js';

/** How a test reaches the server: `handle()` directly, or HTTP over loopback. */
export type Mode = 'in-process' | 'socket';
export const MODES: readonly Mode[] = ['in-process', 'socket'];

export interface TestRequest {
  readonly method: string;
  /** Raw request-target. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Sign with the server's primary key (default true). */
  readonly sign?: boolean;
  /** Override the Date header (default: the server clock's now). */
  readonly date?: string;
  readonly credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface TestClient {
  request(req: TestRequest): Promise<TestResponse>;
  close(): void;
}

/** A tiny signed MNS client for tests (not the transport package: boundary). */
export function createTestClient(server: MnsLocalServer, mode: Mode): TestClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const hostHeader = new URL(server.endpoint).host;
  return {
    async request(req) {
      const body =
        req.body === undefined
          ? undefined
          : Buffer.isBuffer(req.body)
            ? req.body
            : Buffer.from(req.body, 'utf8');
      const headers: Record<string, string> = {
        date: req.date ?? new Date(server.clock.now()).toUTCString(),
        'x-mns-version': '2015-06-06',
        host: hostHeader,
        ...req.headers,
      };
      if (body !== undefined) {
        headers['content-type'] ??= 'text/xml;charset=UTF-8';
        headers['content-md5'] ??= contentMd5(body);
        headers['content-length'] = String(body.length);
      }
      if (req.sign !== false) {
        const creds = req.credentials ?? server;
        headers.authorization = authorizationV1({ method: req.method, resource: req.path, headers }, creds);
        if (req.credentials?.securityToken !== undefined)
          headers['security-token'] = req.credentials.securityToken;
      }
      for (const k of Object.keys(headers)) if (headers[k] === undefined) delete headers[k];
      if (mode === 'in-process') {
        const r = await server.handle({ method: req.method, url: req.path, headers, body });
        const lower: Record<string, string> = {};
        for (const [k, v] of Object.entries(r.headers)) lower[k.toLowerCase()] = v;
        return { status: r.status, headers: lower, body: r.body };
      }
      const url = new URL(server.endpoint);
      return new Promise<TestResponse>((resolve, reject) => {
        const r = httpRequest(
          { host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const h: Record<string, string> = {};
              for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h[k] = v;
              resolve({
                status: res.statusCode ?? 0,
                headers: h,
                body: Buffer.concat(chunks).toString('utf8'),
              });
            });
            res.on('error', reject);
          },
        );
        r.on('error', reject);
        r.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/** Parses a response document; returns root name and node. */
export function xml(body: string): { root: string; node: XmlNode } {
  return parseXmlDocument(body);
}

/** Text of a child. */
export function text(node: XmlNode | undefined, name: string): string | undefined {
  return xmlText(node, name);
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  return xmlChildren(node, name);
}

/** The `<Code>` of an error body. */
export function errorCode(body: string): string | undefined {
  const doc = parseXmlDocument(body);
  return doc.root === 'Error' ? xmlText(doc.node, 'Code') : undefined;
}

/** Element names of a node in document order (for "exactly these children" checks). */
export function childNames(node: XmlNode): string[] {
  return typeof node === 'string' ? [] : Object.keys(node).sort();
}

export function sendBody(body: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Message xmlns="http://mns.aliyuncs.com/doc/v1/"><MessageBody>${body}</MessageBody>${extra}</Message>`;
}

export function batchSendBody(bodies: readonly string[], extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Messages xmlns="http://mns.aliyuncs.com/doc/v1/">${bodies
    .map((b) => `<Message><MessageBody>${b}</MessageBody>${extra}</Message>`)
    .join('')}</Messages>`;
}

export function batchDeleteBody(handles: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ReceiptHandles xmlns="http://mns.aliyuncs.com/doc/v1/">${handles
    .map((h) => `<ReceiptHandle>${h}</ReceiptHandle>`)
    .join('')}</ReceiptHandles>`;
}
