import { describe, expect, it } from 'vitest';
import { isMnsError } from '../errors/mns-error.js';
import { resolveRedeliveryPolicy } from './redelivery-policy.js';

describe('resolveRedeliveryPolicy input shape', () => {
  it.each([
    [null, 'null'],
    [5, '5'],
    ['fast', "'fast'"],
    [true, 'true'],
  ])('rejects %o, which is not an options object', (input, shown) => {
    let thrown: unknown;
    try {
      resolveRedeliveryPolicy(input as never);
    } catch (error) {
      thrown = error;
    }
    expect(isMnsError(thrown)).toBe(true);
    expect((thrown as Error).message).toContain(
      `redelivery must be an object of redelivery options; got ${shown}`,
    );
  });
});
