// ESM consumer of the packed @vodmns/core: parses a VOD event (FileUploadComplete fixture) and rejects a bad one;
// the @vodmns/core/testing entry builds an upload scenario whose every event the main entry parses.
import { isMnsError, MnsServiceError, parseVodEvent } from '@vodmns/core';
import { buildUploadScenario, createVodEvent } from '@vodmns/core/testing';

const body = JSON.stringify({
  Status: 'success',
  EventTime: '2025-03-14T02:31:08Z',
  EventType: 'FileUploadComplete',
  VideoId: '7f9aa338ae8e3196cdff6d7efebebaa8',
  Size: 52428800,
  FileUrl:
    'http://outin-83a6b9f18e281f94097a7fa384014475.oss-cn-shanghai.aliyuncs.com/sv/fe790c94/b42c4cf1.mp4',
  Extend: '{"courseId":"c-2041"}',
});
const parsed = parseVodEvent(body);
if (
  !parsed.ok ||
  parsed.value.EventType !== 'FileUploadComplete' ||
  parsed.value.VideoId !== '7f9aa338ae8e3196cdff6d7efebebaa8'
) {
  console.error('parseVodEvent did not return the FileUploadComplete event', parsed);
  process.exit(1);
}
const bad = parseVodEvent('[1, 2]');
if (bad.ok || typeof bad.error.code !== 'string') {
  console.error('parseVodEvent accepted a JSON array', bad);
  process.exit(1);
}
const error = new MnsServiceError({
  code: 'QueueNotExist',
  message: 'no such queue',
  fault: 'client',
  status: 404,
});
if (!isMnsError(error) || error.retryable) {
  console.error('MnsServiceError QueueNotExist is not a non-retryable MnsError');
  process.exit(1);
}
const scenario = buildUploadScenario({ seed: 3, storageRegion: 'eu-central-1' });
const unparsed = scenario.filter((e) => !parseVodEvent(JSON.stringify(e)).ok);
if (
  scenario.length < 3 ||
  unparsed.length > 0 ||
  createVodEvent('TranscodeComplete').EventType !== 'TranscodeComplete'
) {
  console.error('@vodmns/core/testing factories are not usable', { events: scenario.length, unparsed });
  process.exit(1);
}
console.log('core esm ok');
