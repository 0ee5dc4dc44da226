import { describe, expect, it } from 'vitest';
import { isDebugEnabled } from './is-debug-enabled.js';

describe('isDebugEnabled', () => {
  it.each([
    [{ DEBUG: 'vodmns:*' }, 'vodmns:rx', true],
    [{ DEBUG: 'vodmns:*' }, 'vodmns:mns', true],
    [{ DEBUG: 'vodmns:rx' }, 'vodmns:mns', false],
    [{ DEBUG: 'express:*, vodmns:mns' }, 'vodmns:mns', true],
    [{ DEBUG: '*' }, 'vodmns:rx', true],
    [{ DEBUG: '*,-vodmns:mns' }, 'vodmns:mns', false],
    [{ DEBUG: '-vodmns:mns,*' }, 'vodmns:mns', false],
    [{ DEBUG: 'vodmns' }, 'vodmns:rx', false],
    [{ DEBUG: '' }, 'vodmns:rx', false],
    [{}, 'vodmns:rx', false],
    [{ NODE_DEBUG: 'vodmns' }, 'vodmns:rx', true],
    [{ NODE_DEBUG: 'http,VODMNS' }, 'vodmns:mns', true],
    [{ NODE_DEBUG: 'vodmns:rx' }, 'vodmns:mns', false],
    [{ NODE_DEBUG: 'vod*' }, 'vodmns:mns', true],
    [{ NODE_DEBUG: 'http' }, 'vodmns:mns', false],
    [{ DEBUG: 'a.b+(c)' }, 'vodmns:mns', false],
  ])('%o enables %s: %s', (env, namespace, expected) => {
    expect(isDebugEnabled(namespace, env)).toBe(expected);
  });
});
