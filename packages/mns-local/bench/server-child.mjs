// Runs a server in its own process for the benchmark and prints its endpoint as JSON.
// Default: mns-local (from dist). With `--trivial`: a minimal node:http server answering every request with a
// fixed response of the same shape (the ceiling any Node HTTP server reaches on this machine, for comparison).
import { createServer } from 'node:http';
import { startMnsLocal } from '../dist/index.js';

let close;
let info;
if (process.argv.includes('--trivial')) {
  const message = (i) =>
    `<Message><MessageId>${'A'.repeat(32)}</MessageId><ReceiptHandle>${'B'.repeat(30)}-${i}</ReceiptHandle><MessageBodyMD5>${'C'.repeat(32)}</MessageBodyMD5><MessageBody>{"EventType":"FileUploadComplete","VideoId":"v-${i}","Status":"success"}</MessageBody><EnqueueTime>1</EnqueueTime><FirstDequeueTime>1</FirstDequeueTime><NextVisibleTime>2</NextVisibleTime><DequeueCount>1</DequeueCount><Priority>8</Priority></Message>`;
  const received = `<?xml version="1.0" encoding="UTF-8"?>\n<Messages xmlns="http://mns.aliyuncs.com/doc/v1">${Array.from({ length: 16 }, (_, i) => message(i)).join('')}</Messages>`;
  const sent = `<?xml version="1.0" encoding="UTF-8"?>\n<Messages xmlns="http://mns.aliyuncs.com/doc/v1">${'<Message><MessageId>X</MessageId><MessageBodyMD5>Y</MessageBodyMD5></Message>'.repeat(16)}</Messages>`;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const [status, body] =
        req.method === 'POST' ? [201, sent] : req.method === 'GET' ? [200, received] : [204, ''];
      const headers = { 'Content-Type': 'text/xml;charset=utf-8' };
      if (status !== 204) headers['Content-Length'] = String(Buffer.byteLength(body));
      res.writeHead(status, headers);
      res.end(body || undefined);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  info = { endpoint: `http://127.0.0.1:${server.address().port}`, accessKeyId: 'x', accessKeySecret: 'y' };
  close = () => new Promise((resolve) => server.close(resolve));
} else {
  const server = await startMnsLocal({ port: 0 });
  info = {
    endpoint: server.endpoint,
    accessKeyId: server.accessKeyId,
    accessKeySecret: server.accessKeySecret,
  };
  close = () => server.close();
}
process.stdout.write(`${JSON.stringify(info)}\n`);
// IPC: 'cpu' → this process's CPU time so far (µs), for per-message server cost.
process.on('message', (m) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    process.send({ cpuMicros: u.user + u.system });
  }
});
process.on('SIGTERM', () => {
  close().then(() => process.exit(0));
});
