// TypeScript (module nodenext) consumer of the packed @vodmns/core.
import { isMnsError, MnsServiceError } from '@vodmns/core';

const error: unknown = new MnsServiceError({
  code: 'QueueNotExist',
  message: 'gone',
  fault: 'client',
  status: 404,
});
export const code: string | undefined = isMnsError(error) ? error.code : undefined;
