import { MnsConfigError, MnsNetworkError, MnsServiceError, MnsTimeoutError } from '@vodmns/core';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';
import { toCliError } from './to-cli-error.js';

describe('toCliError', () => {
  it.each([
    [
      new MnsNetworkError({ code: 'ERR_MNS_NETWORK', message: 'connect ECONNREFUSED', fault: 'transport' }),
      4,
    ],
    [new MnsTimeoutError({ message: 'no response in 5000 ms', fault: 'transport' }), 4],
    [
      new MnsServiceError({
        code: 'SignatureDoesNotMatch',
        message: 'bad sig',
        fault: 'client',
        status: 403,
      }),
      3,
    ],
    [new MnsConfigError({ code: 'ERR_MNS_CREDENTIALS', message: 'no access key', fault: 'client' }), 3],
    [
      new MnsConfigError({
        code: 'ERR_MNS_INVALID_ARGUMENT',
        message: 'queueName "" is empty',
        fault: 'client',
      }),
      2,
    ],
    [
      new MnsServiceError({ code: 'QueueNotExist', message: 'no such queue', fault: 'client', status: 404 }),
      1,
    ],
    [new Error('boom'), 1],
  ])('maps %s to exit code %i', (error, code) => {
    expect(toCliError(error).exitCode).toBe(code);
  });

  it('keeps a CliError as it is and gives QueueNotExist a hint', () => {
    const e = new CliError(ExitCode.usage, 'x');
    expect(toCliError(e)).toBe(e);
    const q = toCliError(
      new MnsServiceError({ code: 'QueueNotExist', message: 'm', fault: 'client', status: 404 }),
    );
    expect(q.hint).toMatch(/vodmns queue create/);
  });

  it('names the endpoint when unreachable, on one line', () => {
    const e = toCliError(
      new MnsNetworkError({ code: 'ERR_MNS_NETWORK', message: 'connect\nECONNREFUSED', fault: 'transport' }),
      'http://127.0.0.1:1',
    );
    expect(e.message).toContain('http://127.0.0.1:1');
    expect(e.message).not.toContain('\n');
  });
});
