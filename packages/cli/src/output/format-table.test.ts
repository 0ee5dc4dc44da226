import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table.js';

describe('formatTable', () => {
  it('aligns columns, right-aligns numbers and renders undefined as -', () => {
    expect(
      formatTable(
        ['name', 'count', 'note'],
        [
          ['a', 1, undefined],
          ['longer', 100, 'x'],
        ],
      ),
    ).toBe(
      ['name    count  note', '------  -----  ----', 'a           1  -', 'longer    100  x', ''].join('\n'),
    );
  });

  it('renders only the header for no rows', () => {
    expect(formatTable(['a'], [])).toBe('a\n-\n');
  });
});
