/** parseMany: worker threads (as the CLI and the extension host use them) give exactly what parsing on one thread gives, and the extension's way keeps the event loop turning. */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseMany } from '../../extension/node/workers/parsePool';
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
