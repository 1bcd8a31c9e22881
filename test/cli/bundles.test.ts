/** The built bundles load some of their code from files of their own (the Argdown importer, publish, yaml): each such file is built and shipped in the VSIX. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';

const dist = join(__dirname, '..', '..', 'dist');
/** The files .vscodeignore lets into the package (its `!` lines). */
const shipped = new Set(
  readFileSync(join(__dirname, '..', '..', '.vscodeignore'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.startsWith('!'))
    .map((l) => l.slice(1)),
);

describe('the bundles and the files they load', () => {
  const bundles = readdirSync(dist).filter((f) => f.endsWith('.js'));
  it('every file a shipped bundle loads by a relative path exists and is shipped', () => {
    let loads = 0;
    for (const b of bundles.filter((f) => shipped.has(`dist/${f}`))) {
      const code = readFileSync(join(dist, b), 'utf8');
      for (const m of code.matchAll(/(?:require|import)\(["']\.\/([\w.-]+\.js)["']\)/g)) {
        loads++;
        expect(existsSync(join(dist, m[1])), `${b} loads ./${m[1]}`).toBe(true);
        expect(shipped.has(`dist/${m[1]}`), `${b} loads ./${m[1]}, which .vscodeignore leaves out`).toBe(true);
      }
    }
    // The program dist/cli.js runs dist/cliMain.js (by its path beside it, not a require).
    expect(shipped.has('dist/cliMain.js') && existsSync(join(dist, 'cliMain.js'))).toBe(true);
    // The CLI loads the importer, publish and yaml this way; the host and the worker yaml.
    expect(loads).toBeGreaterThanOrEqual(6);
  });
  it('the CLI reads front matter only the yaml library can read (an anchor) from dist/yamlLib.js', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cruxmap-yaml-'));
    writeFileSync(join(dir, 'a.md'), '---\ntitle: &t Anchored title\naliases: [*t, Second name]\n---\nClaim: Scheming is the central risk.\n');
    writeFileSync(join(dir, 'b.md'), 'Objection: It is not, see [[Second name]].\n');
    const r = spawnSync(process.execPath, [join(dist, 'cli.js'), 'export', dir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const graph = JSON.parse(r.stdout) as { files: { path: string; title?: string }[]; edges: unknown[]; diagnostics: { code: string }[] };
    expect(JSON.stringify(graph.files)).toContain('Anchored title');
    // The alias from the anchored list resolves: no dangling reference.
    expect(graph.diagnostics.map((d) => d.code)).not.toContain('dangling-ref');
  });
});
