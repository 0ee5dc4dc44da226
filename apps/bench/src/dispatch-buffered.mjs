// One HTTP exchange over undici's `dispatch` with a handler that only collects the body: the leanest undici path,
// the same shape @vodmns/mns-transport uses (no stream, no signing, no XML). Shared by the limit contender and
// undici-paths.mjs.

/** Resolves with the whole response body; rejects with undici's error. */
export function dispatchBuffered(dispatcher, options) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    dispatcher.dispatch(options, {
      onRequestStart() {},
      onResponseStart() {},
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        resolve(Buffer.concat(chunks));
      },
      onResponseError(_controller, error) {
        reject(error);
      },
    });
  });
}
