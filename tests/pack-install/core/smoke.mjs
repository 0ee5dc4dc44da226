// ESM consumer of the packed @vodmns/core.
import { isMnsError, MnsServiceError } from '@vodmns/core';

const error = new MnsServiceError({
  code: 'QueueNotExist',
  message: 'The queue does not exist',
  fault: 'client',
  status: 404,
});
if (!isMnsError(error) || error.retryable) {
  console.error('MnsServiceError is not a non-retryable MnsError');
  process.exit(1);
}
console.log('core esm ok');
