// CommonJS consumer of the packed @vodmns/mns-transport (require(esm), Node >= 20.19).
const { signatureV1, stringToSignV1 } = require('@vodmns/mns-transport/signing');

const stringToSign = stringToSignV1({
  method: 'POST',
  resource: '/queues/test-queue/messages',
  headers: {
    'Content-MD5': 'MGI1OGNkYTA1MjY4YjYyN2Y4YWJiYTMzYTJiODgwMTY=',
    'Content-Type': 'text/xml;charset=UTF-8',
    'x-mns-version': '2015-06-06',
    Date: 'Thu, 09 Jul 2015 03:01:34 GMT',
  },
});
const signature = signatureV1(stringToSign, 'exampleSecretKeyForTestsOnly0001');
if (signature !== 'msyCNR6SG96mpb2TWtvJ4hFsdJY=') {
  console.error(`V1 signature mismatch: got ${signature}`);
  process.exit(1);
}
console.log('mns-transport cjs ok');
