/** Somewhere text goes: `process.stdout`, `process.stderr`, or a test buffer. */
export interface TextSink {
  /**
   * Writes `chunk`. `callback` (when given) runs once the text was handed to the operating system, with an
   * error when it could not be (e.g. the reader of a pipe went away): commands that delete a message after
   * printing it wait for this, so a message is never deleted unseen.
   */
  write(chunk: string, callback?: (error?: Error | null) => void): unknown;
  /** True when the sink is an interactive terminal (progress displays are shown only then). */
  readonly isTTY?: boolean | undefined;
  /** Width of the terminal in columns, when it is one (tables are fitted to it). */
  readonly columns?: number | undefined;
}

/**
 * Why a long-running command was asked to stop (the `reason` of {@link CliIo.signal}):
 * Ctrl-C, SIGTERM, or the reader of standard output went away (`… | head -1`).
 */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'stdout-closed';

/** The stop reason of an aborted signal (anything unknown counts as Ctrl-C). */
export function stopReasonOf(signal: AbortSignal | undefined): StopReason | undefined {
  if (signal?.aborted !== true) return undefined;
  const r: unknown = signal.reason;
  return r === 'SIGTERM' || r === 'stdout-closed' ? r : 'SIGINT';
}

/**
 * Everything `runCli` touches in the outside world, injectable for tests.
 */
export interface CliIo {
  /** Command results (tables, JSON, NDJSON). */
  readonly stdout: TextSink;
  /** Errors, hints, progress, notices. */
  readonly stderr: TextSink;
  /** Environment variables (`MNS_ENDPOINT`, `ALIBABA_CLOUD_*`, `VODMNS_PROFILE`, `VODMNS_CONFIG`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Home directory, for the default profile file `~/.vodmns/config.json`. */
  readonly homeDir: string;
  /**
   * Fires on Ctrl-C, SIGTERM or a closed standard output (the bin wires them to it, with a {@link StopReason}
   * as the abort reason). Long-running commands (`tail`, `local`, `simulate`, `dlq replay`) stop cleanly and
   * release what they hold; the exit code is then 130 (SIGINT), 143 (SIGTERM) or 0 (stdout closed).
   * Absent = never interrupted.
   */
  readonly signal?: AbortSignal | undefined;
  /** Standard input, read by `send -` (absent = empty). */
  readonly stdin?: AsyncIterable<string | Uint8Array> | undefined;
}

/** A {@link TextSink} that keeps what was written, for tests and for capturing output. */
export class BufferSink implements TextSink {
  readonly isTTY: boolean;
  #chunks: string[] = [];

  constructor(options: { isTTY?: boolean } = {}) {
    this.isTTY = options.isTTY ?? false;
  }

  write(chunk: string, callback?: (error?: Error | null) => void): boolean {
    this.#chunks.push(chunk);
    callback?.(null);
    return true;
  }

  /** Everything written so far. */
  text(): string {
    return this.#chunks.join('');
  }
}
