// ESM consumer of the packed @vodmns/mns-transport: signs the SendMessage V1 vector from
// spec/mns-signature-vectors.json, then a real MnsClient (undici) fails cleanly against a closed port.
import { createServer } from 'node:net';
import { MnsClient } from '@vodmns/mns-transport';
import { authorizationV1, signaturesEqual } from '@vodmns/mns-transport/signing';

const request = {
  method: 'POST',
  resource: '/queues/test-queue/messages',
  headers: {
    'content-md5': 'MGI1OGNkYTA1MjY4YjYyN2Y4YWJiYTMzYTJiODgwMTY=',
    'content-type': 'text/xml;charset=UTF-8',
    'x-mns-version': '2015-06-06',
    date: 'Thu, 09 Jul 2015 03:01:34 GMT',
  },
};
const credentials = {
  accessKeyId: 'LTAIexampleAKID0001',
  accessKeySecret: 'exampleSecretKeyForTestsOnly0001',
};
const expected = 'MNS LTAIexampleAKID0001:msyCNR6SG96mpb2TWtvJ4hFsdJY=';
const actual = authorizationV1(request, credentials);
if (!signaturesEqual(actual, expected)) {
  console.error(`V1 signature mismatch: got ${actual}, want ${expected}`);
  process.exit(1);
}

// a port that was free a moment ago: connection refused
const probe = createServer();
await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
const { port } = probe.address();
await new Promise((resolve) => probe.close(resolve));
const client = new MnsClient({
  endpoint: `http://127.0.0.1:${port}`,
  credentials,
  retry: { maxAttempts: 1 },
});
try {
  await client.listQueues();
  console.error('listQueues against a closed port succeeded');
  process.exit(1);
} catch (error) {
  if (typeof error?.code !== 'string' || String(error.message).includes(credentials.accessKeySecret)) {
    console.error('unexpected error shape', error);
    process.exit(1);
  }
} finally {
  await client.close();
}
console.log('mns-transport esm ok');
