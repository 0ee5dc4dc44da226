import { describe, expect, it } from 'vitest';
import {
  authorizationV1,
  canonicalizeMnsHeaders,
  lowerCaseHeaders,
  signaturesEqual,
  signatureV1,
  stringToSignV1,
} from './index.js';

// The edges the signature vectors do not reach (each test here kills a mutant the vectors let through).
// Equivalent mutants: the 'utf8' encodings in sign-v1.ts → '' (Node's default is utf8; marked `Stryker disable`
// there), and `typeof value === 'string' ? value : …` in lowerCaseHeaders → `false ? …` or `=== ""` (String(value)
// of a string is itself; left counted, canonical-request.ts still reaches 90 %).

describe('lowerCaseHeaders', () => {
  it('lower-cases names, joins arrays with a comma, stringifies numbers', () => {
    const headers = lowerCaseHeaders({
      'Content-Type': 'text/xml',
      'X-MNS-A': ['1', '2'],
      'Content-Length': 12,
    });
    expect([...headers]).toEqual([
      ['content-type', 'text/xml'],
      ['x-mns-a', '1,2'],
      ['content-length', '12'],
    ]);
  });

  it('drops a header whose value is undefined instead of signing the text "undefined"', () => {
    const headers = lowerCaseHeaders({ 'x-mns-version': '2015-06-06', 'x-mns-security-token': undefined });
    expect(headers.has('x-mns-security-token')).toBe(false);
    expect(canonicalizeMnsHeaders(headers)).toBe('x-mns-version:2015-06-06\n');
    const request = {
      method: 'GET',
      resource: '/queues/q',
      headers: { Date: 'D', 'x-mns-token': undefined },
    };
    expect(stringToSignV1(request)).toBe('GET\n\n\nD\n/queues/q');
  });
});

describe('canonicalizeMnsHeaders', () => {
  it('keeps only x-mns-* headers, sorted ascending, one name:value line each', () => {
    const headers = new Map([
      ['x-mns-version', '2015-06-06'],
      ['date', 'D'],
      ['x-mns-a', '1'],
      ['x-mnsb', 'not ours'],
      ['content-type', 'text/xml'],
    ]);
    expect(canonicalizeMnsHeaders(headers)).toBe('x-mns-a:1\nx-mns-version:2015-06-06\n');
  });
});

describe('stringToSignV1', () => {
  it('upper-cases the method and puts MD5, type and date in their lines', () => {
    const request = {
      method: 'put',
      resource: '/queues/q/messages?x=1',
      headers: { 'Content-MD5': 'md5', 'Content-Type': 'text/xml', Date: 'Thu, 01 Jan 1970 00:00:00 GMT' },
    };
    expect(stringToSignV1(request)).toBe(
      'PUT\nmd5\ntext/xml\nThu, 01 Jan 1970 00:00:00 GMT\n/queues/q/messages?x=1',
    );
  });

  it('falls back to x-mns-date when Date is absent, and prefers Date when both are there', () => {
    const fallback = { method: 'GET', resource: '/', headers: { 'x-mns-date': 'XD' } };
    expect(stringToSignV1(fallback)).toBe('GET\n\n\nXD\nx-mns-date:XD\n/');
    const both = { method: 'GET', resource: '/', headers: { Date: 'D', 'x-mns-date': 'XD' } };
    expect(stringToSignV1(both)).toBe('GET\n\n\nD\nx-mns-date:XD\n/');
    expect(stringToSignV1({ method: 'GET', resource: '/', headers: {} })).toBe('GET\n\n\n\n/');
  });

  it('signs the x-mns-date fallback into the Authorization header', () => {
    const credentials = { accessKeyId: 'AKID', accessKeySecret: 'secret' };
    const request = { method: 'GET', resource: '/', headers: { 'x-mns-date': 'XD' } };
    expect(authorizationV1(request, credentials)).toBe(
      `MNS AKID:${signatureV1('GET\n\n\nXD\nx-mns-date:XD\n/', 'secret')}`,
    );
  });
});

describe('signaturesEqual', () => {
  it('is true only for identical strings', () => {
    expect(signaturesEqual('abc=', 'abc=')).toBe(true);
    expect(signaturesEqual('abc=', 'abd=')).toBe(false);
    expect(signaturesEqual('', '')).toBe(true);
  });

  it('is false (and does not throw) when the lengths differ', () => {
    expect(signaturesEqual('abc', 'abc=')).toBe(false);
    expect(signaturesEqual('abc=', '')).toBe(false);
  });

  it('compares UTF-8 bytes, so equal-length strings with different bytes differ', () => {
    expect(signaturesEqual('é', 'ab')).toBe(false);
  });
});
