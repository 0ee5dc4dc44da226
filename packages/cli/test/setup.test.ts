import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MNS_LOCAL_BIN,
  type MnsLocalProcess,
  missingDist,
  spawnMnsLocal,
} from './helpers/mns-local-process.js';
import { vodmns } from './helpers/run.js';

// Needs packages/mns-local/dist (CI builds before testing).
const skip = missingDist(MNS_LOCAL_BIN);

describe.skipIf(skip !== undefined)(
  `vodmns setup against mns-local${skip ? ` — skipped: ${skip}` : ''}`,
  () => {
    let server: MnsLocalProcess;
    beforeAll(async () => {
      server = await spawnMnsLocal();
    });
    afterAll(async () => {
      await server?.[Symbol.asyncDispose]();
    });

    const regions = 'cn-beijing,cn-shenzhen,ap-southeast-1,eu-central-1';

    it('creates one queue and one dead-letter queue per queue region and prints SetMessageCallback per storage region', async () => {
      const r = await vodmns(
        ['setup', '--storage-region', regions, '--dead-letter', '--account-id', '1234567890123456', '--json'],
        server.env,
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as {
        ok: boolean;
        queues: { queueRegion: string; queueName: string; role: string; status: string }[];
        callbacks: {
          storageRegion: string;
          queueName: string;
          params: Record<string, string>;
          command: string;
        }[];
      };
      expect(out.ok).toBe(true);
      expect(out.queues.map((q) => [q.queueName, q.role, q.status])).toEqual([
        ['vod-events-cn-shanghai', 'events', 'created'],
        ['vod-events-cn-shanghai-dlq', 'dead-letter', 'created'],
        ['vod-events-ap-southeast-1', 'events', 'created'],
        ['vod-events-ap-southeast-1-dlq', 'dead-letter', 'created'],
        ['vod-events-eu-central-1', 'events', 'created'],
        ['vod-events-eu-central-1-dlq', 'dead-letter', 'created'],
      ]);
      expect(out.callbacks.map((c) => [c.storageRegion, c.queueName])).toEqual([
        ['cn-beijing', 'vod-events-cn-shanghai'],
        ['cn-shenzhen', 'vod-events-cn-shanghai'],
        ['ap-southeast-1', 'vod-events-ap-southeast-1'],
        ['eu-central-1', 'vod-events-eu-central-1'],
      ]);
      expect(out.callbacks[0]?.params).toMatchObject({
        CallbackType: 'MNS',
        MnsEndpoint: 'https://1234567890123456.mns.cn-shanghai.aliyuncs.com/',
        MnsQueueName: 'vod-events-cn-shanghai',
      });
      expect(out.callbacks[3]?.command).toContain('aliyun vod SetMessageCallback --region eu-central-1');
      expect(r.stdout).not.toContain(server.accessKeySecret);
    });

    it('is idempotent and checks an existing queue against what VOD needs', async () => {
      const again = await vodmns(['setup', '--storage-region', regions, '--dead-letter'], server.env);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/vod-events-cn-shanghai\s+events\s+exists/);
      expect(again.stdout).toContain('pass --account-id');
      expect(again.stdout).toContain('is not an Alibaba Cloud endpoint');

      const created = await vodmns(
        ['queue', 'create', 'short-eu-central-1', '--retention', '60'],
        server.env,
      );
      expect(created.code).toBe(0);
      const unfit = await vodmns(
        ['setup', '--storage-region', 'eu-central-1', '--queue-prefix', 'short'],
        server.env,
      );
      expect(unfit.code).toBe(1);
      expect(unfit.stdout).toMatch(/short-eu-central-1\s+events\s+unfit\s+retention 60 s < 3600 s/);
    });

    it('names a bad storage region and a missing flag before touching any queue', async () => {
      const bad = await vodmns(['setup', '--storage-region', 'cn-beijing,mars-1'], server.env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("'mars-1'");
      const none = await vodmns(['setup'], server.env);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('--storage-region');
    });
  },
);
