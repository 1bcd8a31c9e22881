/** Language features computed by the core, on fixture workspaces of real markdown. */
import { describe, expect, it } from 'vitest';
import { WorkspaceIndex } from '../../../extension/core/index/workspaceIndex';
import {
  codeLensFor,
  completionsAt,
  definitionAt,
  documentSymbols,
  foldingRanges,
  hoverAt,
  quickFixesFor,
  referencesAt,
  workspaceSymbols,
} from '../../../extension/core/features/language';
import { applyTextEdits } from '../../../extension/core/features/edits';

const FILES: Record<string, string> = {
  'scheming.md': [
    '---', 'title: Scheming first', '---', '',
    '## Claim: Scheming is the central risk. ^central', '',
    '- Support: evals cannot see a schemer.',
    '- Objection: reward hacking matters as much. ^reward',
    '  - Reply: it is easier to iterate on.',
    '- Objection: models are not that situationally aware.', '',
  ].join('\n'),
  'notes/outer.md': [
    '# Outer alignment', '',
    'Claim: Outer alignment matters more. ^outer', '',
    'Objection: [[scheming#^central]] overrates deception.', '',
    'Crux: which dominates? [[scheming#^central]] vs [[#^outer]]', '',
    'Support: [[scheming#^centrl]] is a typo.', '',
  ].join('\n'),
};

function index(files = FILES): WorkspaceIndex {
  const i = new WorkspaceIndex();
  for (const [p, t] of Object.entries(files)) i.setDraft(p, t);
  return i;
}
const line = (path: string, n: number) => FILES[path].split('\n')[n];

describe('completion', () => {
  it('offers drafts after [[ by their shortest name', () => {
    const c = completionsAt(index(), 'notes/outer.md', 'See [[sch', { line: 10, character: 9 });
    expect(c.map((x) => [x.label, x.detail])).toEqual([
      ['scheming', 'Scheming first'],
      ['outer', 'Outer alignment'],
    ]);
    expect(c[0].range).toEqual({ start: { line: 10, character: 6 }, end: { line: 10, character: 9 } });
  });
  it('offers the ids of the named draft after #^, with kind and text', () => {
    const c = completionsAt(index(), 'notes/outer.md', 'See [[scheming#^', { line: 10, character: 16 });
    expect(c.map((x) => [x.label, x.detail, x.documentation])).toEqual([
      ['central', 'claim', 'Scheming is the central risk.'],
      ['evals-cannot-see-a-schemer', 'support (implicit id)', 'evals cannot see a schemer.'],
      ['reward', 'objection', 'reward hacking matters as much.'],
      ['it-is-easier-to-iterate-on', 'reply (implicit id)', 'it is easier to iterate on.'],
      ['models-are-not-that-situationally-aware', 'objection (implicit id)', 'models are not that situationally aware.'],
    ]);
    const same = completionsAt(index(), 'notes/outer.md', 'x [[#^ou', { line: 10, character: 8 });
    expect(same.map((x) => x.label)).toContain('outer');
    expect(same[0].range.start.character).toBe(6);
    const link = completionsAt(index(), 'notes/outer.md', '[t](../scheming.md#^', { line: 10, character: 20 });
    expect(link.map((x) => x.label)[0]).toBe('central');
  });
  it('offers label words at a label position', () => {
    expect(completionsAt(index(), 'scheming.md', '- Ob', { line: 3, character: 4 }).map((x) => x.insertText)).toEqual(['Objection: ']);
    expect(completionsAt(index(), 'scheming.md', '**Cr', { line: 3, character: 4 }).map((x) => x.insertText)).toEqual(['**Crux:** ']);
    expect(completionsAt(index(), 'scheming.md', 'The text', { line: 3, character: 8 })).toEqual([]);
  });
});

describe('definition, references, hover', () => {
  it('goes from a reference to its element in another file', () => {
    const at = { line: 4, character: line('notes/outer.md', 4).indexOf('central') };
    expect(definitionAt(index(), 'notes/outer.md', at)).toEqual({ file: 'scheming.md', range: { start: { line: 4, character: 0 }, end: { line: 4, character: 48 } } });
    expect(definitionAt(index(), 'notes/outer.md', { line: 2, character: 3 })).toBeUndefined();
  });
  it('finds every reference and every edge pointing to an element', () => {
    const refs = referencesAt(index(), 'scheming.md', { line: 4, character: 12 });
    expect(refs.map((r) => `${r.file}:${r.range.start.line}:${r.range.start.character}`)).toEqual([
      'notes/outer.md:4:0', // the objection, an edge source
      'notes/outer.md:4:11', // its reference
      'notes/outer.md:6:23', // the crux's reference
      'notes/outer.md:6:0', // the crux, an edge source
      'scheming.md:6:2',
      'scheming.md:7:2',
      'scheming.md:9:2',
    ].sort((a, b) => (a < b ? -1 : 1)).sort((a, b) => { const [fa, la, ca] = a.split(':'); const [fb, lb, cb] = b.split(':'); return fa < fb ? -1 : fa > fb ? 1 : Number(la) - Number(lb) || Number(ca) - Number(cb); }));
  });
  it('hovers with kind, text, file and counts, escaping the text', () => {
    const h = hoverAt(index(), 'scheming.md', { line: 4, character: 5 })!;
    expect(h.node.id).toBe('scheming.md#^central');
    expect(h.counts).toEqual({ supports: 1, objections: 3, unanswered: 2, disagreements: 2, disagreementFiles: ['notes/outer.md'] });
    expect(h.markdown).toBe('**Claim** `^central` in *Scheming first* (scheming\\.md:5)\n\nScheming is the central risk\\.\n\n1 support · 3 objections (2 unanswered) · 2 disagreements');
    const onRef = hoverAt(index(), 'notes/outer.md', { line: 6, character: 30 })!;
    expect(onRef.node.id).toBe('scheming.md#^central');
  });
});

describe('symbols, CodeLens, folding', () => {
  it('shows the argument tree of a file', () => {
    const tree = documentSymbols(index(), 'scheming.md');
    const show = (s: ReturnType<typeof documentSymbols>[number], d = 0): string[] => [`${'  '.repeat(d)}${s.kind}: ${s.name}`, ...s.children.flatMap((c) => show(c, d + 1))];
    expect(tree.flatMap((s) => show(s))).toEqual([
      'claim: Scheming is the central risk.',
      '  support: evals cannot see a schemer.',
      '  objection: reward hacking matters as much.',
      '    reply: it is easier to iterate on.',
      '  objection: models are not that situationally aware.',
    ]);
  });
  it('finds claims first by fuzzy text or id', () => {
    expect(workspaceSymbols(index(), 'outer').map((n) => n.id)).toEqual(['notes/outer.md#^outer', 'notes/outer.md#^which-dominates-schemingcentral-vs-outer']);
    expect(workspaceSymbols(index(), 'schmcntrl').map((n) => n.id)[0]).toBe('scheming.md#^central');
  });
  it('writes the CodeLens line above each claim', () => {
    expect(codeLensFor(index(), 'scheming.md').map((l) => l.title)).toEqual(['1 support · 3 objections (2 unanswered) · disagreed in 1 file']);
    expect(codeLensFor(index(), 'notes/outer.md').map((l) => l.title)).toEqual(['disagreed in 1 file']);
    expect(codeLensFor(index({ 'a.md': 'Claim: alone.\n' }), 'a.md').map((l) => l.title)).toEqual(['no supports or objections yet']);
  });
  it('folds an element with its nested replies', () => {
    expect(foldingRanges(index(), 'scheming.md')).toEqual([
      { start: 4, end: 9 },
      { start: 7, end: 8 },
    ]);
  });
});

describe('quick fixes', () => {
  it('dangling-ref: the closest ids, as an edit of the reference', () => {
    const i = index();
    const d = i.diagnosticsFor('notes/outer.md').find((x) => x.code === 'dangling-ref')!;
    const fixes = quickFixesFor(i, d);
    expect(fixes[0].title).toMatch(/^Change to \^central/);
    expect(fixes[0].preferred).toBe(true);
    const fixed = applyTextEdits(FILES['notes/outer.md'], fixes[0].edits![0].edits);
    expect(fixed).toContain('Support: [[scheming#^central]] is a typo.');
  });
  it('dangling-ref to a missing file: the closest file names', () => {
    const i = index({ ...FILES, 'c.md': 'See [[schemin]].\n' });
    const d = i.diagnosticsFor('c.md')[0];
    const fixes = quickFixesFor(i, d);
    expect(applyTextEdits('See [[schemin]].\n', fixes[0].edits![0].edits)).toBe('See [[scheming]].\n');
  });
  it('duplicate-id: rename this one; orphan-element: link it', () => {
    const files = { 'd.md': 'Claim: a ^x\n\nClaim: b ^x\n\n# H\n\nSupport: alone.\n' };
    const i = index(files);
    const dups = i.diagnosticsFor('d.md').filter((x) => x.code === 'duplicate-id');
    const fix = quickFixesFor(i, dups[1])[0];
    expect(fix.title).toBe('Rename this id to ^x-3');
    expect(applyTextEdits(files['d.md'], fix.edits![0].edits)).toBe('Claim: a ^x\n\nClaim: b ^x-3\n\n# H\n\nSupport: alone.\n');
    const orphan = i.diagnosticsFor('d.md').find((x) => x.code === 'orphan-element')!;
    expect(quickFixesFor(i, orphan)[0].command).toEqual({ id: 'cruxmap.linkDisagreement', args: [] });
  });
});
