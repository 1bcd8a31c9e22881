/** Workspace-scale benchmark (issue 6): cold index against plain remark-parse and plain reading, keystrokes, memory, CLI export. `--json` prints JSON. */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { WorkspaceIndex } from '../extension/core/index/workspaceIndex';
import { diffMapGraphs, toMapGraph } from '../extension/core/map/mapModel';
import { corpus, draft, rng } from './corpus';
import { parseMany, type ParseManyOptions } from '../extension/node/workers/parsePool';
import { contentHash, folderCacheStore, indexWithCache, serializeCacheInSteps, type CacheStore } from '../extension/node/cache/parseCache';
import { log, ms, printJson, results, spread, stats } from './report';

/** dist/parseWorker.js, beside dist/bench/. */
const WORKER = join(__dirname, '..', 'parseWorker.js');

const RUNS = 3;

function writeCorpus(files: Map<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cruxmap-bench-'));
  for (const [p, t] of files) writeFileSync(join(dir, p), t);
  return dir;
}

function readAll(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) out.set(name, readFileSync(join(dir, name), 'utf8'));
  return out;
}

/** Milliseconds from reading the files to a built graph; `options` as parseMany takes them (the CLI's way by default). */
async function coldIndex(dir: string, workerFile: string | undefined, options: ParseManyOptions = {}): Promise<number> {
  const t0 = performance.now();
  const idx = new WorkspaceIndex();
  const jobs = [...readAll(dir)].map(([path, text]) => ({ path, text }));
  const drafts = await parseMany(jobs, workerFile, options);
  jobs.forEach((j, i) => idx.setParsedDraft(j.path, j.text, drafts[i]));
  idx.getGraph();
  return performance.now() - t0;
}

const naive = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/** Keystrokes: re-index one 10 KB and one 200 KB draft (parse + index update + graph + map diff of that draft). */
async function keystrokes(files: Map<string, string>, n: number): Promise<void> {
  const idx = new WorkspaceIndex();
  for (const [p, t] of files) idx.setDraft(p, t);
  idx.getGraph();
  const r2 = rng(7);
  for (const size of [10_000, 200_000]) {
    const path = `big-${size}.md`;
    let text = draft(r2, 5000, n, size, true, { prose: true, elements: true, rich: true });
    idx.setDraft(path, text);
    let before = toMapGraph(idx.getGraph(), new Set([path]));
    const times: number[] = [];
    for (let k = 0; k < 25; k++) {
      text = text.replace(/\n$/, `\nObjection: typed ${k}.\n`);
      const t0 = performance.now();
      idx.setDraft(path, text);
      const after = toMapGraph(idx.getGraph(), new Set([path]));
      diffMapGraphs(before, after);
      times.push(performance.now() - t0);
      before = after;
    }
    const s = stats(times);
    results[`keystroke-${size / 1000}KB`] = s;
    log(`keystroke in a ${size / 1000} KB draft (1,000-draft workspace): median ${ms(s.median)}, p95 ${ms(s.p95)} (25 edits)`);
  }
}

const parseForCache = (jobs: { path: string; text: string }[]) => parseMany(jobs, WORKER);

/** The on-disk cache, but writes go nowhere (a changed-file start must not leave a cache that fits the change behind). */
const readOnly = (dir: string): CacheStore => ({ read: folderCacheStore(dir).read, write: async () => undefined });

/**
 * One warm start, as the CLI with --cache DIR and the extension do it: read, hash, load the cache, and
 * the graph ready; milliseconds. 'snapshot': no file changed, so the graph comes from the cache's snapshot;
 * 'one-changed': one draft differs from the cache, so cached drafts and one parse build the graph.
 */
async function warmOnce(dir: string, cacheDir: string, mode: 'snapshot' | 'one-changed'): Promise<number> {
  const t0 = performance.now();
  const jobs = [...readAll(dir)].map(([path, text]) => ({ path, text }));
  if (mode === 'one-changed') jobs[0].text += '\nObjection: typed since the last start.\n';
  const index = new WorkspaceIndex();
  const { hits, snapshot, saved } = await indexWithCache(index, jobs, mode === 'snapshot' ? folderCacheStore(cacheDir) : readOnly(cacheDir), 'bench', parseForCache);
  index.getGraph();
  const t = performance.now() - t0;
  // The cache is written back after the index is ready (the CLI before it ends, the extension in the background): not part of the start.
  await saved;
  if (snapshot !== (mode === 'snapshot') || hits !== jobs.length - (mode === 'snapshot' ? 0 : 1)) throw new Error(`warm start (${mode}) did not use the cache as it should`);
  return t;
}

/** After a start from the snapshot: loading every draft and building every part ahead of the first edit, in the extension's idle steps of 50 drafts. */
async function prepareAfterStart(dir: string, cacheDir: string): Promise<{ total: number; longestStep: number }> {
  const jobs = [...readAll(dir)].map(([path, text]) => ({ path, text }));
  const index = new WorkspaceIndex();
  await indexWithCache(index, jobs, folderCacheStore(cacheDir), 'bench', parseForCache);
  let total = 0;
  let longestStep = 0;
  for (let more = true; more; ) {
    const t0 = performance.now();
    more = index.prepare(50);
    const t = performance.now() - t0;
    total += t;
    longestStep = Math.max(longestStep, t);
  }
  return { total, longestStep };
}

/** Warm starts of the same workspace from the on-disk cache (the CLI's --cache DIR; the extension's is the same code): in this process on a collected heap, and in fresh processes as a real start is. */
async function warmStart(dir: string): Promise<void> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'cruxmap-bench-cache-'));
  await (await indexWithCache(new WorkspaceIndex(), [...readAll(dir)].map(([path, text]) => ({ path, text })), folderCacheStore(cacheDir), 'bench', parseForCache)).saved;
  for (const mode of ['snapshot', 'one-changed'] as const) {
    const here: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      (globalThis as { gc?: () => void }).gc?.();
      here.push(await warmOnce(dir, cacheDir, mode));
    }
    const fresh: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const out = spawnSync(process.execPath, [__filename, '--warm-child', dir, cacheDir, mode], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      fresh.push(Number(out.stdout.trim()));
    }
    const key = mode === 'snapshot' ? 'warm-start-1000' : 'warm-start-1000-one-changed';
    results[key] = stats(here);
    results[`${key}-fresh-process`] = stats(fresh);
    const what = mode === 'snapshot' ? 'no draft changed (graph from the snapshot)' : 'one draft changed (cached drafts + one parse + graph)';
    log(`warm start, 1,000 drafts, ${what}, read + hash + cache + graph: in a fresh process each time, as a real start is: ${spread(stats(fresh))}; in this process: ${spread(stats(here))}`);
  }
  const prep: { total: number; longestStep: number }[] = [];
  for (let run = 0; run < RUNS; run++) prep.push(await prepareAfterStart(dir, cacheDir));
  const total = stats(prep.map((p) => p.total));
  const step = stats(prep.map((p) => p.longestStep));
  results['after-snapshot-start-prepare'] = { total, longestStep: step };
  log(`after a start from the snapshot, loading the drafts and building the parts in idle steps of 50 drafts: ${spread(total)} in all, longest step ${spread(step)}`);
  // What the extension does a few seconds after drafts are saved: the cache and snapshot, serialized in steps.
  const index = new WorkspaceIndex();
  const files = [...readAll(dir)].map(([path, text]) => ({ path, text, hash: contentHash(text) }));
  for (const f of files) index.setDraft(f.path, f.text);
  const items = files.map((f) => ({ ...f, draft: index.getDraft(f.path)! }));
  const writes: { total: number; longestStep: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    let longestStep = 0;
    let stepStart = performance.now();
    const t0 = stepStart;
    const pause = async () => {
      longestStep = Math.max(longestStep, performance.now() - stepStart);
      await new Promise((r) => setTimeout(r, 0));
      stepStart = performance.now();
    };
    await serializeCacheInSteps('bench', items, index.getGraph(), pause);
    longestStep = Math.max(longestStep, performance.now() - stepStart);
    writes.push({ total: performance.now() - t0, longestStep });
  }
  const writeTotal = stats(writes.map((w) => w.total));
  const writeStep = stats(writes.map((w) => w.longestStep));
  results['cache-write-in-steps'] = { total: writeTotal, longestStep: writeStep };
  log(`the extension's cache write after saves (1,000 drafts and the snapshot, serialized in steps of 100 drafts): ${spread(writeTotal)} in all, longest step ${spread(writeStep)}`);
}

async function main(): Promise<void> {
  const child = process.argv.indexOf('--warm-child');
  if (child >= 0) {
    console.log((await warmOnce(process.argv[child + 1], process.argv[child + 2], process.argv[child + 3] as 'snapshot' | 'one-changed')).toFixed(1));
    return;
  }
for (const n of [200, 1000, 4000]) {
  const files = corpus(n);
  const dir = writeCorpus(files);
  const megabytes = [...files.values()].reduce((a, t) => a + t.length, 0) / 1e6;
  const read: number[] = [];
  const plain: number[] = [];
  const index: number[] = [];
  const extension: number[] = [];
  const oneThread: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let t0 = performance.now();
    const texts = readAll(dir);
    read.push(performance.now() - t0);
    t0 = performance.now();
    for (const t of texts.values()) naive.parse(t);
    plain.push(performance.now() - t0);
    // The CLI's cold path: read, pre-scan, fast paths, parse (worker threads beside this one from three cores up), build the graph;
    // the extension host's: the same with all parsing in worker threads (its own thread stays free); and everything on this thread.
    index.push(await coldIndex(dir, WORKER));
    extension.push(await coldIndex(dir, WORKER, { mainThread: false }));
    oneThread.push(await coldIndex(dir, undefined));
  }
  const r = {
    files: n,
    megabytes: Number(megabytes.toFixed(1)),
    read: stats(read),
    remarkParse: stats(plain),
    coldIndex: stats(index),
    coldIndexExtension: stats(extension),
    coldIndexOneThread: stats(oneThread),
  };
  results[`cold-${n}`] = r;
  const ratio = (x: { median: number }) => `${(x.median / r.remarkParse.median).toFixed(2)} x`;
  log(
    `cold index, ${n} drafts (${megabytes.toFixed(1)} MB): read ${spread(r.read)}; plain remark-parse ${spread(r.remarkParse)}; ` +
      `Crux Map cold index, the CLI's way (read + pre-scan + fast paths + parse + graph) ${spread(r.coldIndex)} = ${ratio(r.coldIndex)} remark-parse; ` +
      `the extension host's way (parsing in worker threads only) ${spread(r.coldIndexExtension)} = ${ratio(r.coldIndexExtension)}; all on one thread ${spread(r.coldIndexOneThread)} = ${ratio(r.coldIndexOneThread)}`,
  );

  if (n === 1000) {
    // Absolute times swing with the shared machine's speed from day to day; this says how fast it was.
    const rate = megabytes / (r.remarkParse.median / 1000);
    results['remark-parse-mb-per-s'] = Number(rate.toFixed(2));
    log(`machine speed: plain remark-parse ran at ${rate.toFixed(1)} MB/s in this run (about 2.4 MB/s is usual on a 2-core machine of this class); absolute times scale with it, ratios do not`);
  }

  if (n === 1000 || n === 4000) {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const idx = new WorkspaceIndex();
    for (const [p, t] of files) idx.setDraft(p, t);
    idx.getGraph();
    gc?.();
    const mb = (process.memoryUsage().heapUsed - before) / 1e6;
    results[`memory-${n}`] = { megabytes: Number(mb.toFixed(1)), gc: gc !== undefined };
    log(`index memory, ${n} drafts: ${mb.toFixed(1)} MB of heap${gc ? '' : ' (run with --expose-gc for an exact figure)'}`);
    void idx.size;
  }

  if (n === 1000) {
    await keystrokes(files, n);
    await warmStart(dir);
    const cli = join(__dirname, '..', 'cli.js');
    const exports: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const out = spawnSync(process.execPath, [cli, 'export', dir, '-o', join(dir, '..', `export-${run}.json`)], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      exports.push(performance.now() - t0);
    }
    results['cli-export-1000'] = stats(exports);
    log(`cruxmap export, 1,000 drafts (wall time, process start included): ${spread(stats(exports))}`);
    // In CI with a kept cache: the first run writes it, later runs with no draft changed start from its snapshot.
    const cacheDir = mkdtempSync(join(tmpdir(), 'cruxmap-bench-cli-cache-'));
    const checks: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const t0 = performance.now();
      const out = spawnSync(process.execPath, [cli, 'check', dir, '--cache', cacheDir], { encoding: 'utf8' });
      if (out.status === 2) throw new Error(out.stderr);
      if (run > 0) checks.push(performance.now() - t0);
    }
    results['cli-check-cached-1000'] = stats(checks);
    log(`cruxmap check --cache DIR, 1,000 drafts, no draft changed since the last run (wall time, process start included): ${spread(stats(checks))}`);
  }
}
printJson();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
