import { type CallbackConfig, DEFAULT_VOD_APP_ID } from './callback-config.js';
import type { CallbackFinding } from './callback-finding.js';
import { checkCallbackConfig } from './check-callback-config.js';
import { invalidArgument } from '../errors/invalid-argument.js';
import { VodCallbackConfigError } from './vod-callback-config-error.js';

/** Fields shared by both callback methods of {@link buildSetMessageCallbackParams}. */
interface SetMessageCallbackInputBase {
  /**
   * Event types as a list or a comma-separated string; trimmed, de-duplicated, joined with `,`. Empty
   * disables every notification (allowed, reported as a warning by {@link checkCallbackConfig}).
   */
  readonly eventTypes: readonly string[] | string;
  /** `AppId`. @defaultValue `'app-1000000'` */
  readonly appId?: string | undefined;
  /** Storage region the configuration is for; used only for checking (not sent). */
  readonly storageRegion?: string | undefined;
}

/** Input of {@link buildSetMessageCallbackParams} for MNS callbacks (recommended by Alibaba). */
export interface MnsSetMessageCallbackInput extends SetMessageCallbackInputBase {
  readonly callbackType: 'MNS';
  /** The queue's public endpoint, e.g. `http://1234567890123456.mns.cn-shanghai.aliyuncs.com/`. */
  readonly mnsEndpoint: string;
  readonly mnsQueueName: string;
}

/** Input of {@link buildSetMessageCallbackParams} for HTTP(S) callbacks. */
export interface HttpSetMessageCallbackInput extends SetMessageCallbackInputBase {
  readonly callbackType: 'HTTP';
  /** One http(s) URL, ≤ 256 bytes. */
  readonly callbackUrl: string;
  /** `on`/`off`. @defaultValue `'on'` when `authKey` is given, else `'off'` */
  readonly authSwitch?: 'on' | 'off' | undefined;
  /** Signing key: ≤ 32 characters with upper-case letters, lower-case letters and digits. Secret. */
  readonly authKey?: string | undefined;
}

/** Input of {@link buildSetMessageCallbackParams}. */
export type SetMessageCallbackInput = MnsSetMessageCallbackInput | HttpSetMessageCallbackInput;

/** Request parameters of VOD `SetMessageCallback` (OpenAPI 2017-03-21), with their exact wire names. */
export interface SetMessageCallbackParams {
  readonly CallbackType: 'MNS' | 'HTTP';
  /** Comma-joined event types (`''` disables every notification). */
  readonly EventTypeList: string;
  readonly AppId: string;
  /** MNS only. */
  readonly MnsEndpoint?: string;
  /** MNS only. */
  readonly MnsQueueName?: string;
  /** HTTP only. */
  readonly CallbackURL?: string;
  /** HTTP only. */
  readonly AuthSwitch?: 'on' | 'off';
  /** HTTP only; present only when an `authKey` was given. Secret: do not log the record as is. */
  readonly AuthKey?: string;
}

/**
 * Builds the exact parameter record of VOD `SetMessageCallback` for MNS or HTTP callbacks, after running
 * {@link checkCallbackConfig} on the input. Pure. Only error-severity findings block; warnings (e.g. a
 * queue outside the recommended region) do not — call {@link checkCallbackConfig} to see them.
 *
 * @throws {@link VodCallbackConfigError} (an {@link MnsConfigError}, code `ERR_MNS_INVALID_ARGUMENT`) listing
 * the error findings, with all findings in `findings`.
 *
 * @example
 * ```ts
 * buildSetMessageCallbackParams({ callbackType: 'MNS', mnsEndpoint: 'http://1234567890123456.mns.cn-shanghai.aliyuncs.com/',
 *   mnsQueueName: 'vod-events', eventTypes: ['FileUploadComplete', 'TranscodeComplete', 'AIComplete'] });
 * // { CallbackType: 'MNS', MnsEndpoint: 'http://…/', MnsQueueName: 'vod-events',
 * //   EventTypeList: 'FileUploadComplete,TranscodeComplete,AIComplete', AppId: 'app-1000000' }
 * ```
 */
export function buildSetMessageCallbackParams(input: SetMessageCallbackInput): SetMessageCallbackParams {
  if (typeof input !== 'object' || input === null) {
    throw invalidArgument('input', input, "an object with callbackType 'MNS' or 'HTTP'");
  }
  if (input.callbackType !== 'MNS' && input.callbackType !== 'HTTP') {
    throw invalidArgument(
      'callbackType',
      (input as { callbackType?: unknown }).callbackType,
      "'MNS' or 'HTTP'",
    );
  }
  const findings: CallbackFinding[] = checkCallbackConfig(input as CallbackConfig);
  if (findings.some((f) => f.severity === 'error')) throw new VodCallbackConfigError(findings);

  const eventTypes = typeof input.eventTypes === 'string' ? input.eventTypes.split(',') : input.eventTypes;
  const names = [...new Set(eventTypes.map((e) => e.trim()).filter((e) => e !== ''))];
  const common = { EventTypeList: names.join(','), AppId: input.appId?.trim() ?? DEFAULT_VOD_APP_ID };
  if (input.callbackType === 'MNS') {
    return {
      CallbackType: 'MNS',
      MnsEndpoint: input.mnsEndpoint.trim(),
      MnsQueueName: input.mnsQueueName,
      ...common,
    };
  }
  const hasKey = input.authKey !== undefined && input.authKey !== '';
  return {
    CallbackType: 'HTTP',
    CallbackURL: input.callbackUrl,
    AuthSwitch: input.authSwitch ?? (hasKey ? 'on' : 'off'),
    ...(hasKey && input.authKey !== undefined ? { AuthKey: input.authKey } : {}),
    ...common,
  };
}
