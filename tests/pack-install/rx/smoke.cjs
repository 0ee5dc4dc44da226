// CommonJS consumer of the packed @vodmns/rx (require(esm), Node >= 20.19).
const { ofEventType } = require('@vodmns/rx');
const { InMemoryQueuePort } = require('@vodmns/rx/testing');

const port = new InMemoryQueuePort();
port.createQueue('q');
if (typeof ofEventType !== 'function' || port.stats('q').total !== 0) {
  console.error('@vodmns/rx via require() is not usable');
  process.exit(1);
}
console.log('rx cjs ok');
