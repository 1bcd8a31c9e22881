/** Activation cost (issue 6): how long dist/extension.js takes to load and activate() to return, in fresh Node processes with a stand-in `vscode` module. `--json` prints JSON. */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { log, printJson, results, stats } from './report';

const RUNS = 7;
const root = join(__dirname, '..', '..');
const loader = join(root, 'scripts', 'loadExtension.cjs');

function measure(bundle: string): { requireMs: number[]; activateMs: number[]; kilobytes: number } {
  const requireMs: number[] = [];
  const activateMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = spawnSync(process.execPath, [loader, bundle], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    const r = JSON.parse(out.stdout) as { requireMs: number; activateMs: number; returnedPromise: boolean };
    if (r.returnedPromise) throw new Error('activate() returned a promise: it must not wait for the workspace scan');
    requireMs.push(r.requireMs);
    activateMs.push(r.activateMs);
  }
  return { requireMs, activateMs, kilobytes: Math.round(statSync(bundle).size / 1024) };
}

async function main(): Promise<void> {
  // The VSIX ships the production bundle (`vscode:prepublish`): build the same one here.
  // (scripts/build.mjs itself, so the bundle loads what it loads lazily, dist/publish.js and dist/yamlLib.js, from beside it.)
  const folder = join(root, 'dist', 'bench', 'production');
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production', '--outdir', folder], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`the production build failed: ${built.stderr}`);
  const production = join(folder, 'extension.js');
  for (const [name, bundle] of [
    ['production bundle (as in the VSIX)', production],
    ['development bundle (dist/extension.js)', join(root, 'dist', 'extension.js')],
  ] as const) {
    const m = measure(bundle);
    const r = { kilobytes: m.kilobytes, loadMs: stats(m.requireMs), activateMs: stats(m.activateMs) };
    results[name] = r;
    log(
      `${name}, ${r.kilobytes} KB: load ${r.loadMs.median.toFixed(1)} ms (${RUNS} fresh processes, ${r.loadMs.min.toFixed(1)}-${r.loadMs.max.toFixed(1)}); activate() returns in ${r.activateMs.median.toFixed(1)} ms (${r.activateMs.min.toFixed(1)}-${r.activateMs.max.toFixed(1)}), before the workspace scan ends`,
    );
  }
  printJson();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
