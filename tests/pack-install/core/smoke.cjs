// CommonJS consumer of the packed @vodmns/core (require(esm), Node >= 20.19).
const { isMnsError, MnsServiceError } = require('@vodmns/core');

const error = new MnsServiceError({
  code: 'QueueNotExist',
  message: 'The queue does not exist',
  fault: 'client',
  status: 404,
});
if (!isMnsError(error)) {
  console.error('isMnsError is false for an MnsServiceError');
  process.exit(1);
}
console.log('core cjs ok');
