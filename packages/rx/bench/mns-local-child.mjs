// Child process of run.mjs: an mns-local server on its own core (the consumer under test runs in the parent).
// IPC: parent sends { fill: { queue, count } } / { total: queue } / { close: true }; the child answers.
import { fileURLToPath } from 'node:url';

const { startMnsLocal } = await import(
  fileURLToPath(new URL('../../mns-local/dist/index.js', import.meta.url))
);
const { createVodEvent } = await import(
  fileURLToPath(new URL('../../core/dist/testing/index.js', import.meta.url))
);

function body(i) {
  const VideoId = i.toString(16).padStart(32, '0');
  return JSON.stringify(
    createVodEvent(
      'FileUploadComplete',
      { VideoId },
      { seed: (i % 1000) + 1, now: new Date(1_735_689_600_000 + i * 1000) },
    ),
  );
}

const server = await startMnsLocal({ port: 0, host: '127.0.0.1' });
process.send({
  ready: {
    endpoint: server.endpoint,
    region: server.region,
    accessKeyId: server.accessKeyId,
    accessKeySecret: server.accessKeySecret,
  },
});
process.on('message', async (m) => {
  if (m.fill) {
    server.admin.createQueue(m.fill.queue, { visibilityTimeout: 60 });
    for (let i = 0; i < m.fill.count; i += 1) server.admin.sendMessage(m.fill.queue, body(i));
    process.send({ filled: m.fill.queue });
  } else if (m.total) {
    const q = server.admin.queues().find((x) => x.name === m.total);
    process.send({ total: q.activeMessages + q.inactiveMessages + q.delayMessages });
  } else if (m.close) {
    await server.close();
    process.exit(0);
  }
});
