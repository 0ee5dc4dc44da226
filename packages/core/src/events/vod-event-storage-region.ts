import { findVodStorageRegion } from '../routing/vod-storage-regions.js';
import { vodCoverUrl, vodFileUrl } from './vod-event-accessors.js';
import type { VodEvent } from './vod-event.js';

/** Longest host name worth looking at (DNS caps names at 253 characters). */
const MAX_HOST_LENGTH = 253;
const OSS_SUFFIX = '.aliyuncs.com';

/**
 * The storage region of an OSS URL VOD sent (`http://outin-….oss-cn-beijing.aliyuncs.com/…` → `cn-beijing`;
 * `-internal` hosts too), when the region is a known VOD storage region. A CDN domain (`vod.example.com`) tells
 * nothing: `undefined`. Linear in the URL; never throws.
 */
export function storageRegionOfUrl(url: string | undefined): string | undefined {
  if (typeof url !== 'string') return undefined;
  const scheme = url.indexOf('://');
  if (scheme < 0 || scheme > 8) return undefined;
  const start = scheme + 3;
  let end = start;
  while (end < url.length && end - start <= MAX_HOST_LENGTH) {
    const c = url.charCodeAt(end);
    if (c === 0x2f || c === 0x3a || c === 0x3f || c === 0x23) break; // / : ? #
    end += 1;
  }
  const host = url.slice(start, end).toLowerCase();
  if (!host.endsWith(OSS_SUFFIX)) return undefined;
  const labels = host.slice(0, -OSS_SUFFIX.length).split('.');
  const oss = labels[labels.length - 1];
  if (oss === undefined || !oss.startsWith('oss-')) return undefined;
  const region = oss.slice(4).replace(/-internal$/, '');
  return findVodStorageRegion(region) !== undefined ? region : undefined;
}

/**
 * The VOD storage region an event's media lives in, read from the OSS host of its file URL, cover URL or first
 * stream URL, when VOD sent one (events pointing at a CDN domain, or carrying no URL at all, give `undefined`).
 * VOD events carry no explicit region field: use this to tag an event, never to route it.
 */
export function vodEventStorageRegion(event: VodEvent): string | undefined {
  const direct = storageRegionOfUrl(vodFileUrl(event)) ?? storageRegionOfUrl(vodCoverUrl(event));
  if (direct !== undefined) return direct;
  const streams = (event as { StreamInfos?: unknown }).StreamInfos;
  if (Array.isArray(streams)) {
    for (const s of streams) {
      if (typeof s === 'object' && s !== null) {
        const region = storageRegionOfUrl(vodFileUrl(s as Record<string, unknown>));
        if (region !== undefined) return region;
      }
    }
  }
  return undefined;
}
