import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { inspect } from 'node:util';
import { startMnsLocal } from '@vodmns/mns-local';
import {
  envCredentials,
  fromAlibabaCloudCredentials,
  MnsClient,
  refreshingCredentials,
  staticCredentials,
} from '@vodmns/mns-transport';
import { describe, expect, it } from 'vitest';

const SECRET = 'S3cr3t-Value-That-Must-Never-Leak';
const TOKEN = 'Sts-Token-That-Must-Never-Leak';
const WRONG_SECRET = 'Wrong-S3cr3t-Also-Never-Leaks';

/** Every way an object can be rendered. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 10, showHidden: true, getters: true }), String(value)];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch {
    // not serialisable: inspect covers it
  }
  if (value instanceof Error) out.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 10 }));
  return out;
}

describe('no secret in errors, toJSON, util.inspect or diagnostics', () => {
  it('scans every rendering produced by a range of failures', async () => {
    const sts = { accessKeyId: 'STS.NUleak.test', accessKeySecret: SECRET, securityToken: TOKEN };
    await using server = await startMnsLocal({ port: 0, credentials: [sts] });
    const seen: unknown[] = [];
    const names = ['vodmns:mns:request', 'vodmns:mns:response', 'vodmns:mns:retry'];
    const record = (m: unknown) => seen.push(m);
    for (const n of names) subscribe(n, record);
    try {
      const base = {
        endpoint: server.endpoint,
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, throttlingBaseDelayMs: 1 },
      };
      const good = new MnsClient({ ...base, credentials: sts, timeoutMs: 200 });
      const wrong = new MnsClient({ ...base, credentials: { ...sts, accessKeySecret: WRONG_SECRET } });
      const provided = new MnsClient({
        ...base,
        credentials: refreshingCredentials(async () => ({ ...sts, expiration: Date.now() + 3_600_000 })),
      });
      seen.push(good, wrong, provided, good.toJSON());
      seen.push(
        staticCredentials(sts),
        refreshingCredentials(async () => sts),
      );
      seen.push(fromAlibabaCloudCredentials({ getCredential: async () => sts }));
      await good.createQueue({ queueName: 'q' });
      const failures: Array<Promise<unknown>> = [
        wrong.listQueues(),
        good.getQueueAttributes({ queueName: 'absent' }),
        good.sendMessage({ queueName: 'q', messageBody: '\u0000' }),
        good.receiveMessage({ queueName: 'q', waitSeconds: 99 }),
        good.listQueues({ signal: AbortSignal.abort() }),
        new Promise((_, reject) => {
          server.faults.inject({
            match: { operation: 'ListQueue' },
            fault: { malformedBody: true },
            times: 2,
          });
          provided.listQueues().then(reject, reject);
        }),
        new Promise((_, reject) => {
          server.faults.inject({
            match: { operation: 'GetQueueAttributes', queueName: 'q' },
            fault: { delayMs: 1_000 },
            times: 2,
          });
          good.getQueueAttributes({ queueName: 'q' }).then(reject, reject);
        }),
        Promise.reject(
          (() => {
            try {
              envCredentials({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' });
            } catch (e) {
              return e;
            }
          })(),
        ),
        Promise.reject(
          (() => {
            try {
              return new MnsClient({ ...base, credentials: { accessKeyId: '', accessKeySecret: SECRET } });
            } catch (e) {
              return e;
            }
          })(),
        ),
      ];
      const errors = (await Promise.allSettled(failures)).map((r) =>
        r.status === 'rejected' ? r.reason : r.value,
      );
      expect(errors.filter((e) => !(e instanceof Error))).toEqual([]);
      expect(errors.map((e) => (e as { code?: string }).code)).toEqual([
        'SignatureDoesNotMatch',
        'QueueNotExist',
        'ERR_MNS_INVALID_XML_CHARACTER',
        'ERR_MNS_INVALID_ARGUMENT',
        'ERR_MNS_ABORTED',
        'ERR_MNS_DECODE',
        'ERR_MNS_TIMEOUT',
        'ERR_MNS_CREDENTIALS',
        'ERR_MNS_CREDENTIALS',
      ]);
      seen.push(...errors);
      await Promise.all([good.close(), wrong.close(), provided.close()]);
    } finally {
      for (const n of names) unsubscribe(n, record);
    }
    expect(seen.length).toBeGreaterThan(20);
    for (const value of seen) {
      for (const text of renderings(value)) {
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(WRONG_SECRET);
        expect(text.toLowerCase()).not.toContain('authorization:');
        expect(text).not.toMatch(/MNS STS\.NUleak\.test:/);
      }
    }
  });
});
