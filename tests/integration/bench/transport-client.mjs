#!/usr/bin/env node
// Client-side throughput of @vodmns/mns-transport against @vodmns/mns-local over loopback. The server runs in a
// child process, so `client CPU` is this process's own CPU time per message.
// Run (after `pnpm run build`): node tests/integration/bench/transport-client.mjs [messages=20000]
import { spawn } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MnsClient } from '@vodmns/mns-transport';

const total = Number(process.argv[2] ?? 20_000);
let connects = 0;
subscribe('undici:client:connected', () => connects++);
const child = spawn(process.execPath, [fileURLToPath(new URL('./mns-local-child.mjs', import.meta.url))], {
  stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
});
const [line] = await once(createInterface({ input: child.stdout }), 'line');
const server = JSON.parse(line);
const client = new MnsClient({
  endpoint: server.endpoint,
  credentials: { accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret },
  connections: 16,
});
await client.createQueue({ queueName: 'bench' });
const body = JSON.stringify({
  EventTime: '2025-12-04T06:32:35Z',
  EventType: 'FileUploadComplete',
  VideoId: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
  Status: 'Success',
  Size: 10485760,
  FileUrl: 'https://outin-example.oss-cn-shanghai.aliyuncs.com/sv/abc/a.mp4?a=1&b=2',
});

async function measure(name, messages, run) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuUs = cpu.user + cpu.system;
  const perSec = (messages / ms) * 1000;
  console.log(
    `${name.padEnd(44)} ${Math.round(perSec).toLocaleString('en-US').padStart(9)} msg/s   client CPU ${(cpuUs / messages).toFixed(1).padStart(6)} µs/msg   (connections opened so far: ${connects})`,
  );
}

async function pool(concurrency, jobs, job) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs) {
        next++;
        await job();
      }
    }),
  );
}

console.log(
  `node ${process.version}; ${total} messages; 16 keep-alive connections; server in a child process`,
);
// warm-up
await pool(16, 500, () => client.sendMessage({ queueName: 'bench', messageBody: body }));
await pool(8, 40, async () => {
  const got = await client.batchReceiveMessage({ queueName: 'bench', numOfMessages: 16, waitSeconds: 0 });
  if (got.length)
    await client.batchDeleteMessage({ queueName: 'bench', receiptHandles: got.map((m) => m.receiptHandle) });
});

await measure('sendMessage (32 in flight)', total, () =>
  pool(32, total, () => client.sendMessage({ queueName: 'bench', messageBody: body })),
);
let received = 0;
await measure('batchReceiveMessage(16) + batchDeleteMessage', total, () =>
  pool(8, Number.POSITIVE_INFINITY, async () => {
    if (received >= total) throw Object.assign(new Error('done'), { done: true });
    const got = await client.batchReceiveMessage({ queueName: 'bench', numOfMessages: 16, waitSeconds: 0 });
    if (got.length === 0) throw Object.assign(new Error('done'), { done: true });
    received += got.length;
    await client.batchDeleteMessage({ queueName: 'bench', receiptHandles: got.map((m) => m.receiptHandle) });
  }).catch((e) => {
    if (!e.done) throw e;
  }),
);
const entries = Array.from({ length: 16 }, () => ({ messageBody: body }));
await measure('batchSendMessage(16) (8 in flight)', total, () =>
  pool(8, Math.ceil(total / 16), () => client.batchSendMessage({ queueName: 'bench', entries })),
);
received = 0;
await measure('receiveMessage + deleteMessage (32 in flight)', Math.min(total, 5000), () =>
  pool(32, Math.min(total, 5000), async () => {
    const m = await client.receiveMessage({ queueName: 'bench', waitSeconds: 0 });
    if (m) await client.deleteMessage({ queueName: 'bench', receiptHandle: m.receiptHandle });
  }),
);
await client.close();
child.stdin.end();
await once(child, 'exit');
