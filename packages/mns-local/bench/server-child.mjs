// Runs an mns-local server (from dist) in its own process for the benchmark; prints its endpoint as JSON.
import { startMnsLocal } from '../dist/index.js';

const server = await startMnsLocal({ port: 0 });
process.stdout.write(
  `${JSON.stringify({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret })}\n`,
);
// IPC: 'cpu' → the server process's CPU time so far (µs), for per-message server cost.
process.on('message', (m) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    process.send({ cpuMicros: u.user + u.system });
  }
});
process.on('SIGTERM', () => {
  server.close().then(() => process.exit(0));
});
