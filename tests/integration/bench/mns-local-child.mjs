// Runs @vodmns/mns-local (dist) in its own process for the client benchmark; prints its endpoint as JSON.
import { startMnsLocal } from '@vodmns/mns-local';

const server = await startMnsLocal({ port: 0 });
process.stdout.write(
  `${JSON.stringify({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret })}\n`,
);
process.on('message', async (m) => {
  if (m === 'stats') process.send?.(server.admin.stats());
});
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.close();
  process.exit(0);
});
