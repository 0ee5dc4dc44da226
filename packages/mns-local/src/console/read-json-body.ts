import type { IncomingMessage } from 'node:http';
import { ConsoleApiError } from './console-api-error.js';

/** Largest console API request body, bytes: a 64 KiB message body JSON-escaped (×6 worst case) plus fields. */
export const CONSOLE_MAX_BODY_BYTES = 400 * 1024;

/**
 * Reads a console API request body as a JSON object. Bounded: more than `maxBytes` (declared or streamed) is
 * `413 RequestBodyTooLarge` and the rest is not buffered. The content type must be `application/json` (415
 * otherwise): a cross-site form cannot send it without a CORS preflight, which the console never grants.
 */
export function readJsonBody(
  req: IncomingMessage,
  maxBytes: number = CONSOLE_MAX_BODY_BYTES,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      req.resume();
      reject(new ConsoleApiError(415, 'UnsupportedMediaType', 'Content-Type must be application/json.'));
      return;
    }
    const tooLarge = (): ConsoleApiError =>
      new ConsoleApiError(413, 'RequestBodyTooLarge', `The request body exceeds ${maxBytes} bytes.`);
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      if (failed) return;
      failed = true;
      reject(new ConsoleApiError(400, 'InvalidRequest', 'The request body could not be read.'));
    });
    req.on('end', () => {
      if (failed) return;
      let value: unknown;
      try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch (cause) {
        reject(
          new ConsoleApiError(
            400,
            'MalformedJson',
            `The request body is not UTF-8 JSON: ${(cause as Error).message.slice(0, 200)}`,
          ),
        );
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        reject(new ConsoleApiError(400, 'MalformedJson', 'The request body must be a JSON object.'));
        return;
      }
      resolve(value as Record<string, unknown>);
    });
  });
}
