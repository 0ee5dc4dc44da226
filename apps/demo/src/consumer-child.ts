// A consumer process for step 4 of the demo. It receives through @vodmns/rx and starts a handler for every
// message that never finishes (think: a worker stuck on a long job), reporting each one on stdout as JSON.
// The demo SIGKILLs it mid-flight: nothing is acked, its lease extensions stop, and MNS makes the messages visible
// again after the visibility timeout. Configuration comes from the environment (never argv: it carries the key).
import { MnsClient } from '@vodmns/mns-transport';
import { consume } from '@vodmns/rx';

const env = process.env;
const required = (name: string): string => {
  const v = env[name];
  if (v === undefined || v === '') {
    process.stderr.write(`consumer-child: ${name} is not set\n`);
    process.exit(2);
  }
  return v;
};

const client = new MnsClient({
  endpoint: required('DEMO_MNS_ENDPOINT'),
  credentials: {
    accessKeyId: required('DEMO_ACCESS_KEY_ID'),
    accessKeySecret: required('DEMO_ACCESS_KEY_SECRET'),
    ...(env.DEMO_SECURITY_TOKEN ? { securityToken: env.DEMO_SECURITY_TOKEN } : {}),
  },
});
consume(
  client,
  (event, { delivery }) => {
    process.stdout.write(
      `${JSON.stringify({ holding: delivery.metadata.messageId, type: event.EventType, dequeueCount: delivery.metadata.dequeueCount })}\n`,
    );
    return new Promise(() => {});
  },
  {
    queueName: required('DEMO_QUEUE'),
    waitSeconds: 1,
    visibilityTimeoutSeconds: Number(required('DEMO_VISIBILITY_TIMEOUT_SECONDS')),
    concurrency: 16,
  },
);
process.stdout.write(`${JSON.stringify({ ready: process.pid })}\n`);
