import type { CallbackConfig } from './callback-config.js';

const WIRE_TO_FIELD: Readonly<Record<string, keyof CallbackConfig>> = {
  CallbackType: 'callbackType',
  MnsEndpoint: 'mnsEndpoint',
  MnsQueueName: 'mnsQueueName',
  CallbackURL: 'callbackUrl',
  CallbackUrl: 'callbackUrl', // the ROS resource's spelling
  AuthSwitch: 'authSwitch',
  AuthKey: 'authKey',
  EventTypeList: 'eventTypes',
  AppId: 'appId',
};

/**
 * Converts a VOD record with wire names — the `MessageCallback` of a `GetMessageCallback` response, the
 * parameters of `SetMessageCallback`, or the properties of the ROS resource `ALIYUN::VOD::MessageCallback`
 * (`CallbackUrl`) — into a {@link CallbackConfig} for {@link checkCallbackConfig}. VOD does not return the
 * storage region; pass the one you queried. Unknown keys (`RequestId`, `OwnerAccount`, …) are ignored; values
 * are passed through unchanged so the check reports wrong types. Pure; never throws (a non-object gives `{}`).
 *
 * @example
 * ```ts
 * const { MessageCallback } = await vod.getMessageCallback({ AppId: 'app-1000000' });
 * checkCallbackConfig(callbackConfigFromVodParams(MessageCallback, 'cn-beijing'));
 * ```
 */
export function callbackConfigFromVodParams(params: object, storageRegion?: string): CallbackConfig {
  const config: Record<string, unknown> = {};
  if (typeof params === 'object' && params !== null) {
    for (const [key, value] of Object.entries(params)) {
      const field = WIRE_TO_FIELD[key];
      if (field !== undefined && value !== undefined && value !== null) config[field] = value;
    }
  }
  if (storageRegion !== undefined) config.storageRegion = storageRegion;
  return config as CallbackConfig;
}
