// ESM consumer of the packed @vodmns/redis: a real redis-server (from @vodmns/redis/testing) and a minimal RESP
// client over node:net (the project installs neither redis nor ioredis): reserve, commit, has.
import { connect } from 'node:net';
import { RedisIdempotencyStore } from '@vodmns/redis';
import { startRedisServer } from '@vodmns/redis/testing';

/** Just enough RESP2 for the three commands the store sends. */
/** An error reply, named as ioredis names it (the store tells replies from network failures by that name). */
class ReplyError extends Error {}

function respClient(port) {
  const socket = connect(port, '127.0.0.1');
  let buffer = Buffer.alloc(0);
  const waiting = [];
  const parse = (at) => {
    const end = buffer.indexOf('\r\n', at);
    if (end < 0) return undefined;
    const type = String.fromCharCode(buffer[at]);
    const line = buffer.toString('utf8', at + 1, end);
    if (type === '+') return [line, end + 2];
    if (type === '-') return [new ReplyError(line), end + 2];
    if (type === ':') return [Number(line), end + 2];
    if (type === '$') {
      const n = Number(line);
      if (n < 0) return [null, end + 2];
      if (buffer.length < end + 2 + n + 2) return undefined;
      return [buffer.toString('utf8', end + 2, end + 2 + n), end + 2 + n + 2];
    }
    const items = [];
    let pos = end + 2;
    for (let i = 0; i < Number(line); i++) {
      const r = parse(pos);
      if (!r) return undefined;
      items.push(r[0]);
      pos = r[1];
    }
    return [items, pos];
  };
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const r = parse(0);
      if (!r) return;
      buffer = buffer.subarray(r[1]);
      const w = waiting.shift();
      if (r[0] instanceof Error) w.reject(r[0]);
      else w.resolve(r[0]);
    }
  });
  const send = (...args) =>
    new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
    });
  const script = (cmd, body, call) =>
    send(cmd, body, String(call.keys.length), ...call.keys, ...call.arguments);
  return {
    get: (key) => send('GET', key),
    evalSha: (sha, call) => script('EVALSHA', sha, call),
    eval: (source, call) => script('EVAL', source, call),
    close: () => socket.destroy(),
  };
}

const server = await startRedisServer();
const client = respClient(server.port);
try {
  const store = new RedisIdempotencyStore({ client, keyPrefix: 'smoke' });
  const first = await store.reserve('evt:1', 10_000);
  const second = await store.reserve('evt:1', 10_000);
  await store.commit('evt:1', 60_000);
  if (!first || second || !(await store.has('evt:1'))) {
    console.error(`redis store misbehaved (first=${first}, second=${second})`);
    process.exit(1);
  }
  console.log('redis esm ok');
} finally {
  client.close();
  await server.stop();
}
