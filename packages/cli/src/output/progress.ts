import type { TextSink } from '../cli-io.js';

/** A one-line progress display for long operations. */
export interface Progress {
  /** Replaces the displayed text. */
  update(text: string): void;
  /** Clears the line. Idempotent. */
  done(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A spinner on `sink` (stderr) that redraws every `intervalMs`. Shown only when the sink is a TTY; otherwise
 * a no-op, so piped output and logs stay clean.
 */
export function createProgress(sink: TextSink, intervalMs = 80): Progress {
  if (sink.isTTY !== true) return { update() {}, done() {} };
  let text = '';
  let frame = 0;
  let finished = false;
  const draw = (): void => {
    sink.write(`\r\x1b[2K${FRAMES[frame % FRAMES.length]} ${text}`);
    frame += 1;
  };
  const timer = setInterval(draw, intervalMs);
  timer.unref();
  return {
    update(next) {
      if (finished) return;
      text = next;
      draw();
    },
    done() {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      sink.write('\r\x1b[2K');
    },
  };
}
