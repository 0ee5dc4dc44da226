// A loopback TCP proxy that adds a fixed one-way delay to every chunk in each direction, so a benchmark can see a
// client across a network (RTT = 2 × oneWayMs plus loopback). 127.0.0.1 only; bounded: at most `maxBufferedBytes`
// are held per direction of a connection (the sender is paused beyond that), and the proxy closes itself after
// `lifetimeMs` even if nobody calls close().
import { createConnection, createServer } from 'node:net';

/**
 * @param {{ target: { host: string, port: number }, oneWayMs: number, maxBufferedBytes?: number, lifetimeMs?: number }} o
 * @returns {Promise<{ port: number, origin: string, close(): Promise<void> }>}
 */
export async function startDelayProxy({
  target,
  oneWayMs,
  maxBufferedBytes = 8 * 1024 * 1024,
  lifetimeMs = 30 * 60_000,
}) {
  if (!(oneWayMs >= 0 && oneWayMs <= 10_000))
    throw new RangeError(`oneWayMs must be 0–10000, got ${oneWayMs}`);
  const sockets = new Set();
  // Chunks scheduled with the same delay fire in the order they were scheduled (one Node timer list per
  // duration), so each direction stays a byte-exact, ordered stream.
  const pipeDelayed = (from, to) => {
    let held = 0;
    from.on('data', (chunk) => {
      held += chunk.length;
      if (held > maxBufferedBytes) from.pause();
      setTimeout(() => {
        held -= chunk.length;
        if (!to.destroyed) to.write(chunk);
        if (held <= maxBufferedBytes && from.isPaused()) from.resume();
      }, oneWayMs);
    });
    from.on('end', () => setTimeout(() => to.end(), oneWayMs));
  };
  const server = createServer({ noDelay: true }, (client) => {
    const upstream = createConnection({ host: target.host, port: target.port, noDelay: true });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    pipeDelayed(client, upstream);
    pipeDelayed(upstream, client);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const close = () =>
    new Promise((resolve) => {
      clearTimeout(selfStop);
      for (const s of sockets) s.destroy();
      if (!server.listening) resolve();
      else server.close(() => resolve());
    });
  const selfStop = setTimeout(close, lifetimeMs);
  selfStop.unref();
  const { port } = server.address();
  return { port, origin: `http://127.0.0.1:${port}`, close };
}

/**
 * Starts the proxy in its own process (so its CPU is not the client's, as a real network's is not), listening on
 * 127.0.0.1. The child exits when told to, when this process goes away (its stdin closes), or after `lifetimeMs`.
 */
export async function startDelayProxyProcess({ target, oneWayMs, lifetimeMs = 30 * 60_000 }) {
  const { spawn } = await import('node:child_process');
  const { once } = await import('node:events');
  const { fileURLToPath } = await import('node:url');
  const child = spawn(
    process.execPath,
    [fileURLToPath(import.meta.url), `${target.host}:${target.port}`, String(oneWayMs), String(lifetimeMs)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  child.stdout.setEncoding('utf8');
  const [line] = await Promise.race([
    once(child.stdout, 'data'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`delay proxy exited early with ${code}`);
    }),
  ]);
  const port = Number(/^port (\d+)/.exec(String(line))?.[1]);
  if (!port) throw new Error(`delay proxy printed ${line}`);
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

if (process.argv[1] === (await import('node:url')).fileURLToPath(import.meta.url)) {
  const [hostPort, oneWay, lifetime] = process.argv.slice(2);
  const [host, port] = String(hostPort).split(':');
  if (host !== '127.0.0.1' && host !== 'localhost')
    throw new Error(`delay proxy targets loopback only, got ${host}`);
  const proxy = await startDelayProxy({
    target: { host, port: Number(port) },
    oneWayMs: Number(oneWay),
    lifetimeMs: Number(lifetime),
  });
  const exit = () => void proxy.close().then(() => process.exit(0));
  process.stdin.on('end', exit).on('close', exit).resume();
  process.once('SIGTERM', exit);
  setTimeout(exit, Number(lifetime)).unref();
  process.stdout.write(`port ${proxy.port}\n`);
}
