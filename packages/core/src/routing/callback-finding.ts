/** How serious a {@link CallbackFinding} is: `error` = VOD delivery will fail or the API rejects it. */
export type CallbackFindingSeverity = 'error' | 'warning' | 'info';

/**
 * Stable codes of {@link CallbackFinding}s (match on these, not on messages):
 *
 * | code | severity | meaning |
 * |---|---|---|
 * | `config-invalid` | error | the configuration is not an object |
 * | `callback-type-missing` / `callback-type-invalid` | error | `CallbackType` is not `MNS` or `HTTP` |
 * | `callback-type-http` | info | HTTP delivery loses events while the receiver is down; MNS is recommended |
 * | `app-id-invalid` | error | `AppId` is empty or not a string |
 * | `storage-region-missing` | info | no storage region given: the queue-region rule was not checked |
 * | `storage-region-unknown` | warning | storage region id not in the VOD region table |
 * | `storage-region-deactivated` | error | the storage region is deactivated (`ap-south-1`) |
 * | `mns-endpoint-missing` | error | MNS mode without `MnsEndpoint` |
 * | `mns-endpoint-malformed` | error | `MnsEndpoint` is not an MNS endpoint URL |
 * | `mns-endpoint-not-aliyun` | error | `MnsEndpoint` is a custom/loopback URL VOD cannot reach |
 * | `mns-endpoint-not-public` | error | `MnsEndpoint` is an `-internal` / `-internal-vpc` endpoint |
 * | `mns-endpoint-https` | info | https endpoint; VOD's documented examples use http:// |
 * | `mns-region-unknown` | warning | the endpoint's region is not a known MNS region |
 * | `mns-queue-name-missing` / `mns-queue-name-invalid` | error | queue name absent or not a valid MNS name |
 * | `queue-region-short-delay` | warning | mainland storage, queue in a mainland region other than cn-shanghai |
 * | `queue-region-cross-region` | warning (info at low confidence) | queue not in the recommended region |
 * | `http-field-ignored` | info | HTTP-only field set in MNS mode |
 * | `callback-url-missing` / `callback-url-invalid` | error | HTTP mode without a valid absolute http(s) URL |
 * | `callback-url-too-long` | error | `CallbackURL` over 256 bytes |
 * | `callback-url-multiple` | error | looks like a list of URLs (exactly one is allowed) |
 * | `callback-url-not-public` | warning | loopback/private host VOD cannot reach |
 * | `callback-url-http` | info | plain http: event bodies travel unencrypted |
 * | `auth-switch-invalid` | error | `AuthSwitch` is not `on`/`off` |
 * | `auth-key-missing` | error | `AuthSwitch=on` without `AuthKey` |
 * | `auth-key-too-long` / `auth-key-character-classes` | error | `AuthKey` breaks VOD's rules |
 * | `auth-key-unused` | info | `AuthKey` set but `AuthSwitch` is off |
 * | `auth-disabled` | info | HTTP callbacks without signature headers |
 * | `mns-field-ignored` | info | MNS-only field set in HTTP mode |
 * | `event-types-invalid` | error | `EventTypeList` is neither a string nor a list of strings |
 * | `event-types-empty` | warning | empty/absent list: every notification is disabled |
 * | `event-types-fullwidth-comma` | error | separated with `，` instead of the half-width `,` |
 * | `event-type-whitespace` | warning | an entry has surrounding white space |
 * | `event-type-unknown` | error | not one of the 22 event types, `AIComplete` or `ALL` |
 * | `event-type-ai-individual` | warning | an AI event listed instead of `AIComplete` |
 * | `event-type-all-combined` | warning | `ALL` combined with other names |
 * | `event-type-duplicate` | info | a name listed twice |
 * | `event-type-api-only` | info | `SubmitMediaRefreshComplete` cannot be selected in the console |
 */
export type CallbackFindingCode =
  | 'config-invalid'
  | 'callback-type-missing'
  | 'callback-type-invalid'
  | 'callback-type-http'
  | 'app-id-invalid'
  | 'storage-region-missing'
  | 'storage-region-unknown'
  | 'storage-region-deactivated'
  | 'mns-endpoint-missing'
  | 'mns-endpoint-malformed'
  | 'mns-endpoint-not-aliyun'
  | 'mns-endpoint-not-public'
  | 'mns-endpoint-https'
  | 'mns-region-unknown'
  | 'mns-queue-name-missing'
  | 'mns-queue-name-invalid'
  | 'queue-region-short-delay'
  | 'queue-region-cross-region'
  | 'http-field-ignored'
  | 'callback-url-missing'
  | 'callback-url-invalid'
  | 'callback-url-too-long'
  | 'callback-url-multiple'
  | 'callback-url-not-public'
  | 'callback-url-http'
  | 'auth-switch-invalid'
  | 'auth-key-missing'
  | 'auth-key-too-long'
  | 'auth-key-character-classes'
  | 'auth-key-unused'
  | 'auth-disabled'
  | 'mns-field-ignored'
  | 'event-types-invalid'
  | 'event-types-empty'
  | 'event-types-fullwidth-comma'
  | 'event-type-whitespace'
  | 'event-type-unknown'
  | 'event-type-ai-individual'
  | 'event-type-all-combined'
  | 'event-type-duplicate'
  | 'event-type-api-only';

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
