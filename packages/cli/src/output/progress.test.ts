import { describe, expect, it } from 'vitest';
import { BufferSink } from '../cli-io.js';
import { createProgress } from './progress.js';

describe('createProgress', () => {
  it('writes nothing when the sink is not a TTY', () => {
    const sink = new BufferSink();
    const p = createProgress(sink);
    p.update('working');
    p.done();
    expect(sink.text()).toBe('');
  });

  it('draws and clears the line on a TTY', () => {
    const sink = new BufferSink({ isTTY: true });
    const p = createProgress(sink, 10_000);
    p.update('sending 3/10');
    p.done();
    p.done();
    expect(sink.text()).toContain('sending 3/10');
    expect(sink.text().endsWith('\r\x1b[2K')).toBe(true);
  });
});
