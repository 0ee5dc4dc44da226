import { isMnsError } from '@vodmns/core';
import { CliError, isCliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';

const CREDENTIAL_CODES = new Set([
  'ERR_MNS_CREDENTIALS',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'AccessDenied',
  'InvalidAuthorizationHeader',
  'SecurityTokenExpired',
  'InvalidSecurityToken',
]);
const UNREACHABLE_CODES = new Set(['ERR_MNS_NETWORK', 'ERR_MNS_TIMEOUT']);

/**
 * Maps any thrown value to a {@link CliError} with the right exit code:
 * credential/signature rejections → 3, network failures and timeouts → 4, invalid input found before
 * sending → 2, every other MNS failure → 1. Messages are the single-line MNS error format (no secrets).
 */
export function toCliError(error: unknown, endpoint?: string): CliError {
  if (isCliError(error)) return error;
  if (isMnsError(error)) {
    const where = endpoint === undefined ? '' : ` (${endpoint})`;
    if (UNREACHABLE_CODES.has(error.code)) {
      return new CliError(
        ExitCode.unreachable,
        `cannot reach the MNS endpoint${where}: ${oneLine(error.message)}`,
        'check --endpoint / MNS_ENDPOINT, and that the server is running (for a local one: vodmns local)',
        { cause: error },
      );
    }
    if (CREDENTIAL_CODES.has(error.code)) {
      return new CliError(
        ExitCode.config,
        `the endpoint rejected the credentials: ${oneLine(error.message)}`,
        'check ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the profile) for this endpoint',
        { cause: error },
      );
    }
    // Found before sending: the detail alone, without the library's method name ("[sendMessage]"), and hints
    // that name CLI flags, not API options.
    if (error.code === 'ERR_MNS_INVALID_XML_CHARACTER') {
      return new CliError(
        ExitCode.usage,
        oneLine(
          error.detail
            .replace(/[;,]?\s*send it with bodyEncoding.*$/, '')
            .replace(/^messageBody\b/, 'the message body'),
        ),
        'send it with --base64 (base64 on the wire, as the Java/Python SDKs do)',
        { cause: error },
      );
    }
    if (error.code === 'ERR_MNS_INVALID_ARGUMENT') {
      return new CliError(ExitCode.usage, oneLine(error.detail), 'see --help for the accepted values', {
        cause: error,
      });
    }
    return new CliError(ExitCode.failed, oneLine(error.message), hintForServiceCode(error.code), {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(ExitCode.failed, oneLine(message), undefined, { cause: error });
}

function hintForServiceCode(code: string): string | undefined {
  switch (code) {
    case 'QueueNotExist':
      return 'create it first: vodmns queue create <name>  (list existing ones: vodmns queue list)';
    case 'QueueAlreadyExist':
      return 'the queue exists with other attributes; change them with: vodmns queue set <name> …';
    case 'MessageNotExist':
    case 'ReceiptHandleError':
      return 'the receipt handle is stale: receive the message again to get a fresh one';
    default:
      return undefined;
  }
}

/** Collapses a message to one line (error output is one line plus a hint). */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
