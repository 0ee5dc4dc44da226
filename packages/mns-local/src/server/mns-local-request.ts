import type { MnsOperation } from './mns-operation.js';

/** A request as handed to `server.handle()` (or built from a Node `IncomingMessage`). */
export interface MnsLocalRequest {
  /** HTTP method. */
  readonly method: string;
  /** Raw request-target exactly as on the request line (path + `?` + raw query); signatures cover it verbatim. */
  readonly url: string;
  /** Headers with lower-case names, raw values (as Node's `IncomingMessage.headers`). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Request body bytes (or text). @defaultValue empty */
  readonly body?: Uint8Array | string | undefined;
  /** Aborts a held long poll (the client went away); nothing is consumed for an aborted request. */
  readonly signal?: AbortSignal | undefined;
}

/** A response produced by `server.handle()`. */
export interface MnsLocalResponse {
  readonly status: number;
  /** Response headers (`x-mns-request-id`, `x-mns-version`, `Server`, `Content-Type`, `Location`, …). */
  readonly headers: Readonly<Record<string, string>>;
  /** XML text, `''` for bodiless responses. */
  readonly body: string;
  /** Same as the `x-mns-request-id` header. */
  readonly requestId: string;
  /** The routed operation, when the request could be routed. */
  readonly operation: MnsOperation | undefined;
  /** MNS error code of an error response. */
  readonly errorCode: string | undefined;
  /** A transport-level fault the socket layer must enact (`reset`, `truncateBody`). */
  readonly transportFault?: 'reset' | 'truncateBody' | undefined;
}
