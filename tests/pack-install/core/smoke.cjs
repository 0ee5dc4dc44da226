// CommonJS consumer of the packed @vodmns/core (require(esm), Node >= 20.19).
const { parseVodEvent } = require('@vodmns/core');

const parsed = parseVodEvent({
  Status: 'success',
  EventTime: '2025-03-14T02:31:08Z',
  EventType: 'FileUploadComplete',
  VideoId: '7f9aa338ae8e3196cdff6d7efebebaa8',
  Size: 52428800,
  FileUrl: 'http://example.oss-cn-shanghai.aliyuncs.com/sv/a.mp4',
});
if (!parsed.ok || parsed.value.EventType !== 'FileUploadComplete') {
  console.error('parseVodEvent (require) failed', parsed);
  process.exit(1);
}
console.log('core cjs ok');
