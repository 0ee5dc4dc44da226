import type { QueuePort, QueueReceiver, QueueSender } from '@vodmns/core';
import { expectTypeOf, test } from 'vitest';
import type { BatchReceiveMessageOutput, ReceiveMessageOutput } from '../model/operation-types.js';
import type { MnsClient } from './mns-client.js';

test('MnsClient satisfies core QueuePort structurally', () => {
  expectTypeOf<MnsClient>().toExtend<QueuePort>();
  expectTypeOf<MnsClient>().toExtend<QueueReceiver>();
  expectTypeOf<MnsClient>().toExtend<QueueSender>();
  const port: QueuePort = null as unknown as MnsClient;
  expectTypeOf(port).toEqualTypeOf<QueuePort>();
});

test('empty receives are [] / undefined in the types', () => {
  expectTypeOf<ReceiveMessageOutput>().toExtend<object | undefined>();
  expectTypeOf<Awaited<ReturnType<MnsClient['receiveMessage']>>>().toEqualTypeOf<ReceiveMessageOutput>();
  expectTypeOf<{ queueName: string }>().not.toExtend<Parameters<MnsClient['batchReceiveMessage']>[0]>();
  expectTypeOf<
    Awaited<ReturnType<MnsClient['batchReceiveMessage']>>
  >().toEqualTypeOf<BatchReceiveMessageOutput>();
});
