// The child-side half of the shared idempotency store (rx's `IdempotencyStore`: has, reserve, commit, release):
// every call is a request to the parent test process over the IPC channel, where `SharedIdempotencyHost` keeps
// the state. The parent outlives every SIGKILLed worker, so commits survive crashes.

export class IpcIdempotencyStore {
  #nextId = 1;
  #pending = new Map();

  constructor() {
    if (typeof process.send !== 'function') throw new Error('IpcIdempotencyStore needs an IPC channel');
    process.on('message', (m) => {
      if (m === null || typeof m !== 'object' || m.kind !== 'idem-reply') return;
      const resolve = this.#pending.get(m.id);
      if (resolve === undefined) return;
      this.#pending.delete(m.id);
      resolve(m.value);
    });
  }

  #call(op, key, ttlMs = 0) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, resolve);
      process.send({ kind: 'idem', id, op, key, ttlMs }, (error) => {
        if (error) {
          this.#pending.delete(id);
          reject(error);
        }
      });
    });
  }

  async has(key) {
    return (await this.#call('has', key)) === true;
  }

  async reserve(key, ttlMs) {
    return (await this.#call('reserve', key, ttlMs)) === true;
  }

  async commit(key, ttlMs) {
    await this.#call('commit', key, ttlMs);
  }

  async release(key) {
    await this.#call('release', key);
  }
}
