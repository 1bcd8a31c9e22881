/** The cruxmap CLI end to end: the built dist/cli.js spawned as a process on the example workspace and on temporary ones. */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import { cachedPaths } from '../../extension/node/cache/parseCache';
import { cli, ensureCliBuilt, repo, runCli as run, tempWorkspace } from '../support/cli';

const workspace = (files: Record<string, string | Buffer>) => tempWorkspace(files, 'cruxmap-cli-');

const examples = join(repo, 'examples', 'alignment');


beforeAll(ensureCliBuilt);

describe('cruxmap export', () => {
  it('writes the spec JSON of the example workspace, equal to the core graph', () => {
    const r = run(['export', 'examples/alignment', '--format', 'json']);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout);
    expect(Object.keys(g)).toEqual(['version', 'files', 'nodes', 'edges', 'disagreements', 'diagnostics']);
    expect(g.version).toBe(1);
    expect(g.files.map((f: { file: string }) => f.file)).toContain('interp/renormalization.md');
    // Independently: the same files through the core give the same graph.
    const index = new WorkspaceIndex();
    for (const f of g.files) index.setDraft(f.file, readFileSync(join(examples, f.file), 'utf8'));
    expect(g).toEqual(JSON.parse(JSON.stringify(index.getGraph())));
    const kinds = new Set(g.nodes.map((n: { kind: string }) => n.kind));
    expect([...kinds].sort()).toEqual(['claim', 'crux', 'objection', 'question', 'reply', 'support']);
    expect(g.disagreements.filter((d: { via: string }) => d.via === 'crux').length).toBeGreaterThanOrEqual(2);
    const sorted = [...g.nodes].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
    expect(g.nodes).toEqual(sorted);
  });

  it('makes paths relative to the first directory argument, and writes -o FILE', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cruxmap-out-')), 'map.json');
    const r = run(['export', 'examples/alignment/interp', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/wrote .*map\.json/);
    const g = JSON.parse(readFileSync(out, 'utf8'));
    expect(g.files.map((f: { file: string }) => f.file)).toEqual(['renormalization.md']);
  });

  it('parses a big workspace in worker threads with the same result as one thread', () => {
    const files: Record<string, string> = {};
    const block = (i: number, k: number) =>
      `## Claim: Claim ${k} of draft ${i} about oversight and scheming, with enough words to weigh something. ^c${k}\n\n- Support: a reason for claim ${k}.\n- Objection: [[d${(i + 1) % 300}#^c${k}]] disagrees. ^o${k}\n  - Reply: an answer to objection ${k}.\n\n${'Prose that carries no markup at all. '.repeat(12)}\n\n`;
    for (let i = 0; i < 300; i++) files[`d${i}.md`] = `# Draft ${i}\n\n${Array.from({ length: 12 }, (_, k) => block(i, k)).join('')}`;
    const bytes = Object.values(files).reduce((n, t) => n + t.length, 0);
    expect(bytes).toBeGreaterThan(2_000_000); // above the size where workers start
    const dir = workspace(files);
    const r = run(['export', dir]);
    expect(r.code).toBe(0);
    const index = new WorkspaceIndex();
    for (const [p, t] of Object.entries(files)) index.setDraft(p, t);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(index.getGraph())));
  });

  it('--cache DIR: a warm run reuses unchanged drafts and gives the same graph; a change is picked up', () => {
    const dir = workspace({ 'a.md': 'Claim: A. ^a\n\nObjection: [[b#^b]] no.\n', 'b.md': 'Claim: B. ^b\n' });
    const cache = join(mkdtempSync(join(tmpdir(), 'cruxmap-cache-')), 'nested');
    const cold = run(['export', dir, '--cache', cache]);
    expect(cold.code).toBe(0);
    const file = join(cache, 'cruxmap-parse-cache.jsonl');
    expect(cachedPaths(readFileSync(file, 'utf8')).sort()).toEqual(['a.md', 'b.md']);
    const text = readFileSync(file, 'utf8');
    expect(text.trimEnd().split('\n').pop()).toMatch(/^\["cruxmap-graph","/);
    const written = statSync(file).mtimeMs;
    const checked = run(['check', dir]);
    // Nothing changed: the warm runs start from the snapshot, give the same output, and leave the cache as it was.
    const warm = run(['export', dir, '--cache', cache]);
    expect(warm.stdout).toBe(cold.stdout);
    const warmCheck = run(['check', dir, '--cache', cache]);
    expect([warmCheck.code, warmCheck.stdout, warmCheck.stderr]).toEqual([checked.code, checked.stdout, checked.stderr]);
    expect(checked.stdout).toContain('unanswered-objection');
    expect(statSync(file).mtimeMs).toBe(written);
    expect(readFileSync(file, 'utf8')).toBe(text);
    // Edit b.md: its id changes, so a.md's reference dangles; the cached a.md is reused, the edit is seen.
    writeFileSync(join(dir, 'b.md'), 'Claim: B. ^b2\n');
    const changed = JSON.parse(run(['export', dir, '--cache', cache]).stdout);
    expect(changed.nodes.map((n: { id: string }) => n.id)).toContain('b.md#^b2');
    expect(changed.diagnostics.map((d: { code: string }) => d.code)).toContain('dangling-ref');
    // A corrupt cache is only a cold run.
    writeFileSync(file, '{ not json');
    expect(JSON.parse(run(['export', dir, '--cache', cache]).stdout)).toEqual(changed);
    // A cache that cannot be written (its folder would be inside a file): a warning, and the same result.
    const blocked = join(dir, 'a.md', 'cache');
    const unwritable = run(['export', dir, '--cache', blocked]);
    expect(unwritable.code).toBe(0);
    expect(JSON.parse(unwritable.stdout)).toEqual(changed);
    expect(unwritable.stderr).toMatch(/^cruxmap: warning: could not write the cache in .*a\.md.cache \(.+\); the next run parses everything again$/m);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('Claim: A. ^a\n\nObjection: [[b#^b]] no.\n');
  });

  it('writes a standalone HTML map', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cruxmap-out-')), 'map.html');
    const r = run(['export', 'examples/alignment', '--format', 'html', '-o', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('id="cruxmap-data"');
    expect(html).toContain("Content-Security-Policy");
    expect(html).not.toMatch(/<script[^>]*src=/);
  });
});

describe('cruxmap check', () => {
  it('prints compiler-style lines and exits 1 on the deliberate broken reference', () => {
    const r = run(['check', 'examples/alignment']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    for (const l of lines) expect(l).toMatch(/^[^:]+\.md:\d+:\d+: (error|warning|info) [a-z-]+: .+$/);
    expect(lines.filter((l) => / error /.test(l))).toEqual([
      "open-questions.md:11:12: error dangling-ref: No element '^outer-vs-schemng' in outer-alignment.md ([[outer-alignment#^outer-vs-schemng]]).",
    ]);
    expect(r.stderr).toMatch(/1 error, 1 warning, \d+ info in 7 files/);
  });

  it('exits 0 without errors, and honours --max-warnings', () => {
    const dir = workspace({ 'a.md': 'Claim: fine. ^a\n\nCrux: only one side [[#^a]]\n' });
    expect(run(['check', dir]).code).toBe(0);
    expect(run(['check', dir, '--max-warnings', '1']).code).toBe(0);
    const strict = run(['check', dir, '--max-warnings=0']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('a.md:3:1: warning crux-needs-two: This crux decides between only one element; reference at least two.\n');
    expect(strict.stderr).toContain('more warnings than --max-warnings 0 allows');
  });

  it('prints JSON with --format json', () => {
    const r = run(['check', 'examples/alignment', '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.errors).toBe(1);
    expect(j.diagnostics[0]).toHaveProperty('range.start.line');
  });

  it('skips NUL, non-UTF-8 and oversized files with a warning, and ignored folders', () => {
    const dir = workspace({
      'ok.md': 'Claim: readable.\n',
      'nul.md': Buffer.from([0x43, 0x00, 0x44]),
      'latin1.md': Buffer.from([0x43, 0x6c, 0x61, 0x69, 0x6d, 0x3a, 0x20, 0xe9, 0x0a]),
      'big.md': `Claim: ${'x'.repeat(2000)}\n`,
      'node_modules/pkg/readme.md': 'Claim: never read.\n',
      'build/out.md': 'Claim: ignored by .gitignore.\n',
      '.gitignore': 'build/\n',
      'notes.txt': 'Claim: not markdown.\n',
    });
    const r = run(['export', dir, '--max-file-size', '1000']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file)).toEqual(['ok.md']);
    expect(r.stderr).toContain('nul.md: skipped, not a text file');
    expect(r.stderr).toContain('latin1.md: skipped, not valid UTF-8');
    expect(r.stderr).toContain('big.md: skipped');
  });

  it('reports usage errors with one line and exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['check', 'no/such/dir'], /no such file or directory: no\/such\/dir/],
      [['check', 'examples/alignment', '--bogus'], /unknown option '--bogus'/],
      [['check', 'examples/alignment', '--max-warnings', 'many'], /--max-warnings takes a whole number/],
      [['export', 'examples/alignment', '--format', 'pdf'], /--format takes json or html/],
      [['frobnicate', 'x'], /unknown command 'frobnicate'/],
      [[], /a command is needed/],
      [['check'], /needs at least one directory or file/],
      [['export', 'examples/alignment', '-o'], /-o needs a value/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it('lets a deeper .gitignore re-include what a higher one ignores, as git does', () => {
    const dir = workspace({ '.gitignore': '*.md\n', 'sub/.gitignore': '!keep.md\n', 'sub/keep.md': '# Kept\n', 'sub/x.md': '# Ignored\n' });
    const r = run(['export', dir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file)).toEqual(['sub/keep.md']);
  });

  it('stops quietly when the reader closes the pipe early (export | head)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" export examples/alignment --format html | head -c 10 >/dev/null`], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
  });

  it('prints help and version', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('cruxmap check');
    const version = run(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
  });
});
