// Runs every benchmark in bench/ (*.bench.ts, bundled with esbuild) one after another and prints their figures.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, mkdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`usage: npm run bench [-- --json] [workspace|map|core|activation ...]
       npm run bench -- workspace --corpus DIR [--json] [--runs N] [--keystroke]
       (npm run --silent bench -- --json for JSON alone, without npm's and the build's lines)

Runs the benchmarks in bench/ and prints their figures (medians, with the number of runs and the spread).
  --json        print every figure as one JSON object (by benchmark) instead of the table
  <name>        run only the benchmarks whose file name contains it (e.g. workspace, map)
  --corpus DIR  measure your own drafts: the workspace figures on the markdown files under DIR (read as
                cruxmap reads them; DIR relative to where you ran npm) instead of the built-in corpora:
                  cold index the CLI's way (cruxmap export DIR -o /dev/null, process start included) next
                    to a fresh process running plain remark-parse on the same files, and their ratio;
                  cold index in this process, the extension host's way and on one thread;
                  index memory;
                  keystrokes (a word replaced mid-draft, then index + graph + map diff, median and p95) in
                    the largest draft, the one nearest 200 KB if there is one, and the one nearest 10 KB;
                  warm start from the cache, in a fresh process and in a running one, and the cache write.
                Nothing in DIR is changed (caches go to a temporary folder). Implies the workspace benchmark.
  --runs N      repetitions of each workspace figure (default 3, and 1 for the in-process cold index;
                medians of them are printed)
  --large       the workspace benchmark also measures the plain corpus at 4,000 drafts (cold index, memory)
  --keystroke   the workspace benchmark measures the keystrokes alone (no cold index, no warm start)
  --suggest-dir=DIR    the suggest benchmark also scores an annotated folder (bench/suggest/README.md)
  --suggest-posts=DIR  the suggest benchmark also times the suggester against parseDraft on the
                       five largest markdown files in DIR (an absolute path, or relative to the repository)

Without --corpus, the workspace benchmark measures two seeded corpora: the plain one (1,000 drafts of
3-30 KB written in Crux Map's markup) and a realistic one (180 drafts, 3.3 MB, like LessWrong and Alignment
Forum posts: inline HTML, images and embeds, footnotes, math, callouts, tables, link-dense prose, a few
long posts of 50-300 KB among 5-30 KB ones). Compare figures from one run: the machine's speed wanders.`);
  process.exit(0);
}
const args = process.argv.slice(2);
/** Flags (with their values) for the benchmarks; names (not flags or their values) choose which run. */
const flags = [];
const only = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--corpus' || a === '--runs') {
    let v = args[++i];
    if (v === undefined) {
      console.error(`bench: ${a} needs a value`);
      process.exit(2);
    }
    if (a === '--runs' && !/^[1-9]\d*$/.test(v)) {
      console.error(`bench: --runs ${v}: give a whole number of 1 or more`);
      process.exit(2);
    }
    if (a === '--corpus') {
      // npm runs scripts in the package's folder; INIT_CWD is where the user typed the command.
      v = resolve(process.env.INIT_CWD ?? process.cwd(), v);
      if (!existsSync(v) || !statSync(v).isDirectory()) {
        console.error(`bench: --corpus ${args[i]}: no such folder (${v})`);
        process.exit(2);
      }
    }
    flags.push(a, v);
  } else if (a.startsWith('--')) flags.push(a);
  else only.push(a);
}
if (flags.includes('--corpus') && only.length === 0) only.push('workspace');
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
mkdirSync('dist/bench', { recursive: true });
const json = flags.includes('--json');
const bundle = (entry, outfile) =>
  esbuild.build({ entryPoints: [join('bench', entry)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['playwright-core', 'esbuild'], logLevel: 'warning' });
// The workspace benchmark's baseline: a process that runs plain remark-parse on a folder's drafts.
await bundle('remarkProcess.ts', 'dist/bench/remarkProcess.cjs');
const all = {};
let failed = 0;
for (const f of files) {
  const outfile = join('dist/bench', f.replace(/\.ts$/, '.cjs'));
  await bundle(f, outfile);
  if (!json) console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', outfile, ...flags], { stdio: ['ignore', json ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) failed++;
  else if (json) {
    try {
      all[f.replace(/\.bench\.ts$/, '')] = JSON.parse(r.stdout);
    } catch {
      console.error(`${f} printed no JSON:\n${r.stdout}`);
      failed++;
    }
  }
}
if (json) console.log(JSON.stringify(all, null, 2));
if (failed) {
  console.error(`${failed} benchmark(s) failed`);
  process.exit(1);
}
