import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table.js';
import { displayWidth, truncateToWidth } from './text-width.js';

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

  it('counts East Asian wide characters as 2 columns when aligning', () => {
    const out = formatTable(
      ['title', 'n'],
      [
        ['视频上传', 1],
        ['abc', 22],
      ],
    );
    const lines = out.trimEnd().split('\n');
    expect(new Set(lines.map(displayWidth))).toEqual(new Set([displayWidth(lines[0] ?? '')]));
    expect(lines[2]).toBe('视频上传   1');
  });

  it('fits a terminal width: the widest column is cut with an ellipsis, CJK-aware', () => {
    const long = '转码完成'.repeat(20);
    const out = formatTable(
      ['queue', 'note'],
      [
        ['q1', long],
        ['q2', 'short'],
      ],
      40,
    );
    for (const l of out.trimEnd().split('\n')) expect(displayWidth(l)).toBeLessThanOrEqual(40);
    expect(out).toContain('…');
    expect(out).toContain('q1     转码');
    // Narrower than the minimum column: shrinks as far as it can, never loops.
    expect(formatTable(['a', 'b'], [['x'.repeat(50), 'y'.repeat(50)]], 5).split('\n')[0]).toBe('a       b');
  });

  it('truncateToWidth never splits a wide character across the limit', () => {
    expect(truncateToWidth('视频上传', 5)).toBe('视频…');
    expect(displayWidth(truncateToWidth('视频上传', 5))).toBe(5);
    expect(truncateToWidth('abc', 3)).toBe('abc');
  });
});
