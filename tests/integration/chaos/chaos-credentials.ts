import { randomBytes } from 'node:crypto';
import type { SecretScanner } from './secret-scanner.js';

/** A fresh, unguessable key pair (and STS token) for one suite, registered with the scanner as secrets. */
export interface ChaosCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
}

/** Makes credentials whose secret parts the scanner will look for in every captured log line. */
export function chaosCredentials(scanner: SecretScanner, label: string): ChaosCredentials {
  const credentials = {
    accessKeyId: `LTAIchaos${label}${randomBytes(4).toString('hex')}`,
    accessKeySecret: `sk-${randomBytes(18).toString('base64url')}`,
    securityToken: `CAIS${randomBytes(24).toString('base64url')}`,
  };
  scanner.addSecret(`${label} access key secret`, credentials.accessKeySecret);
  scanner.addSecret(`${label} security token`, credentials.securityToken);
  return credentials;
}
