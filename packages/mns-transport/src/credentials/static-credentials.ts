import { type CredentialProvider, checkCredentials, type MnsCredentials } from './mns-credentials.js';

/** A provider that always returns the same (validated) credentials. */
export function staticCredentials(credentials: MnsCredentials): CredentialProvider {
  const checked = checkCredentials(credentials, 'staticCredentials');
  const resolved = Promise.resolve(checked);
  return { getCredentials: () => resolved };
}
