// TypeScript (module nodenext) consumer of the packed @vodmns/mns-transport.
import { MnsClient, type ReceiveMessageOutput } from '@vodmns/mns-transport';
import {
  authorizationV1,
  type SignableRequest,
  type SigningCredentials,
} from '@vodmns/mns-transport/signing';

const request: SignableRequest = {
  method: 'GET',
  resource: '/queues/q/messages?waitseconds=10',
  headers: { date: 'Thu, 09 Jul 2015 03:01:34 GMT', 'x-mns-version': '2015-06-06' },
};
const credentials: SigningCredentials = { accessKeyId: 'id', accessKeySecret: 'secret' };
export const authorization: string = authorizationV1(request, credentials);

export async function receiveOne(endpoint: string): Promise<ReceiveMessageOutput> {
  await using client = new MnsClient({ endpoint, credentials });
  return client.receiveMessage({ queueName: 'q', waitSeconds: 1 });
}
