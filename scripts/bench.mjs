// Runs every benchmark in bench/ (*.bench.ts, bundled with esbuild) one after another and prints their figures.
import * as esbuild from 'esbuild';
import { readdirSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`usage: npm run bench [-- --json] [workspace|map|core|activation ...]
       (npm run --silent bench -- --json for JSON alone, without npm's and the build's lines)

Runs the benchmarks in bench/ and prints their figures (medians, with the number of runs and the spread).
  --json     print every figure as one JSON object (by benchmark) instead of the table
  <name>     run only the benchmarks whose file name contains it (e.g. workspace, map)`);
  process.exit(0);
}
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
mkdirSync('dist/bench', { recursive: true });
const json = flags.includes('--json');
const all = {};
let failed = 0;
for (const f of files) {
  const outfile = join('dist/bench', f.replace(/\.ts$/, '.cjs'));
  await esbuild.build({ entryPoints: [join('bench', f)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['playwright-core', 'esbuild'], logLevel: 'warning' });
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
