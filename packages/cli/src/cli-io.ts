/** Somewhere text goes: `process.stdout`, `process.stderr`, or a test buffer. */
export interface TextSink {
  write(chunk: string): unknown;
  /** True when the sink is an interactive terminal (progress displays are shown only then). */
  readonly isTTY?: boolean | undefined;
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
   * Fires on Ctrl-C (the bin wires SIGINT to it). Long-running commands (`tail`, `local`, `simulate`) stop
   * cleanly and exit 130. Absent = never interrupted.
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

  write(chunk: string): boolean {
    this.#chunks.push(chunk);
    return true;
  }

  /** Everything written so far. */
  text(): string {
    return this.#chunks.join('');
  }
}
