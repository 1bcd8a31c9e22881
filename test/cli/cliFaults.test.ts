/** The built CLI (dist/cli.js) against hostile inputs and file-system faults: deep nesting, FIFOs, devices, odd names, unusable --cache and -o places. */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..');
const cli = join(repo, 'dist', 'cli.js');

function run(args: string[], cwd = repo, timeout = 20_000) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started, signal: r.signal };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cruxmap-faults-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  return dir;
}

beforeAll(() => {
  if (!existsSync(cli)) {
    const b = spawnSync('npm', ['run', 'build'], { cwd: repo, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  }
});

describe('cruxmap on a draft the parser cannot take', () => {
  it('a 5000-deep quote never aborts the run: the other files are checked, exit code from the diagnostics', () => {
    const dir = workspace({ 'a.md': 'Claim: fine. ^a\n', 'deep.md': `${'> '.repeat(5000)}x\n# H\n`, 'z.md': 'Objection: [[a#^a]] no. ^o\n\nReply: yes. ^r\n' });
    const r = run(['check', dir]);
    expect(r.stderr).not.toMatch(/unexpected failure/);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/in 3 files \(3 elements\)/);
    const g = JSON.parse(run(['export', dir]).stdout);
    expect(g.nodes.map((n: { id: string }) => n.id)).toEqual(['a.md#^a', 'z.md#^o', 'z.md#^r']);
  });
});
