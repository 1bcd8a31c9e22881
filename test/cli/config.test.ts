/** The CLI with a workspace's .cruxmap.json (spec 1.1 section 1): found in the first directory argument or given with --config FILE, its label words in every parse, its problems reported as bad-config like any other diagnostic. */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDraft } from '../../extension/core/parse/parse';
import { ensureCliBuilt, runCli as run, tempWorkspace } from '../support/cli';

const workspace = (files: Record<string, string | Buffer>) => tempWorkspace(files, 'cruxmap-config-');



const DRAFT = '# Notes\n\nUpshot: interpretability is worth funding. ^upshot\n\nRejoinder: only if it scales.\n\nClaim: a plain claim.\n';
const LABELS = JSON.stringify({ labels: { Upshot: 'claim', Rejoinder: 'objection' } });
/** Whether the parser in this build reads workspace label words yet (markup spec 1.1; the parser's own change). */
const parserReadsLabels = parseDraft('Upshot: x\n', 'a.md', { labels: { upshot: 'claim' } }).elements.length === 1;

beforeAll(ensureCliBuilt);

describe('cruxmap and .cruxmap.json', () => {
  it.skipIf(!parserReadsLabels)("reads the first directory's label words, or --config FILE's, into every parse", () => {
    const dir = workspace({ '.cruxmap.json': LABELS, 'posts/a.md': DRAFT });
    const kinds = (stdout: string) => (JSON.parse(stdout) as { nodes: { localId: string; kind: string }[] }).nodes.map((n) => `${n.localId}:${n.kind}`);
    const r = run(['export', dir]);
    expect(r.code).toBe(0);
    expect(kinds(r.stdout)).toEqual(['upshot:claim', 'only-if-it-scales:objection', 'a-plain-claim:claim']);
    // Without the file only the spec's words count; --config gives another file.
    const bare = workspace({ 'posts/a.md': DRAFT });
    expect(kinds(run(['export', bare]).stdout)).toEqual(['a-plain-claim:claim']);
    expect(kinds(run(['export', bare, '--config', join(dir, '.cruxmap.json')]).stdout)).toEqual(kinds(r.stdout));
  });

  it('reports a malformed .cruxmap.json as a bad-config warning on the file, in check and export, and goes on without it', () => {
    const dir = workspace({ '.cruxmap.json': '{\n  "labels": {\n    "Upshot": "clam"\n  }\n}\n', 'a.md': DRAFT });
    const check = run(['check', dir]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('.cruxmap.json:3:5: warning bad-config: Label "Upshot" in .cruxmap.json maps to "clam", which is no kind');
    expect(check.stderr).toMatch(/1 warning/);
    expect(run(['check', dir, '--max-warnings', '0']).code).toBe(1);
    const exported = JSON.parse(run(['export', dir]).stdout) as { nodes: unknown[]; diagnostics: { file: string; code: string; severity: string }[] };
    expect(exported.diagnostics.map((d) => [d.file, d.code, d.severity])).toEqual([['.cruxmap.json', 'bad-config', 'warning']]);
    expect(exported.nodes).toHaveLength(1);
    // Not JSON at all: one warning, and the drafts are read with the spec's words alone.
    const broken = workspace({ '.cruxmap.json': '{ labels: }', 'a.md': DRAFT });
    const r = run(['check', broken, '--format', 'json']);
    const json = JSON.parse(r.stdout) as { warnings: number; diagnostics: { file: string; code: string; message: string }[] };
    expect(json.warnings).toBe(1);
    expect(json.diagnostics[0]).toMatchObject({ file: '.cruxmap.json', code: 'bad-config' });
    expect(json.diagnostics[0].message).toMatch(/is not valid JSON/);
  });

  it('sorts the config diagnostic among the drafts\' by file', () => {
    const dir = workspace({ '.cruxmap.json': '[]', 'a.md': 'Objection: to nothing at all.\n', 'z.md': 'Reply: also to nothing.\n' });
    const files = (JSON.parse(run(['export', dir]).stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file);
    expect(files).toEqual([...files].sort());
    expect(files).toContain('.cruxmap.json');
  });

  it('fails with a usage error when --config FILE cannot be read', () => {
    const dir = workspace({ 'a.md': DRAFT });
    const r = run(['check', dir, '--config', join(dir, 'missing.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read the config file .*missing\.json \(ENOENT\)/);
  });

  it('never reuses cached drafts parsed with other label words', () => {
    const dir = workspace({ '.cruxmap.json': LABELS, 'a.md': DRAFT });
    const cache = mkdtempSync(join(tmpdir(), 'cruxmap-config-cache-'));
    const first = run(['export', dir, '--cache', cache]);
    const before = readFileSync(join(cache, 'cruxmap-parse-cache.jsonl'), 'utf8');
    writeFileSync(join(dir, '.cruxmap.json'), JSON.stringify({ labels: { Upshot: 'question' } }));
    const second = run(['export', dir, '--cache', cache]);
    expect(readFileSync(join(cache, 'cruxmap-parse-cache.jsonl'), 'utf8')).not.toBe(before);
    // The same as without any cache.
    expect(second.stdout).toBe(run(['export', dir]).stdout);
    if (parserReadsLabels) expect(second.stdout).not.toBe(first.stdout);
  });
});
