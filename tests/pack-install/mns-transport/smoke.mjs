// ESM consumer of the packed @vodmns/mns-transport: signs the SendMessage vector from spec/mns-signature-vectors.json.
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
console.log('mns-transport esm ok');
