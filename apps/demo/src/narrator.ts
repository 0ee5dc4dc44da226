/** Where the demo writes its story. */
export interface Narrator {
  /** A numbered step header. */
  step(n: number, title: string): void;
  /** One line of the story, indented under the current step. */
  line(text: string): void;
  /** A block of preformatted text (tables), indented. */
  block(text: string): void;
}

/** A narrator writing to a text sink; `quiet` drops everything (tests that only need the summary). */
export function createNarrator(write: (text: string) => void, options: { quiet?: boolean } = {}): Narrator {
  if (options.quiet === true) return { step() {}, line() {}, block() {} };
  return {
    step(n, title) {
      write(`\n[${n}/5] ${title}\n`);
    },
    line(text) {
      write(text === '' ? '\n' : `    ${text}\n`);
    },
    block(text) {
      for (const l of text.replace(/\n$/, '').split('\n')) write(`    ${l}\n`);
    },
  };
}
