import { MnsConfigError, MnsErrorCodes } from '@vodmns/core';

/** An access key pair, optionally temporary (STS). */
export interface MnsCredentials {
  readonly accessKeyId: string;
  /** Never logged, never part of an error, `toJSON` or `util.inspect` output of vodmns objects. */
  readonly accessKeySecret: string;
  /** STS token, sent as the `security-token` header (not signed, docs/mns-protocol.md §3.7). */
  readonly securityToken?: string | undefined;
  /** When temporary credentials stop working, Unix epoch ms. Absent = they do not expire. */
  readonly expiration?: number | undefined;
}

/**
 * Supplies credentials for each request. Implementations cache and refresh as they see fit; the client asks
 * before every attempt, so this should be cheap when nothing changes (see `refreshingCredentials`).
 */
export interface CredentialProvider {
  getCredentials(): Promise<MnsCredentials>;
}

/** True for a {@link CredentialProvider} (as opposed to a plain credentials object). */
export function isCredentialProvider(value: unknown): value is CredentialProvider {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { getCredentials?: unknown }).getCredentials === 'function'
  );
}

/** Throws `ERR_MNS_CREDENTIALS` unless `value` holds a usable key pair; returns a frozen copy. */
export function checkCredentials(value: unknown, source: string): MnsCredentials {
  const c = value as Partial<MnsCredentials> | null | undefined;
  const fail = (why: string): never => {
    throw new MnsConfigError({
      code: MnsErrorCodes.credentials,
      message: `${source}: ${why}`,
      fault: 'client',
    });
  };
  if (typeof c !== 'object' || c === null) return fail('no credentials object');
  if (typeof c.accessKeyId !== 'string' || c.accessKeyId === '')
    return fail('accessKeyId is missing or empty');
  if (typeof c.accessKeySecret !== 'string' || c.accessKeySecret === '')
    return fail('accessKeySecret is missing or empty');
  if (c.securityToken !== undefined && typeof c.securityToken !== 'string')
    return fail('securityToken must be a string');
  if (c.expiration !== undefined && !Number.isFinite(c.expiration))
    return fail('expiration must be a number of ms');
  const out: MnsCredentials = {
    accessKeyId: c.accessKeyId,
    accessKeySecret: c.accessKeySecret,
    ...(c.securityToken ? { securityToken: c.securityToken } : {}),
    ...(c.expiration !== undefined ? { expiration: c.expiration } : {}),
  };
  return Object.freeze(out);
}
