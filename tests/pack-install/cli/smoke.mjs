// ESM consumer of the packed @vodmns/cli: runCli as the `vodmns` bin would run it (the bin itself is checked with
// `vodmns --help` by the pack-install script).
import { tmpdir } from 'node:os';
import { BufferSink, ExitCode, runCli } from '@vodmns/cli';

const io = () => ({ stdout: new BufferSink(), stderr: new BufferSink(), env: {}, homeDir: tmpdir() });
const help = io();
const code = await runCli(['--help'], help);
if (code !== ExitCode.ok || !help.stdout.text().includes('vodmns')) {
  console.error(`vodmns --help: exit ${code}\n${help.stdout.text()}${help.stderr.text()}`);
  process.exit(1);
}
const unknown = io();
const bad = await runCli(['no-such-command'], unknown);
if (bad === ExitCode.ok || unknown.stderr.text() === '') {
  console.error(`an unknown command exited ${bad} without an error message`);
  process.exit(1);
}
console.log('cli esm ok');
