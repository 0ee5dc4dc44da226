// The clients compared, behind one small interface. Each is used as its README shows, pointed at the same
// mns-local process; only what is needed to point a client at a loopback endpoint is adapted.
import { createRequire } from 'node:module';
import { MnsClient } from '@vodmns/mns-transport';
import { Pool } from 'undici';
import { dispatchBuffered } from './dispatch-buffered.mjs';

const require = createRequire(import.meta.url);

/** @typedef {{ endpoint: string, accountId: string, accessKeyId: string, accessKeySecret: string }} Target */

/** vodmns: `@vodmns/mns-transport`'s MnsClient (undici pool, specialised decoder). */
export function vodmnsContender(target) {
  const client = new MnsClient({
    endpoint: target.endpoint,
    credentials: { accessKeyId: target.accessKeyId, accessKeySecret: target.accessKeySecret },
  });
  return {
    name: '@vodmns/mns-transport',
    async send(queueName, body) {
      await client.sendMessage({ queueName, messageBody: body });
      return 1;
    },
    async batchSend(queueName, bodies) {
      await client.batchSendMessage({ queueName, entries: bodies.map((messageBody) => ({ messageBody })) });
      return bodies.length;
    },
    async receiveDelete(queueName) {
      const m = await client.receiveMessage({ queueName, waitSeconds: 0 });
      if (!m) return 0;
      await client.deleteMessage({ queueName, receiptHandle: m.receiptHandle });
      return 1;
    },
    async batchReceiveDelete(queueName) {
      const ms = await client.batchReceiveMessage({ queueName, numOfMessages: 16, waitSeconds: 0 });
      if (ms.length === 0) return 0;
      await client.batchDeleteMessage({ queueName, receiptHandles: ms.map((m) => m.receiptHandle) });
      return ms.length;
    },
    close: () => client.close(),
  };
}

/** The official Node SDK, `@alicloud/mns` (httpx + xml2js). */
export function alicloudContender(target) {
  const MNSClient = require('@alicloud/mns');
  const client = new MNSClient(target.accountId, {
    accessKeyId: target.accessKeyId,
    accessKeySecret: target.accessKeySecret,
    endpoint: target.endpoint,
  });
  const notFound = (e) => String(e?.name ?? '').includes('MessageNotExist');
  return {
    name: '@alicloud/mns',
    async send(queueName, body) {
      await client.sendMessage(queueName, { MessageBody: body });
      return 1;
    },
    async batchSend(queueName, bodies) {
      await client.batchSendMessage(
        queueName,
        bodies.map((b) => ({ MessageBody: b })),
      );
      return bodies.length;
    },
    async receiveDelete(queueName) {
      try {
        const r = await client.receiveMessage(queueName);
        await client.deleteMessage(queueName, r.body.ReceiptHandle);
        return 1;
      } catch (e) {
        if (notFound(e)) return 0;
        throw e;
      }
    },
    async batchReceiveDelete(queueName) {
      try {
        const r = await client.batchReceiveMessage(queueName, 16);
        const handles = [].concat(r.body).map((m) => m.ReceiptHandle);
        await client.batchDeleteMessage(queueName, handles);
        return handles.length;
      } catch (e) {
        if (notFound(e)) return 0;
        throw e;
      }
    },
    close: async () => {},
  };
}

/** The third-party `ali-mns` (request + xml2js, base64 bodies). Google Analytics is switched off. */
export function aliMnsContender(target) {
  const AliMNS = require('ali-mns');
  const account = new AliMNS.Account(target.accountId, target.accessKeyId, target.accessKeySecret);
  account.setGA(false);
  const queues = new Map();
  // ali-mns builds https://{account}.mns.{region}.aliyuncs.com URLs only; point its queue at the loopback endpoint.
  const mq = (name) => {
    let q = queues.get(name);
    if (!q) {
      q = new AliMNS.MQBatch(name, account, 'hangzhou');
      q._urlAttr = `${target.endpoint}/queues/${name}`;
      q._url = `${q._urlAttr}/messages`;
      queues.set(name, q);
    }
    return q;
  };
  const notFound = (e) => JSON.stringify(e ?? '').includes('MessageNotExist');
  return {
    name: 'ali-mns',
    async send(queueName, body) {
      await mq(queueName).sendP(body);
      return 1;
    },
    async batchSend(queueName, bodies) {
      await mq(queueName).sendP(bodies.map((b) => new AliMNS.Msg(b)));
      return bodies.length;
    },
    async receiveDelete(queueName) {
      try {
        const r = await mq(queueName).recvP(0, 1);
        await mq(queueName).deleteP(r.Message.ReceiptHandle);
        return 1;
      } catch (e) {
        if (notFound(e)) return 0;
        throw e;
      }
    },
    async batchReceiveDelete(queueName) {
      try {
        const r = await mq(queueName).recvP(0, 16);
        const handles = [].concat(r.Messages.Message).map((m) => m.ReceiptHandle);
        await mq(queueName).deleteP(handles);
        return handles.length;
      } catch (e) {
        if (notFound(e)) return 0;
        throw e;
      }
    },
    close: async () => {},
  };
}

/**
 * The physical limit: the same number of HTTP round trips with the same request/response body sizes against a
 * server that does nothing, over an undici keep-alive pool and `dispatchBuffered`. No signing, no XML.
 *
 * @param {string} origin
 * @param {{ sendReq: number, sendRes: number, recvRes: number, batchSendReq: number, batchSendRes: number,
 *   batchRecvRes: number, batchDeleteReq: number }} sizes
 */
export function limitContender(origin, sizes) {
  const pool = new Pool(origin, { connections: 16, pipelining: 1, keepAliveTimeout: 60_000 });
  const bodies = new Map();
  const payload = (n) => {
    let b = bodies.get(n);
    if (!b) {
      b = Buffer.alloc(n, 'x');
      bodies.set(n, b);
    }
    return b;
  };
  const rt = (method, size, reqSize) =>
    dispatchBuffered(pool, {
      method,
      path: `/queues/q/messages?size=${size}`,
      headers: { 'content-type': 'text/xml;charset=UTF-8' },
      body: reqSize > 0 ? payload(reqSize) : null,
      // undici closes the connection after a DELETE with a body unless told not to (the transport does the same)
      reset: false,
    });
  return {
    name: 'loopback HTTP limit',
    async send() {
      await rt('POST', sizes.sendRes, sizes.sendReq);
      return 1;
    },
    async batchSend() {
      await rt('POST', sizes.batchSendRes, sizes.batchSendReq);
      return 16;
    },
    async receiveDelete() {
      await rt('GET', sizes.recvRes, 0);
      await rt('DELETE', 0, 0);
      return 1;
    },
    async batchReceiveDelete() {
      await rt('GET', sizes.batchRecvRes, 0);
      await rt('DELETE', 0, sizes.batchDeleteReq);
      return 16;
    },
    close: () => pool.close(),
  };
}
