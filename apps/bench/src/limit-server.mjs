// The physical limit: the least an HTTP server can do per request on this machine. It reads the request body and
// answers with `?size=N` bytes, headers and body in one write, TCP_NODELAY on (as mns-local does).
import { createServer } from 'node:http';

const bodies = new Map();
function body(size) {
  let b = bodies.get(size);
  if (!b) {
    b = Buffer.alloc(size, 'x');
    bodies.set(size, b);
  }
  return b;
}

const server = createServer({ noDelay: true, keepAliveTimeout: 60_000 }, (req, res) => {
  const q = req.url.indexOf('size=');
  const size = q < 0 ? 0 : Number.parseInt(req.url.slice(q + 5), 10) || 0;
  req.resume();
  req.on('end', () => {
    const b = body(size);
    res.writeHead(200, { 'content-type': 'text/xml;charset=utf-8', 'content-length': b.length });
    res.end(b);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => server.close(() => process.exit(0)));
