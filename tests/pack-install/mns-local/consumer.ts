// TypeScript (module nodenext) consumer of the packed @vodmns/mns-local.
import { type MnsLocalOptions, type MnsLocalServer, startMnsLocal } from '@vodmns/mns-local';

const options: MnsLocalOptions = { port: 0 };
export async function withServer(): Promise<string> {
  await using server: MnsLocalServer = await startMnsLocal(options);
  server.admin.createQueue('q');
  return server.endpoint;
}
