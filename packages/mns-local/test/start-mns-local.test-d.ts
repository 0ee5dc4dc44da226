import { ManualClock } from '@vodmns/core/testing';
import { expectTypeOf, test } from 'vitest';
import { type Clock, type MnsLocalServer, type MnsOperation, startMnsLocal } from '../src/index.js';

test('the server is typed by its clock', async () => {
  const manual = await startMnsLocal({ clock: new ManualClock(0) });
  expectTypeOf(manual).toEqualTypeOf<MnsLocalServer<ManualClock>>();
  expectTypeOf(manual.clock.advance).toBeFunction();
  const plain = await startMnsLocal();
  expectTypeOf(plain.clock).toEqualTypeOf<Clock>();
  expectTypeOf(plain).toMatchTypeOf<AsyncDisposable>();
});

test('fault rules only accept known operations', () => {
  expectTypeOf<'SendMessage'>().toMatchTypeOf<MnsOperation>();
  expectTypeOf<'Publish'>().not.toMatchTypeOf<MnsOperation>();
});
