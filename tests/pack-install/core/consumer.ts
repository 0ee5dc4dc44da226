// TypeScript (module nodenext) consumer of the packed @vodmns/core: event narrowing by EventType must type-check.
import {
  isMnsError,
  type MnsErrorCode,
  parseVodEvent,
  type Result,
  type VodEvent,
  type VodEventOf,
  type VodEventParseError,
} from '@vodmns/core';
import { createVodEvent, type VodEventOverrides } from '@vodmns/core/testing';

const result: Result<VodEvent, VodEventParseError> = parseVodEvent('{"EventType":"FileUploadComplete"}');
export function describe(): string {
  if (!result.ok) return `invalid: ${result.error.code}`;
  const event = result.value;
  if (event.EventType === 'FileUploadComplete') return `uploaded ${event.VideoId}`;
  return event.EventType;
}
export function codeOf(error: unknown): MnsErrorCode | string | undefined {
  return isMnsError(error) ? error.code : undefined;
}
export function factoryVideoId(overrides: VodEventOverrides<VodEventOf<'FileUploadComplete'>> = {}): string {
  return createVodEvent('FileUploadComplete', overrides).VideoId;
}
