import { messageBodyMd5 } from '@vodmns/mns-transport/signing';
import { describe, expect, it } from 'vitest';
import { bodyMd5 } from './body-md5.js';

describe('bodyMd5', () => {
  it.each(['hello world', '', 'I am 测试字符串.', '😀 {"a":"b"}'])('equals messageBodyMd5 for %j', (body) => {
    expect(bodyMd5(body)).toBe(messageBodyMd5(body));
  });
  it('matches the real capture', () => {
    expect(bodyMd5('hello world')).toBe('5EB63BBBE01EEED093CB22BB8F5ACDC3');
  });
});
