import { createRequire } from 'node:module';
import { MnsConfigError, MnsErrorCodes } from '@vodmns/core';
import type * as OtelApi from '@opentelemetry/api';

/** The OpenTelemetry API module (`@opentelemetry/api`), an optional peer dependency. */
export type OpenTelemetryApi = typeof OtelApi;

let cached: OpenTelemetryApi | undefined;

/**
 * Loads `@opentelemetry/api` the first time telemetry is switched on (never when it is off, so a consumer without
 * telemetry neither needs nor loads the package). The API is a process-wide singleton by design: the copy the
 * application registered its SDK with is the one found here.
 * @throws `MnsConfigError` (`ERR_MNS_INVALID_ARGUMENT`) naming the package when it is not installed.
 */
export function loadOpenTelemetryApi(): OpenTelemetryApi {
  if (cached !== undefined) return cached;
  try {
    cached = createRequire(import.meta.url)('@opentelemetry/api') as OpenTelemetryApi;
    return cached;
  } catch (error) {
    throw new MnsConfigError({
      code: MnsErrorCodes.invalidArgument,
      message:
        'telemetry needs the optional peer dependency @opentelemetry/api (1.x): npm install @opentelemetry/api',
      fault: 'client',
      cause: error,
    });
  }
}
