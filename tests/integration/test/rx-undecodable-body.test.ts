// @vodmns/rx over the real transport against mns-local: a message whose body the client cannot decode (not base64
// with receiveBodyEncoding 'base64') is one poison delivery; the other messages of its batch are handled and the
// batch receive never fails.
import { MnsClient } from '@vodmns/mns-transport';
import { type ConsumerNotice, consume, parseDeadLetterEnvelope } from '@vodmns/rx';
import { describe, expect, it } from 'vitest';
import { waitFor } from '@vodmns/core/testing';
import { startRxFixture, vodBody } from './rx-helpers/rx-fixture.js';

describe('rx against mns-local: an undecodable body', { timeout: 15_000 }, () => {
  it('valid, not-base64, valid in one batch → two handled, one dead-lettered, no failed receive', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('q', { visibilityTimeout: 30 });
    f.server.admin.createQueue('dlq');
    const good = [vodBody(1), vodBody(2)];
    const undecodable = '{"EventType":"FileUploadComplete"} is not base64';
    // One batch send, so one batch receive gets all three.
    const sent = await f.producer.batchSendMessage({
      queueName: 'q',
      entries: [
        { messageBody: Buffer.from(good[0]!).toString('base64') },
        { messageBody: undecodable },
        { messageBody: Buffer.from(good[1]!).toString('base64') },
      ],
    });
    expect(sent.failed).toEqual([]);

    await using consumerClient = new MnsClient({
      endpoint: f.server.endpoint,
      region: f.server.region,
      credentials: { accessKeyId: f.server.accessKeyId, accessKeySecret: f.server.accessKeySecret },
      receiveBodyEncoding: 'base64',
    });
    const notices: ConsumerNotice[] = [];
    const handled: string[] = [];
    const running = consume(
      consumerClient,
      async (event) => {
        handled.push(String((event as { VideoId?: unknown }).VideoId));
      },
      { queueName: 'q', waitSeconds: 1, batchSize: 16, deadLetter: { queueName: 'dlq' } },
    );
    const sub = running.consumer.notices$.subscribe((n) => notices.push(n));
    await waitFor(
      'two handled, one dead-lettered, the source queue empty',
      () => handled.length === 2 && f.queueTotal('dlq') === 1 && f.queueTotal('q') === 0,
    );
    await running.drain({ timeoutMs: 5000 });
    sub.unsubscribe();

    expect(handled.sort()).toEqual([1, 2].map((i) => i.toString(16).padStart(32, '0')));
    const m = running.consumer.metrics();
    expect(m).toMatchObject({ received: 3, acked: 2, deadLettered: 1, poisonKept: 0, pollingErrors: 0 });
    expect(notices.filter((n) => n.type === 'poll-error')).toEqual([]);
    const poison = notices.filter((n) => n.type === 'poison');
    expect(poison).toHaveLength(1);
    expect(poison[0]).toMatchObject({ reason: 'invalid-body', action: 'dead-lettered' });
    expect((poison[0] as { error?: unknown }).error).toMatchObject({ code: 'ERR_MNS_BODY_ENCODING' });

    // The dead-letter queue holds the body exactly as stored, with the reason.
    const [dead] = await f.producer.batchReceiveMessage({
      queueName: 'dlq',
      numOfMessages: 1,
      waitSeconds: 0,
    });
    const envelope = parseDeadLetterEnvelope(dead!.messageBody);
    expect(envelope).toMatchObject({
      ok: true,
      value: { reason: 'invalid-body', sourceQueue: 'q', body: undecodable },
    });
    expect(envelope.ok && envelope.value.error).toContain('ERR_MNS_BODY_ENCODING');
  });

  it('without a dead-letter queue the undecodable message is kept (poisonKept) and the rest still flows', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('q', { visibilityTimeout: 30 });
    await f.producer.batchSendMessage({
      queueName: 'q',
      entries: [{ messageBody: Buffer.from(vodBody(3)).toString('base64') }, { messageBody: 'not base64 !' }],
    });
    await using consumerClient = new MnsClient({
      endpoint: f.server.endpoint,
      region: f.server.region,
      credentials: { accessKeyId: f.server.accessKeyId, accessKeySecret: f.server.accessKeySecret },
      receiveBodyEncoding: 'base64',
    });
    let handled = 0;
    const running = consume(
      consumerClient,
      async () => {
        handled += 1;
      },
      { queueName: 'q', waitSeconds: 1 },
    );
    await waitFor(
      'one handled, one kept',
      () => handled === 1 && running.consumer.metrics().poisonKept === 1,
    );
    await running.drain({ timeoutMs: 5000 });
    expect(running.consumer.metrics()).toMatchObject({ acked: 1, poisonKept: 1, pollingErrors: 0 });
    expect(f.queueTotal('q')).toBe(1);
  });
});
