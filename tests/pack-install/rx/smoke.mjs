// ESM consumer of the packed @vodmns/rx: an in-memory port from @vodmns/rx/testing, one VOD event consumed and acked.
import { createConsumer } from '@vodmns/rx';
import { InMemoryQueuePort } from '@vodmns/rx/testing';

const port = new InMemoryQueuePort();
port.createQueue('q');
const event = {
  Status: 'success',
  EventTime: '2025-03-14T02:31:08Z',
  EventType: 'FileUploadComplete',
  VideoId: '7f9aa338ae8e3196cdff6d7efebebaa8',
  Size: 52428800,
  FileUrl: 'http://example.oss-cn-shanghai.aliyuncs.com/sv/a.mp4',
};
await port.sendMessage({ queueName: 'q', messageBody: JSON.stringify(event) });
const consumer = createConsumer(port, { queueName: 'q' });
// ack while subscribed (unsubscribing aborts the delivery's lease), then drain: flushes the ack, completes events$
const acked = await new Promise((resolve, reject) => {
  consumer.events$.subscribe({
    next: (delivery) => {
      if (delivery.event.EventType !== 'FileUploadComplete' || delivery.event.VideoId !== event.VideoId) {
        reject(new Error(`unexpected delivery ${JSON.stringify(delivery.event)}`));
        return;
      }
      delivery.ack().then(resolve, reject);
    },
    error: reject,
  });
});
const drained = await consumer.drain({ timeoutMs: 10_000 });
if (!acked || drained.timedOut || port.stats('q').total !== 0) {
  console.error(
    `ack failed (acked=${acked}, drain=${JSON.stringify(drained)}, left=${port.stats('q').total})`,
  );
  process.exit(1);
}
console.log('rx esm ok');
