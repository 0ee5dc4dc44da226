// TypeScript (module nodenext) consumer of the packed @vodmns/cli: runCli is embeddable with an in-memory CliIo.
import { BufferSink, type CliIo, type ExitCodeValue, runCli } from '@vodmns/cli';

export async function help(): Promise<[ExitCodeValue, string]> {
  const stdout = new BufferSink();
  const io: CliIo = { stdout, stderr: new BufferSink(), env: {}, homeDir: '/tmp' };
  const code = await runCli(['--help'], io);
  return [code, stdout.text()];
}
