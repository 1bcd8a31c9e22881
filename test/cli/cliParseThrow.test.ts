/** The CLI in-process with a parser that throws on one file (as today's did on a 5000-deep quote): that file gets one warning, the run goes on. */
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

vi.mock('../../extension/core/parse/parse', async (original) => {
  const real = await original<typeof import('../../extension/core/parse/parse')>();
  return {
    ...real,
    parseDraft: (text: string, path: string) => {
      if (text.includes('THROW-HERE')) throw new RangeError('Maximum call stack size exceeded');
      return real.parseDraft(text, path);
    },
  };
});

const { main } = await import('../../extension/cli/cli');

describe('cruxmap with a parser that throws on one file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cruxmap-throw-'));
  writeFileSync(join(dir, 'a.md'), 'Claim: fine. ^a\n');
  writeFileSync(join(dir, 'bad.md'), 'Claim: THROW-HERE\n');
  writeFileSync(join(dir, 'c.md'), 'Objection: [[a#^a]] no. ^o\n\nReply: yes. ^r\n');

  for (const cache of [false, true]) {
    it(`check${cache ? ' --cache' : ''}: one warning for that file, the others are checked, exit code from the diagnostics`, async () => {
      const args = ['check', dir, ...(cache ? ['--cache', mkdtempSync(join(tmpdir(), 'cruxmap-throw-cache-'))] : [])];
      const r = await main(args, dir);
      expect(r.code).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines.filter((l) => l.startsWith('bad.md:'))).toEqual(['bad.md:1:1: warning too-deep: Crux Map could not read this file (RangeError: Maximum call stack size exceeded), so it shows none of its elements.']);
      expect(r.stderr).toMatch(/1 warning, \d+ info in 3 files \(3 elements\)/);
      expect((await main([...args, '--max-warnings', '0'], dir)).code).toBe(1);
    });
  }

  it('--cache with the failing file\'s line damaged: a start from the snapshot re-parses it safely and rewrites the cache', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'cruxmap-throw-cache-'));
    const plain = await main(['check', dir], dir);
    expect((await main(['check', dir, '--cache', cache], dir)).stdout).toBe(plain.stdout);
    const file = join(cache, 'cruxmap-parse-cache.jsonl');
    const clean = readFileSync(file, 'utf8');
    const lines = clean.split('\n');
    const at = lines.findIndex((l) => l.startsWith('["bad.md",'));
    lines[at] = lines[at].replace('"bad.md"', '"bad.mx"');
    writeFileSync(file, lines.join('\n'));
    const r = await main(['check', dir, '--cache', cache], dir);
    expect([r.code, r.stdout]).toEqual([plain.code, plain.stdout]);
    expect(r.stderr).toMatch(/damaged line/);
    expect(r.stderr).not.toMatch(/could not write/);
    expect(readFileSync(file, 'utf8')).toBe(clean);
  });

  it('export: the other files are in the graph', async () => {
    const r = await main(['export', dir], dir);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout);
    expect(g.files.map((f: { file: string }) => f.file)).toEqual(['a.md', 'bad.md', 'c.md']);
    expect(g.nodes.map((n: { id: string }) => n.id)).toEqual(['a.md#^a', 'c.md#^o', 'c.md#^r']);
    expect(g.edges).toHaveLength(2);
  });
});
