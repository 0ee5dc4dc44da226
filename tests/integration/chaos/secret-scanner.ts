import { channel, type Channel } from 'node:diagnostics_channel';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { inspect } from 'node:util';

/** A secret found somewhere it must never appear. */
export interface SecretLeak {
  /** Where the text came from, e.g. `mns-local stderr` or `error: sendMessage`. */
  readonly source: string;
  /** Which secret (its label, never its value). */
  readonly secret: string;
  /** Text around the hit with the secret itself masked. */
  readonly excerpt: string;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Collects every piece of text a suite produces — server access logs, child stdout/stderr, error messages,
 * `util.inspect` and `JSON.stringify` of thrown errors, console output, diagnostics_channel payloads — and
 * scans it for secrets (access key secrets, security tokens, Authorization header values and their
 * signatures). The text is kept in memory and can be written to a file for the report.
 */
export class SecretScanner {
  readonly #secrets = new Map<string, string>();
  readonly #texts: { source: string; text: string }[] = [];
  readonly #unsubscribers: (() => void)[] = [];
  #bytes = 0;

  /** Registers a secret value under a label (the label is what a leak report shows). */
  addSecret(label: string, value: string): void {
    if (value.length < 8) throw new RangeError(`secret ${label} is too short to scan for reliably`);
    this.#secrets.set(value, label);
    const encoded = encodeURIComponent(value);
    if (encoded !== value) this.#secrets.set(encoded, `${label} (percent-encoded)`);
    const json = JSON.stringify(value).slice(1, -1);
    if (json !== value) this.#secrets.set(json, `${label} (JSON-escaped)`);
  }

  /** Registers an `Authorization` header value seen on the wire: the whole value and its signature part. */
  addAuthorization(value: string): void {
    if (this.#secrets.has(value)) return;
    this.#secrets.set(value, 'Authorization header');
    const colon = value.lastIndexOf(':');
    const sig = colon >= 0 ? value.slice(colon + 1) : '';
    if (sig.length >= 16) this.#secrets.set(sig, 'Authorization signature');
  }

  /** How many distinct secret strings are being scanned for. */
  get secretCount(): number {
    return this.#secrets.size;
  }

  /** How many bytes of text were captured. */
  get capturedBytes(): number {
    return this.#bytes;
  }

  /** Adds a piece of text. */
  capture(source: string, text: string): void {
    if (text.length === 0) return;
    this.#texts.push({ source, text });
    this.#bytes += text.length;
  }

  /** Adds every rendering of a thrown value a log line could contain: message, stack, inspect, JSON, String. */
  captureError(source: string, error: unknown): void {
    this.capture(`${source} String()`, String(error));
    this.capture(`${source} util.inspect`, inspect(error, { depth: 8, showHidden: true }));
    try {
      this.capture(`${source} JSON.stringify`, JSON.stringify(error) ?? '');
    } catch (e) {
      this.capture(`${source} JSON.stringify threw`, String(e));
    }
    if (error instanceof Error) {
      this.capture(`${source} stack`, error.stack ?? '');
      if (error.cause !== undefined) this.captureError(`${source} cause`, error.cause);
    }
  }

  /** Captures everything a stream emits (child stdout/stderr). */
  captureStream(source: string, stream: Readable | null): void {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => this.capture(source, chunk));
  }

  /** Subscribes to diagnostics channels and captures every published message (inspect + JSON). */
  subscribeChannels(names: readonly string[]): void {
    for (const name of names) {
      const ch: Channel = channel(name);
      const listener = (message: unknown): void => {
        this.capture(`diagnostics_channel ${name} inspect`, inspect(message, { depth: 6 }));
        try {
          this.capture(`diagnostics_channel ${name} JSON`, JSON.stringify(message) ?? '');
        } catch {
          // circular payloads: inspect above already captured them
        }
      };
      ch.subscribe(listener);
      this.#unsubscribers.push(() => ch.unsubscribe(listener));
    }
  }

  /** Tees console output of this process into the scanner until the returned function is called. */
  captureConsole(): () => void {
    const originals = CONSOLE_METHODS.map((m) => [m, console[m]] as const);
    for (const [m, original] of originals) {
      console[m] = (...args: unknown[]) => {
        this.capture(`console.${m}`, args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
        original.apply(console, args);
      };
    }
    const restore = (): void => {
      for (const [m, original] of originals) console[m] = original;
    };
    this.#unsubscribers.push(restore);
    return restore;
  }

  /** Every occurrence of a registered secret in the captured text. */
  findLeaks(): SecretLeak[] {
    const leaks: SecretLeak[] = [];
    for (const { source, text } of this.#texts) {
      for (const [value, label] of this.#secrets) {
        let at = text.indexOf(value);
        while (at >= 0) {
          const excerpt = (
            text.slice(Math.max(0, at - 60), at) +
            '«SECRET»' +
            text.slice(at + value.length, at + value.length + 60)
          ).replace(/\s+/g, ' ');
          leaks.push({ source, secret: label, excerpt });
          at = text.indexOf(value, at + value.length);
        }
      }
    }
    return leaks;
  }

  /** True when some captured text from `source` (prefix match) contains `needle` (to prove capture works). */
  contains(sourcePrefix: string, needle: string): boolean {
    return this.#texts.some((t) => t.source.startsWith(sourcePrefix) && t.text.includes(needle));
  }

  /** Writes all captured text to a file (for inspection after a failing run). */
  writeTo(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, this.#texts.map((t) => `=== ${t.source}\n${t.text}\n`).join(''));
  }

  /** Stops channel subscriptions and console capture. */
  dispose(): void {
    for (const u of this.#unsubscribers.splice(0)) u();
  }
}
