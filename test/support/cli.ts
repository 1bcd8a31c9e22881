/** The CLI tests' harness: the built `dist/cli.js` run as a process, throwaway workspaces, and a build when none is there. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repo = join(__dirname, '..', '..');
export const cli = join(repo, 'dist', 'cli.js');

/** Runs `cruxmap ARGS` in `cwd`: exit code, output, time taken, and the signal when the time limit killed it. */
export function runCli(args: string[], cwd = repo, timeout = 20_000) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started, signal: r.signal };
}

/** A new folder under the system's temp folder holding these files (paths with `/`, folders made as needed). */
export function tempWorkspace(files: Record<string, string | Buffer>, prefix = 'cruxmap-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  return dir;
}

/** Builds the bundles once when dist/cli.js is missing (for a test file run on its own). */
export function ensureCliBuilt(): void {
  if (existsSync(cli)) return;
  const b = spawnSync('npm', ['run', 'build'], { cwd: repo, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
}
