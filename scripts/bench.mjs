// Runs every benchmark in bench/ (*.bench.ts, bundled with esbuild) one after another and prints their figures.
import * as esbuild from 'esbuild';
import { readdirSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
mkdirSync('dist/bench', { recursive: true });
let failed = 0;
for (const f of files) {
  const outfile = join('dist/bench', f.replace(/\.ts$/, '.cjs'));
  await esbuild.build({ entryPoints: [join('bench', f)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['playwright-core', 'esbuild'], logLevel: 'warning' });
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', outfile, ...flags], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
if (failed) {
  console.error(`${failed} benchmark(s) failed`);
  process.exit(1);
}
