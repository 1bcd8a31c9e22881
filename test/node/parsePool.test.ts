/** parseMany: worker threads (as the CLI and the extension host use them) give exactly what parsing on one thread gives, and the extension's way keeps the event loop turning. */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMany, parseSafely, unparsedDraft } from '../../extension/node/workers/parsePool';
import { parseDraft } from '../../extension/core/parse/parse';
import { corpus } from '../../bench/corpus';

const WORKER = join(__dirname, '..', '..', 'dist', 'parseWorker.js');
// Over 2 MB, so that workers are used at all.
const jobs = [...corpus(400, 11)].map(([path, text]) => ({ path, text }));
const expected = jobs.map((j) => parseDraft(j.text, j.path));

describe('parseMany', () => {
  it('the built worker exists (npm test builds first)', () => {
    expect(existsSync(WORKER)).toBe(true);
    expect(jobs.reduce((n, j) => n + j.text.length, 0)).toBeGreaterThan(2_000_000);
  });
  it('worker threads plus this thread (the CLI) equal one thread', async () => {
    expect(await parseMany(jobs, WORKER, { threads: 3 })).toEqual(expected);
  }, 60_000);
  it('worker threads only (the extension host) equal one thread', async () => {
    let workers = -1;
    expect(await parseMany(jobs, WORKER, { threads: 2, mainThread: false, onWorkers: (n) => (workers = n) })).toEqual(expected);
    expect(workers).toBe(1);
  }, 60_000);
  it('a worker that cannot start falls back to parsing here', async () => {
    let workers = -1;
    expect(await parseMany(jobs, join(__dirname, 'no-such-worker.js'), { threads: 2, mainThread: false, onWorkers: (n) => (workers = n) })).toEqual(expected);
    expect(workers).toBe(0);
  }, 60_000);
  it('parsing here in slices lets the event loop run in between', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    // All 400 drafts take well over 2 ms however fast the parser gets, so there are many slices.
    const drafts = await parseMany(jobs, undefined, { yieldMs: 2 });
    clearInterval(timer);
    expect(drafts).toEqual(expected);
    expect(ticks).toBeGreaterThan(3);
  }, 60_000);
});

describe('parseMany when a parse throws', () => {
  /** parseDraft, except that it throws on one file (as today's parser does on a 5000-deep quote). */
  const BAD = jobs[7].path;
  const throwing = (text: string, path: string) => {
    if (path === BAD) throw new RangeError('Maximum call stack size exceeded');
    return parseDraft(text, path);
  };
  const check = (drafts: ReturnType<typeof parseDraft>[]) => {
    expect(drafts).toHaveLength(jobs.length);
    drafts.forEach((d, i) => {
      if (jobs[i].path !== BAD) expect(d).toEqual(expected[i]);
    });
    const bad = drafts[7];
    expect(bad.path).toBe(BAD);
    expect(bad.elements).toEqual([]);
    expect(bad.diagnostics).toHaveLength(1);
    expect(bad.diagnostics[0]).toMatchObject({ file: BAD, severity: 'warning' });
    expect(bad.diagnostics[0].message).toMatch(/could not read this file \(RangeError: Maximum call stack size exceeded\)/);
  };

  it('on this thread: that file gets one warning, every other file is parsed', async () => {
    check(await parseMany(jobs, undefined, { parse: throwing }));
  }, 60_000);

  it('a worker that dies falls back to this thread, and a throw there still settles (the index becomes ready)', async () => {
    // A worker script that dies at once, as a worker overflowing its stack does.
    const dir = mkdtempSync(join(tmpdir(), 'cruxmap-worker-'));
    const dying = join(dir, 'dying.js');
    writeFileSync(dying, "throw new RangeError('Maximum call stack size exceeded');\n");
    let workers = -1;
    const result = parseMany(jobs, dying, { threads: 2, mainThread: false, parse: throwing, onWorkers: (n) => (workers = n) });
    const outcome = await Promise.race([result.then(() => 'settled'), new Promise((r) => setTimeout(() => r('pending'), 30_000))]);
    expect(outcome).toBe('settled');
    check(await result);
    expect(workers).toBe(0);
  }, 60_000);

  it('a worker whose parse throws on one file still sends every other draft', async () => {
    const deep = { path: 'deep.md', text: `${'> '.repeat(5000)}x\n# H\n` };
    const mixed = [...jobs.slice(0, 50), deep, ...jobs.slice(50)];
    const drafts = await parseMany(mixed, WORKER, { threads: 2, mainThread: false });
    expect(drafts.slice(0, 50)).toEqual(expected.slice(0, 50));
    expect(drafts.slice(51)).toEqual(expected.slice(50));
    expect(drafts[50].path).toBe('deep.md');
  }, 60_000);

  it('parseSafely and unparsedDraft: a throw of anything gives a well-formed draft', () => {
    for (const thrown of [new Error('boom'), 'a string', undefined, { weird: true }]) {
      const d = parseSafely('\ufeffline\r\nnext', 'dir/file.name.md', () => {
        throw thrown;
      });
      expect(d).toMatchObject({ path: 'dir/file.name.md', title: 'file.name', elements: [], references: [], eol: '\r\n', bom: true });
      expect(d.diagnostics).toHaveLength(1);
      expect(unparsedDraft('x', 'a.md', thrown).diagnostics[0].range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    }
  });
});
