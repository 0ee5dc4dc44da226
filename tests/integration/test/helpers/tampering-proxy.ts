import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP hop in front of a real mns-local server that forwards every request unchanged and, while
 * `corrupt` is true, flips the first hex digit of every `<MessageBodyMD5>` in responses — the one failure the
 * local server cannot produce by itself.
 */
export interface Md5CorruptingProxy extends AsyncDisposable {
  readonly endpoint: string;
  corrupt: boolean;
}

export async function startMd5CorruptingProxy(target: string): Promise<Md5CorruptingProxy> {
  const upstream = new URL(target);
  const state = { corrupt: true };
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
            if (text !== '') headers['content-length'] = String(Buffer.byteLength(text));
            res.writeHead(up.statusCode ?? 502, headers);
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
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
