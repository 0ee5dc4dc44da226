import { invalidArgument, MNS_LIMITS } from '@vodmns/core';
import type { MnsOperation } from './mns-operation.js';

/** Which requests a fault applies to; every given field must match. */
export interface FaultMatch {
  /** Only this operation. @defaultValue any */
  readonly operation?: MnsOperation | undefined;
  /** Only requests on this queue. @defaultValue any */
  readonly queueName?: string | undefined;
  /** Only this HTTP method (case-insensitive). @defaultValue any */
  readonly method?: string | undefined;
}

/**
 * What happens to a matching request.
 * - `{ status, code, message? }`: answered with that MNS `<Error>` without being executed.
 * - `{ delayMs }`: executed normally after a real-time delay of `delayMs` (simulated latency).
 * - `{ reset: true }`: the connection is destroyed without executing the request (socket mode only;
 *   in-process `handle()` reports it as `transportFault: 'reset'`).
 * - `{ truncateBody: true }`: executed; the response declares its full length but only half the body is sent
 *   before the connection closes.
 * - `{ malformedBody: true }`: executed; the response body is replaced by XML that is not well-formed.
 * - `{ throttle: true }`: not executed; held `throttleHoldMs` (on the server's clock), then answered
 *   `429 TooManyRequests`, as the live service's flow limiter does.
 * - `{ failEntries, code?, message? }`: BatchSendMessage / BatchDeleteMessage only — the listed 0-based
 *   entries fail (not stored / not deleted) with `code` (default `InternalError`), producing the 500 / 404
 *   partial-failure responses; the others succeed.
 */
export type MnsLocalFault =
  | { readonly status: number; readonly code: string; readonly message?: string | undefined }
  | { readonly delayMs: number }
  | { readonly reset: true }
  | { readonly truncateBody: true }
  | { readonly malformedBody: true }
  | { readonly throttle: true }
  | {
      readonly failEntries: readonly number[];
      readonly code?: string | undefined;
      readonly message?: string | undefined;
    };

/** A fault to inject. */
export interface FaultRule {
  /** Requests to affect. @defaultValue every request */
  readonly match?: FaultMatch | undefined;
  /** How many matching requests to affect, ≥ 1 (`Infinity` = until cleared). @defaultValue 1 */
  readonly times?: number | undefined;
  readonly fault: MnsLocalFault;
}

/** Handle of an injected rule. */
export interface InjectedFault {
  /** Matching requests still to affect. */
  readonly remaining: number;
  /** Requests affected so far. */
  readonly applied: number;
  /** Stops the rule. */
  cancel(): void;
}

interface ActiveRule {
  readonly match: FaultMatch;
  readonly fault: MnsLocalFault;
  remaining: number;
  applied: number;
}

/** Scripted failures for tests: `server.faults`. */
export interface FaultInjector {
  /** Adds a rule; rules are consulted in insertion order, the first match wins. */
  inject(rule: FaultRule): InjectedFault;
  /** Removes every rule (counters stay). */
  clear(): void;
  /** Total requests affected by any rule since start. */
  readonly appliedCount: number;
  /**
   * Requests affected per fault kind (`status`, `delay`, `reset`, `truncateBody`, `malformedBody`, `throttle`,
   * `failEntries`).
   */
  readonly appliedByKind: Readonly<Record<string, number>>;
  /** Rules with remaining applications. */
  readonly pendingRules: number;
}

/** The kind name of a fault, as used in counters and the access log. */
export function faultKind(fault: MnsLocalFault): string {
  if ('status' in fault) return 'status';
  if ('delayMs' in fault) return 'delay';
  if ('reset' in fault) return 'reset';
  if ('truncateBody' in fault) return 'truncateBody';
  if ('malformedBody' in fault) return 'malformedBody';
  if ('throttle' in fault) return 'throttle';
  return 'failEntries';
}

/** Internal side of the injector used by the request handler. */
export interface FaultInjectorInternal extends FaultInjector {
  /** Consumes one application of the first matching rule, if any. */
  take(
    operation: MnsOperation | undefined,
    queueName: string | undefined,
    method: string,
  ): MnsLocalFault | undefined;
}

function validateFault(fault: MnsLocalFault): void {
  const field = (name: string): string => `faults.inject fault${name}`;
  if (typeof fault !== 'object' || fault === null) throw invalidArgument(field(''), fault, 'an object');
  if ('status' in fault) {
    if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) {
      throw invalidArgument(field('.status'), fault.status, 'an HTTP status from 100 to 599');
    }
    if (typeof fault.code !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(fault.code)) {
      throw invalidArgument(field('.code'), fault.code, 'an error code');
    }
  } else if ('delayMs' in fault) {
    if (!Number.isFinite(fault.delayMs) || fault.delayMs < 0 || fault.delayMs > 600_000) {
      throw invalidArgument(field('.delayMs'), fault.delayMs, 'a number of ms from 0 to 600000');
    }
  } else if ('failEntries' in fault) {
    const last = MNS_LIMITS.batchSize.max - 1;
    if (
      !Array.isArray(fault.failEntries) ||
      fault.failEntries.some((i) => !Number.isInteger(i) || i < 0 || i > last)
    ) {
      throw invalidArgument(field('.failEntries'), fault.failEntries, `entry indexes from 0 to ${last}`);
    }
  } else if (
    !('reset' in fault) &&
    !('truncateBody' in fault) &&
    !('malformedBody' in fault) &&
    !('throttle' in fault)
  ) {
    throw invalidArgument(
      field(''),
      fault,
      'a known fault (status, delayMs, failEntries, reset, truncateBody, malformedBody, throttle)',
    );
  }
}

/** Creates an empty injector. */
export function createFaultInjector(): FaultInjectorInternal {
  let rules: ActiveRule[] = [];
  let appliedCount = 0;
  const appliedByKind: Record<string, number> = {};
  return {
    inject(rule) {
      validateFault(rule.fault);
      const times = rule.times ?? 1;
      if (!(times >= 1) || (!Number.isInteger(times) && times !== Number.POSITIVE_INFINITY)) {
        throw invalidArgument('faults.inject times', times, 'an integer ≥ 1 or Infinity');
      }
      const active: ActiveRule = { match: rule.match ?? {}, fault: rule.fault, remaining: times, applied: 0 };
      rules.push(active);
      return {
        get remaining() {
          return active.remaining;
        },
        get applied() {
          return active.applied;
        },
        cancel() {
          active.remaining = 0;
          rules = rules.filter((r) => r !== active);
        },
      };
    },
    clear() {
      for (const r of rules) r.remaining = 0;
      rules = [];
    },
    get appliedCount() {
      return appliedCount;
    },
    get appliedByKind() {
      return { ...appliedByKind };
    },
    get pendingRules() {
      return rules.length;
    },
    take(operation, queueName, method) {
      if (rules.length === 0) return undefined;
      const m = method.toUpperCase();
      for (const r of rules) {
        const { match } = r;
        if (match.operation !== undefined && match.operation !== operation) continue;
        if (match.queueName !== undefined && match.queueName !== queueName) continue;
        if (match.method !== undefined && match.method.toUpperCase() !== m) continue;
        if (
          'failEntries' in r.fault &&
          operation !== 'BatchSendMessage' &&
          operation !== 'BatchDeleteMessage'
        ) {
          continue;
        }
        r.remaining--;
        r.applied++;
        if (r.remaining <= 0) rules = rules.filter((x) => x !== r);
        appliedCount++;
        const kind = faultKind(r.fault);
        appliedByKind[kind] = (appliedByKind[kind] ?? 0) + 1;
        return r.fault;
      }
      return undefined;
    },
  };
}
