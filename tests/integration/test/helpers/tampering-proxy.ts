import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP hop in front of a real mns-local server that forwards every request unchanged and, while
 * `corrupt` is true, flips the first hex digit of every `<MessageBodyMD5>` in responses; `replaceNext` swaps whole
 * responses for a gateway's HTML. Failures the local server cannot produce by itself.
 */
export interface TamperingProxy extends AsyncDisposable {
  readonly endpoint: string;
  corrupt: boolean;
  /** When set, the next responses are replaced by this status and body (like a misbehaving gateway). */
  replaceNext: { status: number; body: string; times: number } | undefined;
}

export async function startTamperingProxy(target: string): Promise<TamperingProxy> {
  const upstream = new URL(target);
  const state: { corrupt: boolean; replaceNext: TamperingProxy['replaceNext'] } = {
    corrupt: true,
    replaceNext: undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            let text = Buffer.concat(body).toString('utf8');
            if (state.corrupt) {
              text = text.replace(
                /<MessageBodyMD5>([0-9A-F])/g,
                (_m, d: string) => `<MessageBodyMD5>${d === '0' ? '1' : '0'}`,
              );
            }
            const headers = { ...up.headers };
            delete headers['transfer-encoding'];
            let status = up.statusCode ?? 502;
            const replace = state.replaceNext;
            if (replace !== undefined && replace.times > 0) {
              replace.times--;
              status = replace.status;
              text = replace.body;
              headers['content-type'] = 'text/html';
            }
            if (text !== '') headers['content-length'] = String(Buffer.byteLength(text));
            res.writeHead(status, headers);
            res.end(text);
          });
        },
      );
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get corrupt() {
      return state.corrupt;
    },
    set corrupt(value: boolean) {
      state.corrupt = value;
    },
    get replaceNext() {
      return state.replaceNext;
    },
    set replaceNext(value) {
      state.replaceNext = value;
    },
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
