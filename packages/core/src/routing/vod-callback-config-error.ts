import { MnsErrorCodes } from '../errors/error-codes.js';
import { MnsConfigError } from '../errors/mns-error.js';
import type { CallbackFinding } from './callback-finding.js';

/**
 * Thrown by {@link buildSetMessageCallbackParams} when the configuration has error-severity findings.
 * An {@link MnsConfigError} (code `ERR_MNS_INVALID_ARGUMENT`, never retryable) that also carries every
 * finding of {@link checkCallbackConfig} — errors, warnings and notes.
 */
export class VodCallbackConfigError extends MnsConfigError {
  /** All findings of the check, in check order. */
  readonly findings: readonly CallbackFinding[];

  constructor(findings: readonly CallbackFinding[]) {
    const errors = findings.filter((f) => f.severity === 'error');
    super({
      code: MnsErrorCodes.invalidArgument,
      message: `invalid VOD callback configuration: ${errors.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
      fault: 'client',
    });
    this.findings = Object.freeze([...findings]);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), findings: this.findings };
  }
}
