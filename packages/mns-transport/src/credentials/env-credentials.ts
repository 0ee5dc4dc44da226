import { type CredentialProvider, checkCredentials } from './mns-credentials.js';
import { staticCredentials } from './static-credentials.js';

/**
 * Credentials from the standard Alibaba Cloud environment variables, read once, now:
 * `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, for STS, `ALIBABA_CLOUD_SECURITY_TOKEN`.
 * Throws `ERR_MNS_CREDENTIALS` (naming the missing variable, never a value) when the key pair is absent.
 *
 * @param env - the environment to read. @defaultValue `process.env`
 */
export function envCredentials(
  env: Readonly<Record<string, string | undefined>> = process.env,
): CredentialProvider {
  const accessKeyId = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const accessKeySecret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  const securityToken = env.ALIBABA_CLOUD_SECURITY_TOKEN;
  const source = !accessKeyId
    ? 'ALIBABA_CLOUD_ACCESS_KEY_ID is not set'
    : !accessKeySecret
      ? 'ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set'
      : 'environment';
  return staticCredentials(
    checkCredentials({ accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) }, source),
  );
}
