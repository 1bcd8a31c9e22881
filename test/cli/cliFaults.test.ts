/** The built CLI (dist/cli.js) against hostile inputs and file-system faults: deep nesting, FIFOs, devices, odd names, unusable --cache and -o places. */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { cachedPaths } from '../../extension/node/cache/parseCache';
import { cli, ensureCliBuilt, repo, runCli as run, tempWorkspace } from '../support/cli';

const workspace = (files: Record<string, string | Buffer>) => tempWorkspace(files, 'cruxmap-faults-');



beforeAll(ensureCliBuilt);

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

describe('cruxmap reads only regular files, and never more than the size limit', () => {
  it('a FIFO, a device and a socket, in a folder or as arguments: skipped with a warning, the rest checked', async () => {
    const dir = workspace({ 'ok.md': 'Claim: readable. ^ok\n' });
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    const server = createServer();
    await new Promise<void>((r) => server.listen(join(dir, 'sock.md'), r));
    try {
      const inDir = run(['check', dir]);
      expect(inDir.signal).toBeNull();
      expect(inDir.code).toBe(0);
      expect(inDir.stderr).toContain('cruxmap: warning: pipe.md: skipped, a FIFO is not a regular file');
      expect(inDir.stderr).toContain('cruxmap: warning: sock.md: skipped, a socket is not a regular file');
      expect(inDir.stderr).toMatch(/in 1 file \(1 element\)/);
      const asArgs = run(['check', join(dir, 'ok.md'), join(dir, 'pipe.md'), '/dev/zero', '/dev/null'], dir);
      expect(asArgs.signal).toBeNull();
      expect(asArgs.code).toBe(0);
      expect(asArgs.stderr).toMatch(/pipe\.md: skipped, a FIFO is not a regular file/);
      expect(asArgs.stderr).toMatch(/\/dev\/zero: skipped, a device is not a regular file/);
      expect(asArgs.stderr).toMatch(/\/dev\/null: skipped, a device is not a regular file/);
      expect(asArgs.stderr).toMatch(/in 1 file \(1 element\)/);
    } finally {
      server.close();
    }
  });

  it('a file whose stat says 0 bytes but holds more (/proc) is cut off at the size limit', () => {
    const r = run(['check', '/proc/self/maps', '--max-file-size', '1000']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/maps: skipped, over the size limit of 1000 bytes \(--max-file-size\)/);
    expect(r.stderr).toMatch(/in 0 files/);
  });
});

describe('cruxmap --cache on an unusable place', () => {
  it('/proc/x, a file, a folder under a file: a warning at once, results unchanged', () => {
    const dir = workspace({ 'a.md': 'Claim: A. ^a\n\nObjection: [[a#^a]] no.\n' });
    const plain = run(['check', dir]);
    for (const place of ['/proc/x', join(dir, 'a.md'), join(dir, 'a.md', 'sub')]) {
      const r = run(['check', dir, '--cache', place], repo, 10_000);
      expect(r.signal, place).toBeNull();
      expect([r.code, r.stdout], place).toEqual([plain.code, plain.stdout]);
      expect(r.stderr, place).toMatch(/^cruxmap: warning: could not write the cache in .+; the next run parses everything again$/m);
    }
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('Claim: A. ^a\n\nObjection: [[a#^a]] no.\n');
  });

  it('sampled single-byte changes of a real cache: the same output as without it, a warning, and the cache rewritten', () => {
    const dir = workspace({ 'a.md': 'Claim: A. ^a\n\nObjection: [[b#^b]] no.\n', 'b.md': 'Claim: B. ^b\n\nObjection: unanswered.\n', 'c.md': 'Crux: [[a#^a]]\n' });
    const cache = mkdtempSync(join(tmpdir(), 'cruxmap-cache-'));
    const plain = run(['check', dir]);
    expect(run(['check', dir, '--cache', cache]).stdout).toBe(plain.stdout);
    const file = join(cache, 'cruxmap-parse-cache.jsonl');
    const clean = readFileSync(file);
    let warned = 0;
    for (let s = 0; s < 12; s++) {
      const damaged = Buffer.from(clean);
      // Spread over the file, the last line (the snapshot) included.
      const i = Math.floor(((s + 0.5) / 12) * clean.length);
      damaged[i] = damaged[i] === 0x31 ? 0x32 : 0x31;
      writeFileSync(file, damaged);
      const r = run(['check', dir, '--cache', cache]);
      expect([r.code, r.stdout], `byte ${i}`).toEqual([plain.code, plain.stdout]);
      if (/damaged line/.test(r.stderr)) warned++;
      expect(readFileSync(file).equals(clean), `byte ${i}`).toBe(true);
    }
    expect(warned).toBeGreaterThanOrEqual(10);
    expect(readdirSync(cache)).toEqual(['cruxmap-parse-cache.jsonl']);
  });
});

describe('cruxmap --cache shared by runs at the same time', () => {
  it('writers never interleave: the cache always checks out whole, and no temp file is left', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'cruxmap-race-'));
    // Four workspaces with different drafts, so each run's cache differs and each run rewrites it.
    const dirs = [0, 1, 2, 3].map((k) => workspace(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`d${i}.md`, `Claim: claim ${i} of workspace ${k} ${'word '.repeat(200)}^c${i}\n`]))));
    const runAsync = (dir: string) =>
      new Promise<number | null>((done) => {
        const child = spawn(process.execPath, [cli, 'check', dir, '--cache', cache], { stdio: 'ignore' });
        child.on('exit', (code) => done(code));
      });
    for (let round = 0; round < 3; round++) {
      const codes = await Promise.all(dirs.map(runAsync));
      expect(codes).toEqual([0, 0, 0, 0]);
      const text = readFileSync(join(cache, 'cruxmap-parse-cache.jsonl'), 'utf8');
      // Whichever run renamed last: its cache is whole (every line's checksum fits its bytes) and its files' alone.
      const lines = text.trimEnd().split('\n');
      expect(lines).toHaveLength(1 + 30 + 1);
      for (const line of lines.slice(1)) {
        const bytes = Buffer.from(line);
        const sum = /,"([A-Za-z0-9+/=]{28})"\]$/.exec(line)?.[1];
        expect(sum).toBe(createHash('sha1').update(bytes.subarray(0, bytes.length - 32)).digest('base64'));
      }
      expect(cachedPaths(text)).toHaveLength(30);
      expect(readdirSync(cache)).toEqual(['cruxmap-parse-cache.jsonl']);
    }
  }, 120_000);
});

describe('cruxmap export -o', () => {
  it('onto one of the drafts read (by any name, or a link to it) is a usage error, and the draft is kept', () => {
    const text = 'Claim: keep me. ^k\n';
    const dir = workspace({ 'a.md': text, 'sub/b.md': 'Claim: B\n' });
    symlinkSync(join(dir, 'a.md'), join(dir, 'link.json'));
    for (const [args, cwd] of [
      [['export', dir, '-o', join(dir, 'a.md')], repo],
      [['export', '.', '-o', './sub/../a.md'], dir],
      [['export', 'a.md', '--format', 'html', '-o', 'a.md'], dir],
      [['export', dir, '-o', join(dir, 'link.json')], repo],
    ] as [string[], string][]) {
      const r = run(args, cwd);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^cruxmap: -o .+ is one of the drafts read \(a\.md\); the export would overwrite it\n$/);
      expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(text);
    }
  });

  it('to a folder says so, with exit 2 (no "unexpected failure: EISDIR")', () => {
    const dir = workspace({ 'a.md': 'Claim: A\n' });
    const r = run(['export', dir, '-o', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cruxmap: cannot write .+: it is a folder; give a file name \(e\.g\. .+map\.json\)\n$/);
    expect(r.stderr).not.toMatch(/unexpected failure/);
  });
});

describe('cruxmap check output stays one line per diagnostic', () => {
  it('a newline (or any control character) in a file name cannot inject a fake diagnostic line', () => {
    const dir = workspace({ 'ok.md': 'Claim: fine.\n' });
    const evil = 'a\nx.md:1:1: error dangling-ref: fake';
    writeFileSync(join(dir, `${evil}.md`), 'Objection: [[nowhere#^gone]] to nothing.\n');
    writeFileSync(join(dir, 'tab\there\u001b[31m.md'), 'Crux: [[#^x]]\n');
    const r = run(['check', dir]);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^[^\n]+\.md:\d+:\d+: (error|warning|info) [a-z-]+: .+$/);
    expect(lines.some((l) => l.startsWith('x.md:1:1: error dangling-ref: fake'))).toBe(false);
    expect(r.stdout).toContain('a\\x0ax.md:1:1: error dangling-ref: fake.md:1:');
    expect(r.stdout).toContain('tab\\x09here\\x1b[31m.md:1:1:');
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    // JSON keeps the names exactly (JSON escapes them itself).
    const j = JSON.parse(run(['check', dir, '--format', 'json']).stdout);
    expect(j.diagnostics.map((d: { file: string }) => d.file)).toContain(`${evil}.md`);
  });
});

describe('cruxmap and symbolic links', () => {
  it('skipped symbolic links are said once, in one line', () => {
    const dir = workspace({ 'real/a.md': 'Claim: A\n', 'docs/b.md': 'Claim: B\n' });
    symlinkSync(join(dir, 'real', 'a.md'), join(dir, 'docs', 'link1.md'));
    symlinkSync(join(dir, 'real', 'a.md'), join(dir, 'docs', 'link2.md'));
    symlinkSync(join(dir, 'real'), join(dir, 'docs', 'linkdir'));
    symlinkSync(join(dir, 'real', 'a.md'), join(dir, 'docs', 'notes.txt')); // not a draft's name: says nothing
    const r = run(['check', join(dir, 'docs')]);
    expect(r.code).toBe(0);
    const said = r.stderr.split('\n').filter((l) => /symbolic link/.test(l));
    expect(said).toEqual(['cruxmap: warning: skipped 3 symbolic links inside folders (not followed; name the target to check it): link1.md, link2.md, linkdir']);
    expect(r.stderr).toMatch(/in 1 file \(1 element\)/);
  });
});
