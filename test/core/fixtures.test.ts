/** Table-driven spec fixtures: every folder in test/fixtures holds drafts and an expected.json of the graph parts it checks. */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import type { ArgumentGraph, Draft, ElementKind, ParseOptions } from '../../extension/core/model';
import { parseDraft } from '../../extension/core/parse/parse';

const root = join(__dirname, '..', 'fixtures');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return markdownFiles(full);
    return /\.(md|markdown)$/.test(name) ? [full] : [];
  });
}

/** Compact, hand-writable views of a graph; expected.json may use these or the exact spec arrays. */
function views(g: ArgumentGraph, drafts: Draft[]): Record<string, unknown> {
  const at = (r: { start: { line: number; character: number } }) => `${r.start.line + 1}:${r.start.character + 1}`;
  return {
    ...g,
    // What the parser read, before the index resolves it: references (with embed and anchor) and aliases.
    referenceList: drafts.flatMap((d) =>
      d.references.map((r) => `${d.path}:${at(r.range)} ${r.syntax}${r.embed ? ' embed' : ''} '${r.target}'${r.blockId !== undefined ? ` ^${r.blockId}` : ''}${r.anchor !== undefined ? ` #${r.anchor}` : ''}`),
    ),
    aliasList: drafts.filter((d) => d.aliases).map((d) => `${d.path}: ${d.aliases!.join(' | ')}`),
    nodeList: g.nodes.map((n) => `${n.id} ${n.kind}${n.explicitId ? '' : ' (implicit)'}: ${n.text}`),
    edgeList: g.edges.map((e) => `${e.source} -${e.kind}-> ${e.target}`),
    disagreementList: g.disagreements.map((d) => `${d.a} <-> ${d.b} via ${d.via} by ${d.by}`),
    diagnosticList: g.diagnostics.map((d) => `${d.file}:${at(d.range)} ${d.severity} ${d.code}`),
    nodeTopics: Object.fromEntries(g.nodes.map((n) => [n.id, n.topics])),
  };
}

const cases = readdirSync(root).filter((c) => statSync(join(root, c)).isDirectory()).sort();

describe('spec fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(10);
  });
  for (const name of cases) {
    it(name, () => {
      const dir = join(root, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, unknown>;
      // Workspace label words, as .cruxmap.json gives them (its reading is the CLI's and the extension's; here only the labels).
      const config = join(dir, '.cruxmap.json');
      const options: ParseOptions | undefined = existsSync(config)
        ? { labels: Object.fromEntries(Object.entries((JSON.parse(readFileSync(config, 'utf8')) as { labels: Record<string, ElementKind> }).labels).map(([k, v]) => [k.toLowerCase(), v])) }
        : undefined;
      const index = new WorkspaceIndex((text, path) => parseDraft(text, path, options));
      for (const file of markdownFiles(dir)) index.setDraft(relative(dir, file).split('\\').join('/'), readFileSync(file, 'utf8'));
      const actual = views(index.getGraph(), index.paths().map((p) => index.getDraft(p)!));
      const keys = Object.keys(expected).filter((k) => k !== 'about');
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(actual[key], `${name}: ${key}`).toEqual(expected[key]);
    });
  }
});
