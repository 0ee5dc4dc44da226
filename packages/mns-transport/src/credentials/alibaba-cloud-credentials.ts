import { type CredentialProvider, checkCredentials } from './mns-credentials.js';

/**
 * The part of an `@alicloud/credentials` client this adapter uses (structural: no dependency on that package).
 */
export interface AlibabaCloudCredentialsClient {
  getCredential(): Promise<{
    readonly accessKeyId?: string | undefined;
    readonly accessKeySecret?: string | undefined;
    readonly securityToken?: string | undefined;
  }>;
}

/**
 * Adapts an `@alicloud/credentials` client (`new Credential(config)`) to a {@link CredentialProvider}. That
 * client caches and refreshes temporary credentials itself, so it is asked on every request.
 */
export function fromAlibabaCloudCredentials(client: AlibabaCloudCredentialsClient): CredentialProvider {
  return {
    getCredentials: async () => {
      const c = await client.getCredential();
      return checkCredentials(
        {
          accessKeyId: c.accessKeyId,
          accessKeySecret: c.accessKeySecret,
          securityToken: c.securityToken || undefined,
        },
        '@alicloud/credentials client',
      );
    },
  };
}
