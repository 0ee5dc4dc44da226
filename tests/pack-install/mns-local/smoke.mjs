// ESM consumer of the packed @vodmns/mns-local: starts the server on an ephemeral port, uses it, closes it.
import { startMnsLocal } from '@vodmns/mns-local';

const server = await startMnsLocal({ port: 0 });
try {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(server.endpoint) || server.port === 0) {
    console.error(`unexpected endpoint ${server.endpoint}`);
    process.exit(1);
  }
  server.admin.createQueue('smoke');
  server.admin.sendMessage('smoke', 'hello');
  if (server.admin.peek('smoke').length !== 1) {
    console.error('the sent message is not in the queue');
    process.exit(1);
  }
  // an unsigned request over real HTTP is refused with an MNS error document
  const res = await fetch(`${server.endpoint}/queues/smoke/messages`);
  const body = await res.text();
  if (res.status < 400 || res.status >= 500 || !body.includes('<Code>')) {
    console.error(`unsigned request: status ${res.status}, body ${body}`);
    process.exit(1);
  }
  // the web console's files ship in the tarball (assets/console) and are served on loopback by default
  for (const path of ['', 'console.js', 'console.css']) {
    const page = await fetch(`${server.consoleUrl}${path}`);
    if (page.status !== 200 || (await page.text()).length < 100) {
      console.error(`console ${path || 'page'}: status ${page.status}`);
      process.exit(1);
    }
  }
} finally {
  await server.close();
}
console.log('mns-local esm ok');
