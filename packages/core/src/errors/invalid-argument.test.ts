import { describe, expect, it } from 'vitest';
import { MnsConfigError } from './mns-error.js';
import { describeValue, integerRangeText, invalidArgument } from './invalid-argument.js';

describe('invalidArgument', () => {
  it('is the one bad-argument error: MnsConfigError ERR_MNS_INVALID_ARGUMENT, `<field> must be <x>; got <value>`', () => {
    const e = invalidArgument('options.batchSize', 17, integerRangeText({ min: 1, max: 16 }), {
      operation: 'batchReceiveMessage',
    });
    expect(e).toBeInstanceOf(MnsConfigError);
    expect(e).toMatchObject({
      code: 'ERR_MNS_INVALID_ARGUMENT',
      fault: 'client',
      retryable: false,
      operation: 'batchReceiveMessage',
      detail: 'options.batchSize must be an integer from 1 to 16; got 17',
    });
    expect(e.message).toBe(
      '[batchReceiveMessage] ERR_MNS_INVALID_ARGUMENT: options.batchSize must be an integer from 1 to 16; got 17',
    );
  });

  it('redacts secrets to their length', () => {
    const e = invalidArgument('accessKeySecret', 'hunter2', 'a non-empty string', { redact: true });
    expect(e.message).not.toContain('hunter2');
    expect(e.detail).toBe('accessKeySecret must be a non-empty string; got <redacted, 7 characters>');
  });
});

describe('describeValue', () => {
  it('quotes strings, cuts long ones, shows objects on one line', () => {
    expect(describeValue('x')).toBe("'x'");
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue({ a: [1, 2] })).toBe('{ a: [ 1, 2 ] }');
    const long = describeValue('y'.repeat(500));
    expect(long.length).toBeLessThan(150);
    expect(long).toContain('400 more characters');
  });
});
