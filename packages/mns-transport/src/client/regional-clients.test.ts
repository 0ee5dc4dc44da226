import { describe, expect, it } from 'vitest';
import { createRegionalClients } from './regional-clients.js';

const credentials = { accessKeyId: 'LTAIexample', accessKeySecret: 'example-secret' };

describe('createRegionalClients', () => {
  it('builds one client per region on first use, from the account id and network', async () => {
    await using clients = createRegionalClients({
      accountId: '1234567890123456',
      network: 'internal',
      credentials,
    });
    const sh = clients.clientFor('cn-shanghai');
    expect(clients.clientFor('cn-shanghai')).toBe(sh);
    expect(sh.endpoint).toBe('https://1234567890123456.mns.cn-shanghai-internal.aliyuncs.com');
    expect(clients.clientFor('eu-central-1').endpoint).toBe(
      'https://1234567890123456.mns.eu-central-1-internal.aliyuncs.com',
    );
    expect(clients.regions()).toEqual(['cn-shanghai', 'eu-central-1']);
  });

  it('takes an endpoint per region instead (local servers)', async () => {
    await using clients = createRegionalClients({
      endpointFor: (region) => (region === 'cn-shanghai' ? 'http://127.0.0.1:9001' : 'http://127.0.0.1:9002'),
      credentials,
    });
    expect(clients.clientFor('cn-shanghai').endpoint).toBe('http://127.0.0.1:9001');
    expect(clients.clientFor('ap-southeast-1').region).toBe('ap-southeast-1');
    await clients.close();
    expect(clients.regions()).toEqual([]);
  });

  it('names a bad option when the first client is built', () => {
    const clients = createRegionalClients({ accountId: 'not-digits', credentials });
    expect(() => clients.clientFor('cn-shanghai')).toThrow(/accountId/);
  });
});
