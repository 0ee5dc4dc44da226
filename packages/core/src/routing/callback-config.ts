/**
 * A VOD event-notification configuration to check — the fields of `SetMessageCallback` /
 * `GetMessageCallback` in camelCase, plus the storage region the configuration is made for (VOD configures
 * callbacks per storage region and per `AppId`). Every field is optional and loosely typed on purpose:
 * {@link checkCallbackConfig} reports what is missing or wrong instead of failing to compile or throwing.
 */
export interface CallbackConfig {
  /** `MNS` or `HTTP` (wire values; matched case-insensitively). */
  readonly callbackType?: string | undefined;
  /**
   * VOD storage region the configuration applies to, e.g. `cn-beijing`. Needed for the queue-region rule.
   */
  readonly storageRegion?: string | undefined;
  /** `MnsEndpoint`: the queue's public endpoint, e.g. `http://1234567890123456.mns.cn-shanghai.aliyuncs.com/`. */
  readonly mnsEndpoint?: string | undefined;
  /** `MnsQueueName`: queue name as shown in the MNS queue list. */
  readonly mnsQueueName?: string | undefined;
  /** `CallbackURL` (HTTP only): exactly one http(s) URL, ≤ 256 bytes. */
  readonly callbackUrl?: string | undefined;
  /** `AuthSwitch` (HTTP only): `on` or `off`. */
  readonly authSwitch?: string | undefined;
  /** `AuthKey` (HTTP only): ≤ 32 characters with upper-case letters, lower-case letters and digits. Secret. */
  readonly authKey?: string | undefined;
  /**
   * `EventTypeList`: event type names as a list or as the comma-separated wire string. Empty or absent
   * disables every notification; `ALL` enables all; `AIComplete` enables all AI events.
   */
  readonly eventTypes?: readonly string[] | string | undefined;
  /** `AppId`. @defaultValue `'app-1000000'` (the default application) */
  readonly appId?: string | undefined;
}

/** VOD's default application id. */
export const DEFAULT_VOD_APP_ID = 'app-1000000';

/** Longest `CallbackURL` VOD accepts, in UTF-8 bytes. */
export const MAX_CALLBACK_URL_BYTES = 256;

/** Longest `AuthKey` VOD accepts, in characters. */
export const MAX_AUTH_KEY_LENGTH = 32;
