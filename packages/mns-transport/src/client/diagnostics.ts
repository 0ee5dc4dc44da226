import { channel } from 'node:diagnostics_channel';

/**
 * `node:diagnostics_channel` events of the client. Payloads never carry credentials, signatures, headers,
 * bodies or query strings (which hold receipt handles): only what is needed to trace and time calls.
 */

/** Published before every attempt on `vodmns:mns:request`. */
export interface MnsRequestEvent {
  /** Client method, e.g. `batchReceiveMessage`. */
  readonly action: string;
  /** `METHOD /path` without the query. */
  readonly operation: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/** Published after every attempt on `vodmns:mns:response`, with or without a response. */
export interface MnsResponseEvent extends MnsRequestEvent {
  /** HTTP status; absent when no response arrived. */
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /** Wall time of the attempt, ms. */
  readonly durationMs: number;
  /** The failure's code when the attempt failed (`QueueNotExist`, `ERR_MNS_TIMEOUT`, …). */
  readonly errorCode: string | undefined;
}

/** Published before the backoff sleep of a retry on `vodmns:mns:retry`. */
export interface MnsRetryEvent extends MnsRequestEvent {
  /** The code of the failure being retried. */
  readonly errorCode: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /** Backoff before the next attempt, ms. */
  readonly delayMs: number;
}

/** Channel names, stable public API. */
export const MNS_DIAGNOSTICS_CHANNELS = Object.freeze({
  request: 'vodmns:mns:request',
  response: 'vodmns:mns:response',
  retry: 'vodmns:mns:retry',
});

/** Channel `vodmns:mns:request`. */
export const requestChannel = channel(MNS_DIAGNOSTICS_CHANNELS.request);
/** Channel `vodmns:mns:response`. */
export const responseChannel = channel(MNS_DIAGNOSTICS_CHANNELS.response);
/** Channel `vodmns:mns:retry`. */
export const retryChannel = channel(MNS_DIAGNOSTICS_CHANNELS.retry);
