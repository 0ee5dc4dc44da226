import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1:0 that answers every request with `respond` — streams forever, dribbles,
 * sends huge documents — for what a broken or hostile MNS endpoint can do to the client. `closed` counts
 * responses whose connection went away before they ended (the client gave up on them).
 */
export interface HostileServer extends AsyncDisposable {
  readonly endpoint: string;
  /** Requests received. */
  readonly requests: number;
  /** Responses cut off by the client closing the connection. */
  readonly abandoned: number;
  /** Resolves when the client has abandoned `count` responses. */
  abandonedAtLeast(count: number): Promise<void>;
}

export async function startHostileServer(
  respond: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<HostileServer> {
  let requests = 0;
  let abandoned = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((req, res) => {
    requests++;
    res.on('close', () => {
      if (res.writableFinished) return;
      abandoned++;
      for (const w of waiters.filter((x) => abandoned >= x.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
    req.resume();
    req.on('end', () => respond(req, res));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get abandoned() {
      return abandoned;
    },
    abandonedAtLeast: (count) =>
      abandoned >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes `chunk` for as long as the connection is open, as fast as the client reads. */
export function streamForever(res: ServerResponse, chunk: Buffer): void {
  const pump = (): void => {
    while (!res.destroyed) {
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

/** Writes one byte every `everyMs` until the connection closes. */
export function dribble(res: ServerResponse, everyMs: number): void {
  const timer = setInterval(() => {
    if (res.destroyed) clearInterval(timer);
    else res.write(' ');
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

/** One `<Message>` of a receive response (body `a`, correct MD5). */
export const RECEIVED_MESSAGE_XML =
  '<Message><MessageId>5F1E2D3C4B5A69788796A5B4C3D2E1F0</MessageId><ReceiptHandle>1-ODU4OTkzNDU5My0xNDMyNzI3ODI3LTItOA==</ReceiptHandle>' +
  '<MessageBodyMD5>0CC175B9C0F1B6A831C399E269772661</MessageBodyMD5><MessageBody>a</MessageBody><EnqueueTime>1250700979248</EnqueueTime>' +
  '<NextVisibleTime>1250700979249</NextVisibleTime><FirstDequeueTime>1250700979249</FirstDequeueTime><DequeueCount>1</DequeueCount><Priority>8</Priority></Message>';
