// npm run watch: esbuild rebuilds the bundles on every change and tsc type-checks in watch mode, side by side
// in one terminal (each line says which one spoke); Ctrl+C stops both.
import { spawn } from 'node:child_process';

const children = [
  ['build', process.execPath, ['scripts/build.mjs', '--watch']],
  ['types', process.execPath, ['node_modules/typescript/bin/tsc', '-b', '--watch', '--preserveWatchOutput']],
].map(([name, command, args]) => {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    process.stdout.write(`[${name}] stopped (${signal ?? `exit ${code}`})\n`);
    stop(code ?? 1);
  });
  return child;
});

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
