/** npm run bench's command line: --help documents --corpus, and a folder or repetition count that cannot work is a clear usage error before anything is built. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bench = (...args: string[]) => spawnSync(process.execPath, ['scripts/bench.mjs', ...args], { encoding: 'utf8', env: { ...process.env, INIT_CWD: process.cwd() } });

describe('scripts/bench.mjs', () => {
  it('documents measuring your own drafts in --help', () => {
    const r = bench('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('npm run bench -- workspace --corpus DIR');
    expect(r.stdout).toMatch(/--corpus DIR +measure your own drafts/);
    expect(r.stdout).toContain('--runs N');
  });

  it('refuses a --corpus that is no folder, and a --runs that is no whole number', () => {
    const missing = bench('workspace', '--corpus', join(mkdtempSync(join(tmpdir(), 'cruxmap-bench-test-')), 'nothing-here'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--corpus .*nothing-here: no such folder/);
    expect(bench('workspace', '--corpus').stderr).toContain('--corpus needs a value');
    const runs = bench('workspace', '--runs', '0');
    expect(runs.status).toBe(2);
    expect(runs.stderr).toContain('--runs 0: give a whole number of 1 or more');
  });
});
