/** How serious a {@link CallbackFinding} is: `error` = VOD delivery will fail or the API rejects it. */
export type CallbackFindingSeverity = 'error' | 'warning' | 'info';

/** What a {@link CallbackFindingCode} means and how serious it is. */
export interface CallbackFindingSpec {
  /** The finding's severity. */
  readonly severity: CallbackFindingSeverity;
  /** Severity when the check's own basis has low confidence (only `queue-region-cross-region`). */
  readonly lowConfidenceSeverity?: CallbackFindingSeverity;
  /** One-line meaning. */
  readonly meaning: string;
}

/**
 * Every {@link CallbackFinding} code with its severity and meaning: the only place a finding's severity is
 * written (`checkCallbackConfig` looks it up here). Match on the codes, not on messages.
 */
export const CALLBACK_FINDINGS = Object.freeze({
  'config-invalid': { severity: 'error', meaning: 'the configuration is not an object' },
  'callback-type-missing': { severity: 'error', meaning: '`CallbackType` is absent or empty' },
  'callback-type-invalid': { severity: 'error', meaning: '`CallbackType` is not `MNS` or `HTTP`' },
  'callback-type-http': {
    severity: 'info',
    meaning: 'HTTP delivery loses events while the receiver is down; MNS is recommended',
  },
  'app-id-invalid': { severity: 'error', meaning: '`AppId` is empty or not a string' },
  'storage-region-missing': {
    severity: 'info',
    meaning: 'no storage region given: the queue-region rule was not checked',
  },
  'storage-region-unknown': { severity: 'warning', meaning: 'storage region id not in the VOD region table' },
  'storage-region-deactivated': {
    severity: 'error',
    meaning: 'the storage region is deactivated (`ap-south-1`)',
  },
  'mns-endpoint-missing': { severity: 'error', meaning: 'MNS mode without `MnsEndpoint`' },
  'mns-endpoint-malformed': { severity: 'error', meaning: '`MnsEndpoint` is not an MNS endpoint URL' },
  'mns-endpoint-not-aliyun': {
    severity: 'error',
    meaning: '`MnsEndpoint` is a custom/loopback URL VOD cannot reach',
  },
  'mns-endpoint-not-public': {
    severity: 'error',
    meaning: '`MnsEndpoint` is an `-internal` / `-internal-vpc` endpoint',
  },
  'mns-endpoint-https': {
    severity: 'info',
    meaning: "https endpoint; VOD's documented examples use http://",
  },
  'mns-region-unknown': { severity: 'warning', meaning: "the endpoint's region is not a known MNS region" },
  'mns-queue-name-missing': { severity: 'error', meaning: 'MNS mode without `MnsQueueName`' },
  'mns-queue-name-invalid': { severity: 'error', meaning: '`MnsQueueName` is not a valid MNS queue name' },
  'queue-region-short-delay': {
    severity: 'warning',
    meaning: 'mainland storage, queue in a mainland region other than cn-shanghai',
  },
  'queue-region-cross-region': {
    severity: 'warning',
    lowConfidenceSeverity: 'info',
    meaning: 'queue not in the recommended region (`info` when the recommendation has low confidence)',
  },
  'http-field-ignored': { severity: 'info', meaning: 'HTTP-only field set in MNS mode' },
  'callback-url-missing': { severity: 'error', meaning: 'HTTP mode without `CallbackURL`' },
  'callback-url-invalid': {
    severity: 'error',
    meaning: '`CallbackURL` is not one absolute http(s) URL string',
  },
  'callback-url-too-long': { severity: 'error', meaning: '`CallbackURL` over 256 bytes' },
  'callback-url-multiple': {
    severity: 'error',
    meaning: 'looks like a list of URLs (exactly one is allowed)',
  },
  'callback-url-not-public': { severity: 'warning', meaning: 'loopback/private host VOD cannot reach' },
  'callback-url-http': { severity: 'info', meaning: 'plain http: event bodies travel unencrypted' },
  'auth-switch-invalid': { severity: 'error', meaning: '`AuthSwitch` is not `on`/`off`' },
  'auth-key-missing': { severity: 'error', meaning: '`AuthSwitch=on` without `AuthKey`' },
  'auth-key-invalid': { severity: 'error', meaning: '`AuthKey` is not a string' },
  'auth-key-too-long': { severity: 'error', meaning: '`AuthKey` over 32 characters' },
  'auth-key-character-classes': {
    severity: 'error',
    meaning: '`AuthKey` lacks upper-case letters, lower-case letters or digits',
  },
  'auth-key-unused': { severity: 'info', meaning: '`AuthKey` set but `AuthSwitch` is off' },
  'auth-disabled': { severity: 'info', meaning: 'HTTP callbacks without signature headers' },
  'mns-field-ignored': { severity: 'info', meaning: 'MNS-only field set in HTTP mode' },
  'event-types-invalid': {
    severity: 'error',
    meaning: '`EventTypeList` is neither a string nor a list of strings',
  },
  'event-types-empty': { severity: 'warning', meaning: 'empty/absent list: every notification is disabled' },
  'event-types-fullwidth-comma': {
    severity: 'error',
    meaning: 'separated with `，` instead of the half-width `,`',
  },
  'event-type-whitespace': { severity: 'warning', meaning: 'an entry has surrounding white space' },
  'event-type-unknown': {
    severity: 'error',
    meaning: 'not one of the 22 event types, `AIComplete` or `ALL`',
  },
  'event-type-ai-individual': { severity: 'warning', meaning: 'an AI event listed instead of `AIComplete`' },
  'event-type-all-combined': { severity: 'warning', meaning: '`ALL` combined with other names' },
  'event-type-duplicate': { severity: 'info', meaning: 'a name listed twice' },
  'event-type-api-only': {
    severity: 'info',
    meaning: '`SubmitMediaRefreshComplete` cannot be selected in the console',
  },
} as const satisfies Readonly<Record<string, CallbackFindingSpec>>);

/** Stable codes of {@link CallbackFinding}s: the keys of {@link CALLBACK_FINDINGS}. */
export type CallbackFindingCode = keyof typeof CALLBACK_FINDINGS;

/** One problem or note about a VOD callback configuration, from {@link checkCallbackConfig}. */
export interface CallbackFinding {
  /** Stable code (see {@link CallbackFindingCode}). */
  readonly code: CallbackFindingCode;
  readonly severity: CallbackFindingSeverity;
  /**
   * The {@link CallbackConfig} field concerned (`mnsEndpoint`, `eventTypes[2]`, …); `config` for the whole
   * object.
   */
  readonly field: string;
  /** What is wrong, naming the VOD parameter and the value (never the `AuthKey`). */
  readonly message: string;
  /** How to fix it, when there is a concrete suggestion. */
  readonly hint?: string;
}
