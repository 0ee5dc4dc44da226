import { KNOWN_VOD_EVENT_TYPES } from '../events/vod-event-schemas.js';
import { describeValue } from '../errors/invalid-argument.js';
import { isMnsQueueName, MNS_QUEUE_NAME_RULE } from '../mns/mns-limits.js';
import { type CallbackConfig, MAX_AUTH_KEY_LENGTH, MAX_CALLBACK_URL_BYTES } from './callback-config.js';
import {
  CALLBACK_FINDINGS,
  type CallbackFinding,
  type CallbackFindingCode,
  type CallbackFindingSpec,
} from './callback-finding.js';
import { findMnsRegion } from './mns-regions.js';
import { parseMnsEndpoint } from './parse-mns-endpoint.js';
import { recommendQueueRegion } from './recommend-queue-region.js';
import { findVodStorageRegion, VOD_STORAGE_REGIONS } from './vod-storage-regions.js';

/** `EventTypeList` values that are not event types: `ALL` (everything) and `AIComplete` (every AI event). */
const SPECIAL_EVENT_TYPES: readonly string[] = ['ALL', 'AIComplete'];
/** Event types enabled only through `AIComplete` (docs/vod-events.md §3.1). */
const AI_EVENT_TYPES: readonly string[] = KNOWN_VOD_EVENT_TYPES.filter((t) => t.startsWith('AI'));
const ALLOWED_EVENT_TYPES: ReadonlySet<string> = new Set<string>([
  ...KNOWN_VOD_EVENT_TYPES,
  ...SPECIAL_EVENT_TYPES,
]);
const ALLOWED_BY_LOWER = new Map([...ALLOWED_EVENT_TYPES].map((t) => [t.toLowerCase(), t]));

/**
 * Checks a VOD event-notification configuration against everything the documentation says makes delivery
 * fail or degrade (docs/vod-events.md §1.3, §2, §3.1, §3.4). Pure; never throws — a non-object yields one
 * `config-invalid` finding. Returns the findings in check order (an empty array means nothing to report).
 * The `AuthKey` value never appears in a finding.
 *
 * MNS mode: `MnsEndpoint` present, an Alibaba MNS URL, public (not `-internal`/`-internal-vpc`); queue name
 * valid (`^[A-Za-z0-9][A-Za-z0-9-]{0,119}$`); queue region = the region {@link recommendQueueRegion} gives
 * for `storageRegion` (mainland queues outside Shanghai: "short delay"). HTTP mode: `CallbackURL` one
 * absolute http(s) URL ≤ 256 bytes, reachable (not loopback/private); `AuthSwitch` `on`/`off`; `AuthKey` ≤ 32
 * characters with upper, lower and digit, required when `AuthSwitch=on`. Both: `EventTypeList` names are the
 * 22 event types, `AIComplete` or `ALL`; AI events only through `AIComplete`; `ALL` alone; not empty.
 *
 * @example
 * ```ts
 * const findings = checkCallbackConfig({ callbackType: 'MNS', storageRegion: 'cn-beijing',
 *   mnsEndpoint: 'http://1234567890123456.mns.cn-beijing-internal.aliyuncs.com/', mnsQueueName: 'vod-events',
 *   eventTypes: ['FileUploadComplete', 'TranscodeComplete'] });
 * // [{ code: 'mns-endpoint-not-public', severity: 'error', … }, { code: 'queue-region-short-delay', … }]
 * ```
 */
export function checkCallbackConfig(config: CallbackConfig): CallbackFinding[] {
  const findings: CallbackFinding[] = [];
  const add: Add = (code, field, message, hint, lowConfidence = false) => {
    const spec: CallbackFindingSpec = CALLBACK_FINDINGS[code];
    const severity = (lowConfidence ? spec.lowConfidenceSeverity : undefined) ?? spec.severity;
    findings.push(
      hint === undefined ? { code, severity, field, message } : { code, severity, field, message, hint },
    );
  };
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    add(
      'config-invalid',
      'config',
      `the callback configuration must be an object; got ${describeValue(config)}`,
    );
    return findings;
  }

  const type = typeof config.callbackType === 'string' ? config.callbackType.trim().toUpperCase() : undefined;
  if (config.callbackType === undefined || type === '') {
    add(
      'callback-type-missing',
      'callbackType',
      'CallbackType is missing',
      "Set it to 'MNS' (recommended) or 'HTTP'.",
    );
  } else if (type !== 'MNS' && type !== 'HTTP') {
    add(
      'callback-type-invalid',
      'callbackType',
      `CallbackType must be 'MNS' or 'HTTP'; got ${describeValue(config.callbackType)}`,
    );
  }
  if (config.appId !== undefined && (typeof config.appId !== 'string' || config.appId.trim() === '')) {
    add(
      'app-id-invalid',
      'appId',
      `AppId must be a non-empty application id; got ${describeValue(config.appId)}`,
      'Omit it to use the default application app-1000000.',
    );
  }

  checkStorageRegion(config, add);
  if (type === 'MNS') {
    checkMns(config, add);
    for (const field of ['callbackUrl', 'authSwitch', 'authKey'] as const) {
      if (config[field] !== undefined) {
        add(
          'http-field-ignored',
          field,
          `${wireName(field)} is used only for HTTP callbacks; VOD ignores it for MNS`,
        );
      }
    }
  } else if (type === 'HTTP') {
    add(
      'callback-type-http',
      'callbackType',
      'HTTP callbacks are lost whenever the receiver is down or restarting (3 attempts about 1 s apart, then discarded)',
      'Alibaba recommends MNS callbacks: the queue keeps events until you delete them.',
    );
    checkHttp(config, add);
    for (const field of ['mnsEndpoint', 'mnsQueueName'] as const) {
      if (config[field] !== undefined) {
        add(
          'mns-field-ignored',
          field,
          `${wireName(field)} is used only for MNS callbacks; VOD ignores it for HTTP`,
        );
      }
    }
  }
  checkEventTypes(config.eventTypes, add);
  return findings;
}

/** Records a finding; its severity comes from {@link CALLBACK_FINDINGS} (`lowConfidence` picks the low-confidence one). */
type Add = (
  code: CallbackFindingCode,
  field: string,
  message: string,
  hint?: string,
  lowConfidence?: boolean,
) => void;

function wireName(field: keyof CallbackConfig): string {
  const names: Record<keyof CallbackConfig, string> = {
    callbackType: 'CallbackType',
    storageRegion: 'storage region',
    mnsEndpoint: 'MnsEndpoint',
    mnsQueueName: 'MnsQueueName',
    callbackUrl: 'CallbackURL',
    authSwitch: 'AuthSwitch',
    authKey: 'AuthKey',
    eventTypes: 'EventTypeList',
    appId: 'AppId',
  };
  return names[field];
}

function checkStorageRegion(config: CallbackConfig, add: Add): void {
  const id = config.storageRegion;
  if (id === undefined) {
    add(
      'storage-region-missing',
      'storageRegion',
      'No storage region given, so the queue-region rule was not checked (callbacks are configured per storage region)',
    );
    return;
  }
  const region = typeof id === 'string' ? findVodStorageRegion(id) : undefined;
  if (region === undefined) {
    const lower = typeof id === 'string' ? id.trim().toLowerCase() : '';
    add(
      'storage-region-unknown',
      'storageRegion',
      `Storage region ${describeValue(id)} is not a known VOD storage region`,
      findVodStorageRegion(lower) !== undefined
        ? `Did you mean '${lower}'?`
        : `Known regions: ${VOD_STORAGE_REGIONS.filter((r) => !r.deactivated)
            .map((r) => r.id)
            .join(', ')}.`,
    );
  } else if (region.deactivated) {
    add(
      'storage-region-deactivated',
      'storageRegion',
      `Storage region '${region.id}' (${region.name}) is deactivated; it receives no new media and sends no events`,
    );
  }
}

function checkMns(config: CallbackConfig, add: Add): void {
  let queueRegion: string | undefined;
  const endpoint = config.mnsEndpoint;
  if (endpoint === undefined || (typeof endpoint === 'string' && endpoint.trim() === '')) {
    add(
      'mns-endpoint-missing',
      'mnsEndpoint',
      'MnsEndpoint is required for MNS callbacks',
      'Use the public endpoint from the MNS console, e.g. http://{accountId}.mns.cn-shanghai.aliyuncs.com/',
    );
  } else {
    const parsed = parseMnsEndpoint(endpoint);
    if (!parsed.ok) {
      add('mns-endpoint-malformed', 'mnsEndpoint', `MnsEndpoint is malformed: ${parsed.error.detail}`);
    } else if (!parsed.value.isAliyun) {
      add(
        'mns-endpoint-not-aliyun',
        'mnsEndpoint',
        `MnsEndpoint ${describeValue(endpoint)} is not an Alibaba Cloud MNS endpoint; VOD can only write to a queue in your account`,
        'Use http://{accountId}.mns.{region}.aliyuncs.com/ (a local MNS server cannot receive VOD callbacks).',
      );
    } else {
      const value = parsed.value;
      queueRegion = value.region;
      if (value.network !== 'public') {
        add(
          'mns-endpoint-not-public',
          'mnsEndpoint',
          `MnsEndpoint is the ${value.network === 'vpc' ? 'VPC' : 'internal'} endpoint of ${value.region}; VOD delivery fails unless it is the public endpoint`,
          `Use ${value.protocol}://${value.accountId}.mns.${value.region}.aliyuncs.com/`,
        );
      }
      if (value.protocol === 'https') {
        add(
          'mns-endpoint-https',
          'mnsEndpoint',
          "MnsEndpoint uses https://; VOD's documented examples and the MNS console's endpoint use http://",
          'If delivery fails, try the http:// form of the same endpoint.',
        );
      }
      if (findMnsRegion(value.region) === undefined) {
        add(
          'mns-region-unknown',
          'mnsEndpoint',
          `MnsEndpoint region '${value.region}' is not a known MNS region`,
          'Check the region id for typos against the MNS "Regions and endpoints" page.',
        );
      }
    }
  }

  const name = config.mnsQueueName;
  if (name === undefined || name === '') {
    add('mns-queue-name-missing', 'mnsQueueName', 'MnsQueueName is required for MNS callbacks');
  } else if (!isMnsQueueName(name)) {
    add(
      'mns-queue-name-invalid',
      'mnsQueueName',
      `MnsQueueName ${describeValue(name)} is not a valid MNS queue name; VOD's writes would fail`,
      `Queue names are ${MNS_QUEUE_NAME_RULE}.`,
    );
  }

  if (queueRegion !== undefined && typeof config.storageRegion === 'string') {
    checkQueueRegion(config.storageRegion, queueRegion, add);
  }
}

function checkQueueRegion(storageRegion: string, queueRegion: string, add: Add): void {
  const recommendation = recommendQueueRegion(storageRegion);
  if (!recommendation.ok) return; // reported by checkStorageRegion
  const { region, confidence, storageRegion: storage } = recommendation.value;
  if (queueRegion === region) return;
  const queueIsMainland = findMnsRegion(queueRegion)?.mainlandChina === true;
  if (storage.mainlandChina && region === 'cn-shanghai' && queueIsMainland) {
    add(
      'queue-region-short-delay',
      'mnsEndpoint',
      `The queue is in ${queueRegion}; for mainland-China storage (${storage.id}) VOD recommends cn-shanghai — queues in other mainland regions work, but delivery has a short delay`,
      'Create the queue in cn-shanghai for the fastest delivery.',
    );
    return;
  }
  add(
    'queue-region-cross-region',
    'mnsEndpoint',
    `The queue is in ${queueRegion}, but the recommended queue region for storage region ${storage.id} is ${region}; a cross-region queue adds network latency`,
    `Use a queue in ${region}. ${recommendation.value.reason}`,
    confidence === 'low',
  );
}

function checkHttp(config: CallbackConfig, add: Add): void {
  const url = config.callbackUrl;
  if (url === undefined || url === '') {
    add('callback-url-missing', 'callbackUrl', 'CallbackURL is required for HTTP callbacks');
  } else if (typeof url !== 'string') {
    add('callback-url-invalid', 'callbackUrl', `CallbackURL must be a string; got ${describeValue(url)}`);
  } else {
    const bytes = new TextEncoder().encode(url).length;
    if (bytes > MAX_CALLBACK_URL_BYTES) {
      add(
        'callback-url-too-long',
        'callbackUrl',
        `CallbackURL is ${bytes} bytes; VOD accepts at most ${MAX_CALLBACK_URL_BYTES}`,
      );
    }
    if (/[,;\s]\s*https?:\/\//i.test(url)) {
      add(
        'callback-url-multiple',
        'callbackUrl',
        'CallbackURL looks like a list of URLs; VOD accepts exactly one',
        'Fan out from your own receiver if several services need the events.',
      );
    } else {
      checkCallbackUrlShape(url, add);
    }
  }

  const authSwitch = config.authSwitch;
  const switchOn = authSwitch === 'on';
  if (authSwitch !== undefined && authSwitch !== 'on' && authSwitch !== 'off') {
    add(
      'auth-switch-invalid',
      'authSwitch',
      `AuthSwitch must be 'on' or 'off'; got ${describeValue(authSwitch)}`,
    );
  }
  const key = config.authKey;
  const hasKey = typeof key === 'string' && key !== '';
  if (switchOn && !hasKey) {
    add(
      'auth-key-missing',
      'authKey',
      'AuthSwitch is on but no AuthKey is set',
      'Set an AuthKey of at most 32 characters with upper-case letters, lower-case letters and digits.',
    );
  }
  if (key !== undefined && key !== '') {
    if (typeof key !== 'string') {
      add('auth-key-invalid', 'authKey', `AuthKey must be a string; got a ${typeof key}`);
    } else {
      if (key.length > MAX_AUTH_KEY_LENGTH) {
        add(
          'auth-key-too-long',
          'authKey',
          `AuthKey has ${key.length} characters; VOD accepts at most ${MAX_AUTH_KEY_LENGTH}`,
        );
      }
      const missing = [
        /[A-Z]/.test(key) ? undefined : 'upper-case letters',
        /[a-z]/.test(key) ? undefined : 'lower-case letters',
        /[0-9]/.test(key) ? undefined : 'digits',
      ].filter((m) => m !== undefined);
      if (missing.length > 0) {
        add(
          'auth-key-character-classes',
          'authKey',
          `AuthKey must contain upper-case letters, lower-case letters and digits; it has no ${missing.join(' and no ')}`,
        );
      }
      if (!switchOn) {
        add(
          'auth-key-unused',
          'authKey',
          'AuthKey is set but AuthSwitch is not on, so VOD sends no signature headers',
          "Set AuthSwitch to 'on'.",
        );
      }
    }
  } else if (!switchOn) {
    add(
      'auth-disabled',
      'authSwitch',
      'HTTP callbacks are unsigned: the receiver cannot tell VOD from anyone else',
      "Set AuthSwitch 'on' with an AuthKey and verify X-VOD-SIGNATURE (signVodHttpCallback).",
    );
  }
}

function checkCallbackUrlShape(url: string, add: Add): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    add(
      'callback-url-invalid',
      'callbackUrl',
      `CallbackURL is not an absolute URL; got ${describeValue(url)}`,
    );
    return;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    add(
      'callback-url-invalid',
      'callbackUrl',
      `CallbackURL must be an http:// or https:// URL; got scheme ${describeValue(parsed.protocol)}`,
    );
    return;
  }
  if (isPrivateHost(parsed.hostname)) {
    add(
      'callback-url-not-public',
      'callbackUrl',
      `CallbackURL host '${parsed.hostname}' is a loopback or private address; VOD calls it from the Internet`,
      'Expose the receiver on a public host name.',
    );
  }
  if (parsed.protocol === 'http:') {
    add(
      'callback-url-http',
      'callbackUrl',
      'CallbackURL uses plain http: event bodies travel unencrypted and the signature does not cover the body',
      'VOD HTTP callbacks support https; prefer it (redirects are not followed, so configure the final URL).',
    );
  }
}

function isPrivateHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host === '[::1]')
    return true;
  const m = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (m === null) return /^\[f[cd][0-9a-f]{2}:/i.test(host) || /^\[fe80:/i.test(host);
  const a = Number(m[1]);
  const b = Number(m[2]);
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  );
}

function checkEventTypes(eventTypes: CallbackConfig['eventTypes'], add: Add): void {
  const field = 'eventTypes';
  let entries: readonly unknown[];
  if (eventTypes === undefined) {
    entries = [];
  } else if (typeof eventTypes === 'string') {
    if (eventTypes.includes('，')) {
      add(
        'event-types-fullwidth-comma',
        field,
        'EventTypeList contains a full-width comma (，); VOD splits only on the half-width comma (,)',
        'Replace every ， with ,',
      );
    }
    entries = eventTypes.trim() === '' ? [] : eventTypes.split(',');
  } else if (Array.isArray(eventTypes)) {
    entries = eventTypes;
  } else {
    add(
      'event-types-invalid',
      field,
      `EventTypeList must be a comma-separated string or a list of names; got ${describeValue(eventTypes)}`,
    );
    return;
  }
  if (entries.length === 0) {
    add(
      'event-types-empty',
      field,
      'EventTypeList is empty: VOD sends no notifications at all',
      "List the event types you handle, or 'ALL'.",
    );
    return;
  }

  const seen = new Set<string>();
  const names: string[] = [];
  entries.forEach((entry, i) => {
    const at = `${field}[${i}]`;
    if (typeof entry !== 'string') {
      add('event-types-invalid', at, `Event type names must be strings; got ${describeValue(entry)}`);
      return;
    }
    const name = entry.trim();
    if (name !== entry) {
      add(
        'event-type-whitespace',
        at,
        `Event type ${describeValue(entry)} has surrounding white space`,
        `Write '${name}' (vodmns's builder trims it for you).`,
      );
    }
    if (name === '') {
      add('event-type-unknown', at, 'Empty event type name (a stray comma?)');
      return;
    }
    if (seen.has(name)) {
      add('event-type-duplicate', at, `Event type '${name}' is listed more than once`);
      return;
    }
    seen.add(name);
    names.push(name);
    if (!ALLOWED_EVENT_TYPES.has(name)) {
      const fixed = ALLOWED_BY_LOWER.get(name.toLowerCase());
      add(
        'event-type-unknown',
        at,
        `'${name}' is not a VOD event type (names are case-sensitive)`,
        fixed !== undefined
          ? `Did you mean '${fixed}'?`
          : 'Allowed: the 22 VOD event types, AIComplete and ALL.',
      );
    } else if (AI_EVENT_TYPES.includes(name)) {
      add(
        'event-type-ai-individual',
        at,
        `'${name}' is an AI event; VOD enables AI events only together, through 'AIComplete'`,
        "Replace the AI event names with 'AIComplete'.",
      );
    } else if (name === 'SubmitMediaRefreshComplete') {
      add(
        'event-type-api-only',
        at,
        "'SubmitMediaRefreshComplete' cannot be selected in the VOD console; saving the callback settings from the console may drop it",
      );
    }
  });
  if (names.includes('ALL') && names.length > 1) {
    add(
      'event-type-all-combined',
      field,
      "'ALL' already enables every event; combining it with other names is ambiguous",
      "Use 'ALL' alone, or list only the events you handle.",
    );
  }
}
