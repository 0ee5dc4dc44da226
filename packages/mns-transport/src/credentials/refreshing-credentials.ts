import { invalidArgument, MnsConfigError, MnsErrorCodes } from '@vodmns/core';
import { type CredentialProvider, checkCredentials, type MnsCredentials } from './mns-credentials.js';

/** Options of {@link refreshingCredentials}. */
export interface RefreshingCredentialsOptions {
  /** Refresh this long before `expiration`, in ms. @defaultValue 300000 (5 min) */
  readonly refreshBeforeExpiryMs?: number | undefined;
  /** Clock, Unix epoch ms. @defaultValue `Date.now` */
  readonly now?: (() => number) | undefined;
}

/**
 * Wraps an async loader of temporary credentials (e.g. an STS AssumeRole call) with expiry-aware caching and
 * single-flight refresh: credentials are reused until `refreshBeforeExpiryMs` before their `expiration`; then
 * one refresh runs and every concurrent caller shares it. If a refresh fails while the cached credentials have
 * not yet expired, those are used (and the next call tries again); otherwise the call fails with
 * `ERR_MNS_CREDENTIALS` (the loader's error as `cause`). Credentials without `expiration` are loaded once.
 */
export function refreshingCredentials(
  load: () => Promise<MnsCredentials>,
  options: RefreshingCredentialsOptions = {},
): CredentialProvider {
  const margin = options.refreshBeforeExpiryMs ?? 300_000;
  if (!Number.isFinite(margin) || margin < 0) {
    throw invalidArgument('refreshBeforeExpiryMs', margin, 'a number ≥ 0');
  }
  const now = options.now ?? Date.now;
  let cached: MnsCredentials | undefined;
  let inflight: Promise<MnsCredentials> | undefined;

  const fresh = (c: MnsCredentials | undefined): c is MnsCredentials =>
    c !== undefined && (c.expiration === undefined || now() < c.expiration - margin);

  const refresh = (): Promise<MnsCredentials> => {
    inflight ??= (async () => {
      try {
        cached = checkCredentials(await load(), 'refreshingCredentials loader');
        return cached;
      } catch (error) {
        if (cached?.expiration !== undefined && now() < cached.expiration) return cached;
        throw new MnsConfigError({
          code: MnsErrorCodes.credentials,
          message: 'could not refresh credentials',
          fault: 'client',
          cause: error,
        });
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  };

  return {
    getCredentials: () => (fresh(cached) ? Promise.resolve(cached) : refresh()),
  };
}
