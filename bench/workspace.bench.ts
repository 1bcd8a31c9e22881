/**
 * Workspace-scale benchmark (issues 6 and 13), on the plain synthetic corpus, the realistic one, or any folder of drafts
 * (`--corpus DIR`): cold index as whole processes (the CLI against plain remark-parse), in-process cold index, warm start
 * from the cache, keystrokes (a word replaced mid-draft) in the largest draft and the one nearest 10 KB, index memory.
 * `--json` prints JSON; `--runs N` sets the repetitions; `--large` adds the plain 4,000-draft workspace; `--keystroke`
 * measures the keystrokes alone (and the index memory they start from).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { WorkspaceIndex } from '../extension/core/index/workspaceIndex';
import { diffMapGraphs, filesInScope, toMapGraph } from '../extension/core/map/mapModel';
import { collectDrafts } from '../extension/cli/cliFiles';
import { corpus, realisticCorpus } from './corpus';
import { parseMany, parseSafely, type ParseJob, type ParseManyOptions } from '../extension/node/workers/parsePool';
import { DocumentParsers } from '../extension/core/parse/incremental';
import { suggestDraft, SuggestMemo } from '../extension/core/suggest/suggest';
import { contentHash, folderCacheStore, serializeCacheInSteps, type CacheStore } from '../extension/node/cache/parseCache';
import { loadWorkspace, type DraftSource } from '../extension/node/loadWorkspace';
import { json, log, ms, printJson, results, spread, stats, type Stats } from './report';

/** dist/parseWorker.js and dist/cli.js, beside dist/bench/. */
const WORKER = join(__dirname, '..', 'parseWorker.js');
const CLI = join(__dirname, '..', 'cli.js');
/** dist/bench/remarkProcess.cjs, built by scripts/bench.mjs beside this bundle. */
const REMARK_PROCESS = join(__dirname, 'remarkProcess.cjs');

const argValue = (flag: string): string | undefined => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Math.max(1, Number(argValue('--runs') ?? 3));
/** The in-process cold-index figures (secondary to the whole-process ones, and the costliest) run once unless --runs is given. */
const IN_PROCESS_RUNS = argValue('--runs') === undefined ? 1 : RUNS;
/** Only the keystroke figures (no cold index, no warm start): the quick check while working on the typing path. */
const KEYSTROKE_ONLY = process.argv.includes('--keystroke');
/** Edits per keystroke figure: enough for a p95 that is not simply the second slowest (as it was of 25). */
const EDITS = 100;
/**
 * Keystrokes before them, not measured (2 before the incremental parser): the typing path (the incremental parser,
 * the index's update) is code the initial index build never ran, and V8 is still compiling it over the first few
 * dozen keystrokes of a session (`node --trace-opt` shows compiles up to about the 30th in a 200 KB draft), on the
 * same cores; the figure is for steady typing. Both the measured keystrokes and those parsed in full warm up alike.
 */
const WARM_UP = 20;

// ---------------------------------------------------------------------------------------------------------
// The loading calls: all through node/loadWorkspace.ts, the loading path of the CLI and the extension.

const parseForCache = (jobs: ParseJob[]) => parseMany(jobs, WORKER);

/** Drafts read already, as loadWorkspace takes them. */
function sourceOf(jobs: ParseJob[]): DraftSource {
  const texts = new Map(jobs.map((j) => [j.path, j.text]));
  return { list: async () => [...texts.keys()], read: async (path) => texts.get(path) };
}

/** Fills `index` from `jobs` without a cache, as the CLI does (`options` as parseMany takes them). */
async function loadCold(index: WorkspaceIndex, jobs: ParseJob[], workerFile: string | undefined, options: ParseManyOptions = {}): Promise<void> {
  await loadWorkspace(index, { source: sourceOf(jobs), parse: (js) => parseMany(js, workerFile, options), version: 'bench' });
}

/** Fills `index` from `jobs` and the cache in `store`, as the CLI with --cache DIR and the extension do; `saved` settles when the cache is written back. */
async function loadWithCache(index: WorkspaceIndex, jobs: ParseJob[], store: CacheStore): Promise<{ hits: number; snapshot: boolean; saved: Promise<string | undefined> }> {
  const r = await loadWorkspace(index, { source: sourceOf(jobs), parse: parseForCache, version: 'bench', cache: store });
  return { hits: r.cached, snapshot: r.snapshot, saved: r.saved };
}

// ---------------------------------------------------------------------------------------------------------

/** The drafts under `dir`, read as the CLI reads them (path relative to `dir` -> text). */
function readDrafts(dir: string): ParseJob[] {
  return collectDrafts([dir], process.cwd(), 5_000_000).drafts;
}

function writeCorpus(files: Map<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cruxmap-bench-'));
  for (const [p, t] of files) writeFileSync(join(dir, p), t);
  return dir;
}

const gc = (globalThis as { gc?: () => void }).gc;
const remark = unified().use(remarkParse);
const time = (f: () => unknown): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};
const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} KB`;
const ratio = (a: Stats, b: Stats) => Number((a.median / b.median).toFixed(3));

/** GNU time, where there is one: it gives a process's CPU time, which a busy shared machine stretches far less than its wall time. */
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Milliseconds of one whole Node process (spawn to exit), its CPU milliseconds (user + system, when GNU time is there), and its standard output. */
function processTime(args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; cpuMs?: number; stdout: string } {
  const t0 = performance.now();
  const out = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', 'cruxmap-bench-cpu %U %S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, env })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20, env });
  const t = performance.now() - t0;
  if (out.status === 2 || out.status === null || (out.status !== 0 && args[1] !== 'check')) throw new Error(`${args.join(' ')} failed: ${out.stderr}`);
  const cpu = /cruxmap-bench-cpu ([\d.]+) ([\d.]+)\s*$/.exec(out.stderr);
  return { ms: t, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined, stdout: out.stdout };
}

/**
 * Cold index the CLI's way, `node dist/cli.js export DIR -o /dev/null` timed as a whole process, next to a fresh process
 * that reads the same files and runs plain single-thread remark-parse on each; the two alternate, so a change in the
 * machine's speed hits both. Then in this process: the extension host's way (all parsing in worker threads) and everything
 * on this thread, against the remark-parse process's parsing time.
 */
async function cold(name: string, dir: string, megabytes: number, inProcess: boolean): Promise<Record<string, unknown>> {
  const cli: number[] = [];
  const remarkProc: number[] = [];
  const remarkInChild: number[] = [];
  const cliCpu: number[] = [];
  const remarkCpu: number[] = [];
  // The CLI keeps its compiled code in a cache (extension/cli/launch.ts): one run first, so every timed run finds it,
  // and the same runs without it (as the first run after an install or a build), alternated with the others.
  const uncached: number[] = [];
  processTime([CLI, 'export', dir, '-o', '/dev/null']);
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? ['remark', 'cli', 'uncached'] : ['uncached', 'cli', 'remark'];
    for (const which of order) {
      if (which === 'uncached') uncached.push(processTime([CLI, 'export', dir, '-o', '/dev/null'], { ...process.env, CRUXMAP_COMPILE_CACHE: 'off' }).ms);
      else if (which === 'cli') {
        const p = processTime([CLI, 'export', dir, '-o', '/dev/null']);
        cli.push(p.ms);
        if (p.cpuMs !== undefined) cliCpu.push(p.cpuMs);
      } else {
        const p = processTime([REMARK_PROCESS, dir]);
        remarkProc.push(p.ms);
        if (p.cpuMs !== undefined) remarkCpu.push(p.cpuMs);
        remarkInChild.push((JSON.parse(p.stdout) as { parseMs: number }).parseMs);
      }
    }
  }
  const r: Record<string, unknown> = { cliExportProcess: stats(cli), remarkParseProcess: stats(remarkProc), remarkParseInThatProcess: stats(remarkInChild) };
  r.ratio = ratio(stats(cli), stats(remarkProc));
  log(
    `cold index, the CLI's way (\`cruxmap export DIR -o /dev/null\`, whole process): ${spread(stats(cli))}; plain remark-parse of the same files, ` +
      `whole process: ${spread(stats(remarkProc))} (of which parsing ${ms(stats(remarkInChild).median)}) => ${r.ratio} x remark-parse   [target <= 0.25 x]`,
  );
  Object.assign(r, { cliExportProcessNoCompileCache: stats(uncached), ratioNoCompileCache: ratio(stats(uncached), stats(remarkProc)) });
  log(`  the CLI without its compile cache (CRUXMAP_COMPILE_CACHE=off: a first run after installing): ${spread(stats(uncached))} => ${r.ratioNoCompileCache} x`);
  if (cliCpu.length === RUNS && remarkCpu.length === RUNS) {
    Object.assign(r, { cliExportProcessCpu: stats(cliCpu), remarkParseProcessCpu: stats(remarkCpu), cpuRatio: ratio(stats(cliCpu), stats(remarkCpu)) });
    log(`  the same in CPU time (user + system, which a busy machine stretches less): ${ms(stats(cliCpu).median)} against ${ms(stats(remarkCpu).median)} => ${r.cpuRatio} x`);
  }
  // The machine's speed, from the remark-parse process's own parsing time: absolute times scale with it, ratios do not.
  const rate = megabytes / (stats(remarkInChild).median / 1000);
  r.remarkParseMbPerS = Number(rate.toFixed(2));
  // Per second of CPU time (the whole remark process's): what the machine does when it gets to run, steadier than the wall-time rate.
  const cpuRate = remarkCpu.length === RUNS ? megabytes / (stats(remarkCpu).median / 1000) : undefined;
  if (cpuRate !== undefined) r.remarkParseMbPerCpuS = Number(cpuRate.toFixed(2));
  log(
    `  machine speed: remark-parse ran at ${rate.toFixed(2)} MB/s on these drafts in this run${name === 'plain' ? ' (about 2.4 MB/s is usual for the plain corpus on a quiet 2-core machine of this class)' : ''}` +
      (cpuRate !== undefined ? `; ${cpuRate.toFixed(2)} MB per second of CPU time` : ''),
  );
  if (!inProcess) return r;
  const extension: number[] = [];
  const oneThread: number[] = [];
  const load = async (workerFile: string | undefined, options?: ParseManyOptions) => {
    const t0 = performance.now();
    const index = new WorkspaceIndex();
    await loadCold(index, readDrafts(dir), workerFile, options);
    index.getGraph();
    return performance.now() - t0;
  };
  for (let run = 0; run < IN_PROCESS_RUNS; run++) {
    extension.push(await load(WORKER, { mainThread: false }));
    oneThread.push(await load(undefined));
  }
  const parsing = stats(remarkInChild);
  Object.assign(r, { coldIndexExtension: stats(extension), coldIndexOneThread: stats(oneThread) });
  log(
    `  in this process, read + parse + graph the extension host's way (parsing in worker threads only): ${spread(stats(extension))} = ${ratio(stats(extension), parsing)} x ` +
      `the remark-parse process's parsing alone; all on one thread ${spread(stats(oneThread))} = ${ratio(stats(oneThread), parsing)} x`,
  );
  return r;
}

/** Where a keystroke lands: the first word of four letters or more from the middle of the draft on, in a line of prose if there is one. */
function midWord(text: string): { start: number; end: number } {
  const word = /[A-Za-z]{4,}/g;
  for (const prose of [true, false]) {
    word.lastIndex = Math.floor(text.length / 2);
    for (let m = word.exec(text); m; m = word.exec(text)) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      if (!prose || /[A-Za-z]/.test(text[lineStart])) return { start: m.index, end: m.index + m[0].length };
    }
  }
  return { start: text.length, end: text.length };
}

/** A different word for each keystroke (letters only: "typeda", "typedb", ...). */
const typed = (k: number) => `typed${k.toString(26).replace(/./g, (c) => String.fromCharCode(97 + parseInt(c, 26)))}`;

/**
 * Keystrokes in one draft, as the host handles them (host/draftStore.ts): a word replaced mid-draft, parsed by the
 * document's incremental parser, then the index updated, the graph and the map of the draft's scope built, and the map
 * diffed against the one shown; next to remark-parse of the draft. The document was opened (parsed once) before.
 */
function keystrokes(index: WorkspaceIndex, path: string, text: string): Record<string, unknown> {
  const { start, end } = midWord(text);
  const scope = (graph: ReturnType<WorkspaceIndex['getGraph']>) => toMapGraph(graph, filesInScope(graph, 'draft', path, (f) => index.linkedFiles(f)));
  const parsers = new DocumentParsers();
  const edit = (next: string) => index.update(path, next, parseSafely(next, path, (t, p, o) => parsers.parse(t, p, o)));
  edit(text);
  let shown = scope(index.getGraph());
  const times: number[] = [];
  const cpu: number[] = [];
  // The same keystrokes parsed in full (as before the incremental parser), right after them: not interleaved, since a full
  // parse's garbage would be collected during the keystrokes measured next to it.
  const fullTimes: number[] = [];
  const fullCpu: number[] = [];
  // And the same keystrokes with the suggestions the editor then shows for the draft (suggestions are on by default):
  // the suggester run on the new draft with the memo the host keeps for it.
  const suggestTimes: number[] = [];
  const memo = new SuggestMemo();
  let incremental = 0;
  for (const mode of ['incremental', 'full', 'suggest'] as const) {
    const full = mode === 'full';
    for (let k = 0; k < EDITS + WARM_UP; k++) {
      const next = text.slice(0, start) + typed(3 * k + (full ? 1 : mode === 'suggest' ? 2 : 0)) + text.slice(end);
      // Made flat before the clock starts, as the text the host gets from VS Code is (`TextDocument.getText()` joins
      // the document's lines): the concatenation above would otherwise be copied on its first read, inside the timing.
      next.charCodeAt(next.length >> 1);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      if (full) index.update(path, next);
      else edit(next);
      const map = scope(index.getGraph());
      diffMapGraphs(shown, map);
      if (mode === 'suggest') suggestDraft(next, index.getDraft(path)!, memo);
      const t = performance.now() - t0;
      const c = process.cpuUsage(c0);
      shown = map;
      if (k < WARM_UP) continue;
      if (mode === 'suggest') {
        suggestTimes.push(t);
        continue;
      }
      (full ? fullTimes : times).push(t);
      (full ? fullCpu : cpu).push((c.user + c.system) / 1000);
      if (!full && parsers.last(path) === 'incremental') incremental++;
    }
  }
  index.setDraft(path, text);
  const keystroke = stats(times);
  remark.parse(text);
  // At least 5 parses, and more of a small draft (up to 50, or half a second in all), so its median is steady.
  const parseCpu: number[] = [];
  const parseWall: number[] = [];
  for (let spent = 0; parseWall.length < 5 || (spent < 500 && parseWall.length < 50); ) {
    const c0 = process.cpuUsage();
    const t = time(() => remark.parse(text));
    const c = process.cpuUsage(c0);
    parseCpu.push((c.user + c.system) / 1000);
    parseWall.push(t);
    spent += t;
  }
  const parse = stats(parseWall);
  const cpuStats = stats(cpu);
  // The CPU ratio compares means: process.cpuUsage() books the CPU time of the process's other threads (the
  // collector's helpers) in whole ticks of the kernel's clock (4 ms here: a thread spinning all the time is booked as
  // 0 ms in seven 1 ms windows of ten and as 4 ms in two), so one keystroke's CPU time is no latency, and its p95 says
  // where the ticks fell; the mean over all keystrokes counts every thread's work.
  const cpuMean = cpu.reduce((a, b) => a + b, 0) / cpu.length;
  return {
    path,
    kilobytes: Number((text.length / 1000).toFixed(1)),
    keystroke,
    remarkParse: parse,
    ratio: ratio(keystroke, parse),
    p95OverMedian: Number((keystroke.p95 / keystroke.median).toFixed(2)),
    keystrokeCpu: cpuStats,
    remarkParseCpu: stats(parseCpu),
    keystrokeCpuMean: Number(cpuMean.toFixed(3)),
    cpuRatio: ratio({ ...cpuStats, median: cpuMean }, stats(parseCpu)),
    cpuP95OverMedian: Number((cpuStats.p95 / cpuStats.median).toFixed(2)),
    incrementalParses: incremental,
    withSuggestions: { keystroke: stats(suggestTimes), ratio: ratio(stats(suggestTimes), parse), p95OverMedian: Number((stats(suggestTimes).p95 / stats(suggestTimes).median).toFixed(2)) },
    parsedInFull: { keystroke: stats(fullTimes), ratio: ratio(stats(fullTimes), parse), p95OverMedian: Number((stats(fullTimes).p95 / stats(fullTimes).median).toFixed(2)), keystrokeCpu: stats(fullCpu), cpuRatio: ratio(stats(fullCpu), stats(parseCpu)) },
  };
}

/** The draft nearest `bytes` in size. */
const nearest = (jobs: ParseJob[], bytes: number) => jobs.reduce((a, b) => (Math.abs(b.text.length - bytes) < Math.abs(a.text.length - bytes) ? b : a));

/** Index memory (heap after a full index and graph, less the heap before), and the index, for the keystroke and cache-write figures. */
function memory(jobs: ParseJob[]): { index: WorkspaceIndex; megabytes: number } {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const index = new WorkspaceIndex();
  for (const j of jobs) index.setDraft(j.path, j.text);
  index.getGraph();
  gc?.();
  return { index, megabytes: Number(((process.memoryUsage().heapUsed - before) / 1e6).toFixed(1)) };
}

/** The on-disk cache, but writes go nowhere (a changed-file start must not leave a cache that fits the change behind). */
const readOnly = (dir: string): CacheStore => ({ read: folderCacheStore(dir).read, write: async () => undefined });

/**
 * One warm start, as the CLI with --cache DIR and the extension do it: read, hash, load the cache, and
 * the graph ready; milliseconds. 'snapshot': no file changed, so the graph comes from the cache's snapshot;
 * 'one-changed': one draft differs from the cache, so cached drafts and one parse build the graph.
 */
async function warmOnce(dir: string, cacheDir: string, mode: 'snapshot' | 'one-changed'): Promise<number> {
  const t0 = performance.now();
  const jobs = readDrafts(dir);
  if (mode === 'one-changed') jobs[0].text += '\nObjection: typed since the last start.\n';
  const index = new WorkspaceIndex();
  const { hits, snapshot, saved } = await loadWithCache(index, jobs, mode === 'snapshot' ? folderCacheStore(cacheDir) : readOnly(cacheDir));
  index.getGraph();
  const t = performance.now() - t0;
  // The cache is written back after the index is ready (the CLI before it ends, the extension in the background): not part of the start.
  await saved;
  if (snapshot !== (mode === 'snapshot') || hits !== jobs.length - (mode === 'snapshot' ? 0 : 1)) throw new Error(`warm start (${mode}) did not use the cache as it should`);
  return t;
}

/** After a start from the snapshot: loading every draft and building every part ahead of the first edit, in the extension's idle steps of 50 drafts. */
async function prepareAfterStart(dir: string, cacheDir: string): Promise<{ total: number; longestStep: number }> {
  const index = new WorkspaceIndex();
  await loadWithCache(index, readDrafts(dir), folderCacheStore(cacheDir));
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

/** Warm starts from the on-disk cache (the CLI's --cache DIR; the extension's is the same code): in fresh processes as a real start is, and in this process on a collected heap. */
async function warm(dir: string, index: WorkspaceIndex, jobs: ParseJob[]): Promise<Record<string, unknown>> {
  const r: Record<string, unknown> = {};
  const cacheDir = mkdtempSync(join(tmpdir(), 'cruxmap-bench-cache-'));
  await (await loadWithCache(new WorkspaceIndex(), readDrafts(dir), folderCacheStore(cacheDir))).saved;
  for (const mode of ['snapshot', 'one-changed'] as const) {
    const fresh: number[] = [];
    const here: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const out = spawnSync(process.execPath, [__filename, '--warm-child', dir, cacheDir, mode], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      fresh.push(Number(out.stdout.trim()));
      gc?.();
      here.push(await warmOnce(dir, cacheDir, mode));
    }
    const key = mode === 'snapshot' ? 'warmStart' : 'warmStartOneChanged';
    r[key] = { freshProcess: stats(fresh), inProcess: stats(here) };
    const what = mode === 'snapshot' ? 'no draft changed (graph from the snapshot)' : 'one draft changed (cached drafts + one parse + graph)';
    log(`warm start, ${what}, read + hash + cache + graph: in a fresh process each time, as a real start is: ${spread(stats(fresh))}; in this process: ${spread(stats(here))}`);
  }
  const prep: { total: number; longestStep: number }[] = [];
  for (let run = 0; run < RUNS; run++) prep.push(await prepareAfterStart(dir, cacheDir));
  r.afterSnapshotStartPrepare = { total: stats(prep.map((p) => p.total)), longestStep: stats(prep.map((p) => p.longestStep)) };
  log(`  then every draft loaded and every part built, in idle steps of 50 drafts: ${spread(stats(prep.map((p) => p.total)))} in all, longest step ${spread(stats(prep.map((p) => p.longestStep)))}`);
  // What the extension does a few seconds after drafts are saved: the cache and snapshot, serialized in steps.
  const items = jobs.map((j) => ({ ...j, hash: contentHash(j.text), draft: index.getDraft(j.path)! }));
  const writes: { total: number; longestStep: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    let longestStep = 0;
    let stepStart = performance.now();
    const t0 = stepStart;
    const pause = async () => {
      longestStep = Math.max(longestStep, performance.now() - stepStart);
      await new Promise((res) => setTimeout(res, 0));
      stepStart = performance.now();
    };
    await serializeCacheInSteps('bench', items, index.getGraph(), pause);
    longestStep = Math.max(longestStep, performance.now() - stepStart);
    writes.push({ total: performance.now() - t0, longestStep });
  }
  r.cacheWriteInSteps = { total: stats(writes.map((w) => w.total)), longestStep: stats(writes.map((w) => w.longestStep)) };
  log(`the extension's cache write after saves (every draft and the snapshot, in steps of 100 drafts): ${spread(stats(writes.map((w) => w.total)))} in all, longest step ${spread(stats(writes.map((w) => w.longestStep)))}`);
  // In CI with a kept cache: the first run writes it, later runs with no draft changed start from its snapshot.
  const cliCache = mkdtempSync(join(tmpdir(), 'cruxmap-bench-cli-cache-'));
  const checks: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const t = processTime([CLI, 'check', dir, '--cache', cliCache]).ms;
    if (run > 0) checks.push(t);
  }
  r.cliCheckCached = stats(checks);
  log(`cruxmap check --cache DIR, no draft changed since the last run (whole process): ${spread(stats(checks))}`);
  return r;
}

/** Every workspace figure on the drafts in `dir`. */
async function workspace(name: string, title: string, dir: string, options: { inProcess?: boolean; warm?: boolean; keystrokes?: boolean } = {}): Promise<Record<string, unknown>> {
  const jobs = readDrafts(dir);
  if (jobs.length === 0) throw new Error(`no markdown drafts in ${dir}`);
  const bytes = jobs.reduce((a, j) => a + j.text.length, 0);
  const megabytes = bytes / 1e6;
  const sizes = jobs.map((j) => j.text.length).sort((a, b) => a - b);
  log(`\n-- ${title}: ${jobs.length} drafts, ${megabytes.toFixed(2)} MB (median ${kb(sizes[sizes.length >> 1])}, largest ${kb(sizes[sizes.length - 1])})`);
  const r: Record<string, unknown> = { dir, files: jobs.length, megabytes: Number(megabytes.toFixed(2)), medianKilobytes: Number((sizes[sizes.length >> 1] / 1000).toFixed(1)) };
  // Memory first, while this process has loaded nothing else (each corpus gets a process of its own).
  const { index, megabytes: mb } = memory(jobs);
  r.memoryMegabytes = mb;
  if (!KEYSTROKE_ONLY) r.cold = await cold(name, dir, megabytes, options.inProcess ?? true);
  log(`index memory: ${mb} MB of heap${gc ? '' : ' (run with --expose-gc for an exact figure)'}`);
  if (options.keystrokes ?? true) {
    const largest = jobs.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    const targets: [string, ParseJob][] = [['largest', largest]];
    const near200 = nearest(jobs, 200_000);
    if (near200 !== largest && Math.abs(near200.text.length - 200_000) < 50_000) targets.push(['nearest 200 KB', near200]);
    const near10 = nearest(jobs, 10_000);
    if (near10 !== largest) targets.push(['nearest 10 KB', near10]);
    const ks: Record<string, unknown> = {};
    for (const [what, job] of targets) {
      const k = keystrokes(index, job.path, job.text) as { keystroke: Stats; remarkParse: Stats; ratio: number; p95OverMedian: number; keystrokeCpu: Stats; keystrokeCpuMean: number; remarkParseCpu: Stats; cpuRatio: number; cpuP95OverMedian: number; incrementalParses: number; parsedInFull: { keystroke: Stats; ratio: number; p95OverMedian: number; keystrokeCpu: Stats; cpuRatio: number }; withSuggestions: { keystroke: Stats; ratio: number; p95OverMedian: number } };
      ks[what.replace(/ (\w)/g, (_, c: string) => c.toUpperCase()).replace(/\s/g, '')] = k;
      log(
        `keystroke in the ${what} draft (${job.path}, ${kb(job.text.length)}; a word replaced mid-draft, parsed as the extension does (${k.incrementalParses} of ${EDITS} incrementally), then index + graph + map diff): ` +
          `median ${ms(k.keystroke.median)}, p95 ${ms(k.keystroke.p95)} (${k.p95OverMedian} x the median); ` +
          `remark-parse of the draft ${ms(k.remarkParse.median)} => ${k.ratio} x; in CPU time, all threads, a mean of ${ms(k.keystrokeCpuMean)} => ${k.cpuRatio} x remark-parse's ` +
          `(median ${ms(k.keystrokeCpu.median)}, p95 ${k.cpuP95OverMedian} x the median: other threads' CPU is booked in clock ticks)`,
      );
      const w = k.withSuggestions;
      log(`  the same keystrokes and then the draft's suggestions, as the editor shows them (with its memo): median ${ms(w.keystroke.median)}, p95 ${ms(w.keystroke.p95)} (${w.p95OverMedian} x the median) => ${w.ratio} x`);
      const f = k.parsedInFull;
      log(
        `  the same keystrokes parsed in full (as before the incremental parser; measured right after): median ${ms(f.keystroke.median)}, p95 ${ms(f.keystroke.p95)} (${f.p95OverMedian} x the median) => ${f.ratio} x; ` +
          `in CPU time ${ms(f.keystrokeCpu.median)} => ${f.cpuRatio} x`,
      );
    }
    r.keystroke = ks;
  }
  if ((options.warm ?? true) && !KEYSTROKE_ONLY) r.warm = await warm(dir, index, jobs);
  void index.size;
  return r;
}

/** Issue 13's ratio targets against this run's figures, one line each (the targets that compare with an earlier day are in README). */
function summary(): void {
  type Cold = { ratio: number; cpuRatio?: number };
  type Key = { kilobytes: number; ratio: number; cpuRatio: number; p95OverMedian: number; cpuP95OverMedian: number };
  const mark = (ok: boolean) => (ok ? 'met' : 'not met');
  log('\n-- issue 13 targets, from this run');
  for (const [name, r] of Object.entries(results) as [string, { cold?: Cold; keystroke?: Record<string, Key> }][]) {
    if (!r?.cold && !r?.keystroke) continue;
    const c = r.cold;
    const cpu = c?.cpuRatio !== undefined ? `, ${c.cpuRatio} x in CPU time` : '';
    if (c) log(`${name}: cold index ${c.ratio} x remark-parse in wall time${cpu} (target <= 0.25 x: ${mark(Math.max(c.ratio, c.cpuRatio ?? 0) <= 0.25)})`);
    const k = r.keystroke && (r.keystroke.nearest200KB ?? (r.keystroke.largest?.kilobytes >= 150 ? r.keystroke.largest : undefined));
    if (k) {
      // The p95 is a latency (the time the writer waits), so wall time's; the ratio holds in wall and in CPU time.
      const ok = Math.max(k.ratio, k.cpuRatio) <= 0.05 && k.p95OverMedian <= 2;
      log(`${name}: keystroke in the ${k.kilobytes} KB draft ${k.ratio} x remark-parse of it (${k.cpuRatio} x in CPU time), p95 ${k.p95OverMedian} x the median (target <= 0.05 x, p95 <= 2 x: ${mark(ok)})`);
    }
  }
}

async function main(): Promise<void> {
  const child = process.argv.indexOf('--warm-child');
  if (child >= 0) {
    console.log((await warmOnce(process.argv[child + 1], process.argv[child + 2], process.argv[child + 3] as 'snapshot' | 'one-changed')).toFixed(1));
    return;
  }
  const corpusChild = process.argv.indexOf('--corpus-child');
  if (corpusChild >= 0) {
    const [name, title, dir, out] = process.argv.slice(corpusChild + 1, corpusChild + 5);
    const light = process.argv.includes('--light') ? { inProcess: false, warm: false, keystrokes: false } : {};
    writeFileSync(out, JSON.stringify(await workspace(name, title, dir, light)));
    return;
  }
  const started = performance.now();
  /** Each corpus in a fresh process, so that no corpus measures what another left in the heap or the JIT. */
  const measure = (name: string, title: string, dir: string, light = false) => {
    const out = join(mkdtempSync(join(tmpdir(), 'cruxmap-bench-results-')), 'results.json');
    const passOn = [...(argValue('--runs') !== undefined ? ['--runs', String(RUNS)] : []), ...(json ? ['--json'] : []), ...(light ? ['--light'] : []), ...(KEYSTROKE_ONLY ? ['--keystroke'] : [])];
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--corpus-child', name, title, dir, out, ...passOn], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (child.status !== 0) throw new Error(`the ${name} corpus's benchmark failed`);
    results[name] = JSON.parse(readFileSync(out, 'utf8'));
  };
  const own = argValue('--corpus');
  if (own !== undefined) {
    measure('corpus', `your drafts in ${own}`, own);
  } else {
    measure('plain', 'plain corpus (synthetic: 1,000 drafts of 3-30 KB in Crux Map markup, 35 % without)', writeCorpus(corpus(1000)));
    measure('realistic', 'realistic corpus (like LessWrong / Alignment Forum posts: inline HTML, images, footnotes, math, callouts, tables, link-dense prose, long posts)', writeCorpus(realisticCorpus()));
    if (process.argv.includes('--large')) measure('plain4000', 'plain corpus, 4,000 drafts', writeCorpus(corpus(4000)), true);
  }
  summary();
  const seconds = (performance.now() - started) / 1000;
  results.seconds = Number(seconds.toFixed(0));
  log(`\n(workspace benchmark: ${seconds.toFixed(0)} s, ${RUNS} runs of each figure)`);
  printJson();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
