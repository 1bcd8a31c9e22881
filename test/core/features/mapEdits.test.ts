/** Map edits on exact texts: add an answer, connect, change kind, remove a label; each file's new text byte for byte (CRLF, BOM) and the graph it parses to. */
import { describe, expect, it } from 'vitest';
import { WorkspaceIndex } from '../../../extension/core/index/workspaceIndex';
import { applyTextEdits, EditError, type FileEdit } from '../../../extension/core/features/edits';
import { addElementEdits, changeKindEdits, connectEdits, removeLabelEdits } from '../../../extension/core/features/mapEdits';

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [p, t] of Object.entries(files)) index.setDraft(p, t);
  return index;
}

function apply(files: Record<string, string>, edits: FileEdit[]): Record<string, string> {
  const out = { ...files };
  for (const fe of edits) out[fe.path] = applyTextEdits(out[fe.path], fe.edits);
  return out;
}

/** The graph's edges as `source kind target` lines, sorted. */
function edgesOf(files: Record<string, string>): string[] {
  return indexOf(files).getGraph().edges.map((e) => `${e.source} ${e.kind} ${e.target}`).sort();
}

function nodesOf(files: Record<string, string>): string[] {
  return indexOf(files).getGraph().nodes.map((n) => `${n.id} ${n.kind}`).sort();
}

const LIST = '# Risks\n\n- Claim: Scheming is the central risk. ^central\n  - Support: models already game evaluations.\n- Claim: Another claim. ^another\n';

describe('addElementEdits', () => {
  it('under a list item: a nested item, its last child, target by nesting', () => {
    const files = { 'a.md': LIST };
    const plan = addElementEdits(indexOf(files), 'a.md#^central', 'objection', 'iteration  catches\nmistakes in time.');
    const out = apply(files, plan.edits);
    expect(out['a.md']).toBe('# Risks\n\n- Claim: Scheming is the central risk. ^central\n  - Support: models already game evaluations.\n  - Objection: iteration catches mistakes in time.\n- Claim: Another claim. ^another\n');
    expect(edgesOf(out)).toContain('a.md#^iteration-catches-mistakes-in-time a.md#^central'.replace(' a.md', ' objects a.md'));
    expect(plan.cursor).toEqual({ path: 'a.md', position: { line: 4, character: 50 } });
  });

  it('under a nested item, with an ordered list marker', () => {
    const files = { 'a.md': '1. Claim: C. ^c\n   - Objection: O. ^o\n2. Claim: D.\n' };
    const out = apply(files, addElementEdits(indexOf(files), 'a.md#^o', 'reply', 'R.').edits);
    expect(out['a.md']).toBe('1. Claim: C. ^c\n   - Objection: O. ^o\n     - Reply: R.\n2. Claim: D.\n');
    expect(edgesOf(out)).toEqual(['a.md#^o objects a.md#^c', 'a.md#^r replies a.md#^o']);
  });

  it('after a paragraph claim: a paragraph, target by the section rule', () => {
    const files = { 'p.md': 'Claim: Paragraph claim. ^pc\n\nSome prose.\n' };
    const out = apply(files, addElementEdits(indexOf(files), 'p.md#^pc', 'support', 'A reason.').edits);
    expect(out['p.md']).toBe('Claim: Paragraph claim. ^pc\n\nSupport: A reason.\n\nSome prose.\n');
    expect(edgesOf(out)).toEqual(['p.md#^a-reason supports p.md#^pc']);
  });

  it('after a paragraph objection: the rules would pick the claim, so the new element references it (its id made explicit)', () => {
    const files = { 'p.md': 'Claim: C. ^c\n\nObjection: Not so.\n' };
    const out = apply(files, addElementEdits(indexOf(files), 'p.md#^not-so', 'objection', 'Also wrong.').edits);
    expect(out['p.md']).toBe('Claim: C. ^c\n\nObjection: Not so. ^not-so\n\nObjection: Also wrong. [[#^not-so]]\n');
    expect(edgesOf(out)).toEqual(['p.md#^also-wrong-notso objects p.md#^not-so', 'p.md#^not-so objects p.md#^c']);
  });

  it('after a heading: a paragraph under it, target by the heading rule', () => {
    const files = { 'h.md': '## Claim: Heading claim ^hc\n\nProse.\n\n## Other\n' };
    const out = apply(files, addElementEdits(indexOf(files), 'h.md#^hc', 'question', 'Is it?').edits);
    expect(out['h.md']).toBe('## Claim: Heading claim ^hc\n\nQuestion: Is it?\n\nProse.\n\n## Other\n');
    expect(edgesOf(out)).toEqual(['h.md#^is-it questions h.md#^hc']);
  });

  it('in a blockquote: a quoted paragraph, target by the quote rule', () => {
    const files = { 'q.md': '> Claim: Quoted. ^q\n\nAfter.\n' };
    const out = apply(files, addElementEdits(indexOf(files), 'q.md#^q', 'objection', 'Unquoted?').edits);
    expect(out['q.md']).toBe('> Claim: Quoted. ^q\n>\n> Objection: Unquoted?\n\nAfter.\n');
    expect(edgesOf(out)).toEqual(['q.md#^unquoted objects q.md#^q']);
  });

  it('keeps CRLF and a BOM byte for byte', () => {
    const files = { 'w.md': '\ufeff- Claim: Windows. ^w\r\n- Claim: Next.\r\n' };
    const out = apply(files, addElementEdits(indexOf(files), 'w.md#^w', 'support', 'CRLF reason.').edits);
    expect(out['w.md']).toBe('\ufeff- Claim: Windows. ^w\r\n  - Support: CRLF reason.\r\n- Claim: Next.\r\n');
    expect(edgesOf(out)).toEqual(['w.md#^crlf-reason supports w.md#^w']);
  });

  it('gives the new element an explicit id when its implicit one would rename a later element', () => {
    const files = { 'd.md': '- Claim: C. ^c\n\nObjection: same words here.\n' };
    const out = apply(files, addElementEdits(indexOf(files), 'd.md#^c', 'objection', 'same words here.').edits);
    expect(out['d.md']).toBe('- Claim: C. ^c\n  - Objection: same words here. ^same-words-here-2\n\nObjection: same words here.\n');
    expect(nodesOf(out)).toEqual(['d.md#^c claim', 'd.md#^same-words-here objection', 'd.md#^same-words-here-2 objection']);
  });

  it('refuses an unknown id and an empty text', () => {
    const index = indexOf({ 'a.md': LIST });
    expect(() => addElementEdits(index, 'a.md#^nope', 'support', 'x')).toThrow(/No element a.md#\^nope/);
    expect(() => addElementEdits(index, 'a.md#^central', 'support', '   ')).toThrow(EditError);
  });
});

describe('connectEdits', () => {
  it('across files: a reference in the element, the target gets an explicit id, the structural target is kept', () => {
    const files = { 'a.md': LIST, 'b.md': 'Claim: Outer alignment matters more.\n' };
    const plan = connectEdits(indexOf(files), 'a.md#^models-already-game-evaluations', 'b.md#^outer-alignment-matters-more', 'supports');
    const out = apply(files, plan.edits);
    expect(out['a.md']).toBe('# Risks\n\n- Claim: Scheming is the central risk. ^central\n  - Support: models already game evaluations. [[#^central]] [[b#^outer-alignment-matters-more]] ^models-already-game-evaluations\n- Claim: Another claim. ^another\n');
    expect(out['b.md']).toBe('Claim: Outer alignment matters more. ^outer-alignment-matters-more\n');
    const edges = edgesOf(out);
    expect(edges).toContain('a.md#^models-already-game-evaluations supports a.md#^central');
    expect(edges).toContain('a.md#^models-already-game-evaluations supports b.md#^outer-alignment-matters-more');
  });

  it('writes before an explicit id marker, and changes the label when the relation needs another kind', () => {
    const files = { 'a.md': 'Claim: A. ^a\n\nClaim: B. ^b\n' };
    const plan = connectEdits(indexOf(files), 'a.md#^b', 'a.md#^a', 'objects');
    const out = apply(files, plan.edits);
    expect(out['a.md']).toBe('Claim: A. ^a\n\nObjection: B. [[#^a]] ^b\n');
    expect(edgesOf(out)).toEqual(['a.md#^b objects a.md#^a']);
    expect(plan.note).toMatch(/became an objection/);
  });

  it('crux: a new crux after the element that references both', () => {
    const files = { 'a.md': 'Claim: A. ^a\n', 'b.md': 'Claim: B. ^b\n' };
    const out = apply(files, connectEdits(indexOf(files), 'a.md#^a', 'b.md#^b', 'crux').edits);
    expect(out['a.md']).toBe('Claim: A. ^a\n\nCrux: [[b#^b]] vs [[#^a]]\n');
    expect(edgesOf(out)).toEqual(['a.md#^bb-vs-a crux a.md#^a', 'a.md#^bb-vs-a crux b.md#^b']);
  });

  it('keeps CRLF and BOM in both files', () => {
    const files = { 'w.md': '\ufeffClaim: W. ^w\r\n\r\nObjection: O. ^o\r\n', 'v.md': '\ufeffClaim: V.\r\n' };
    const out = apply(files, connectEdits(indexOf(files), 'w.md#^o', 'v.md#^v', 'objects').edits);
    expect(out['w.md']).toBe('\ufeffClaim: W. ^w\r\n\r\nObjection: O. [[#^w]] [[v#^v]] ^o\r\n');
    expect(out['v.md']).toBe('\ufeffClaim: V. ^v\r\n');
    expect(edgesOf(out)).toEqual(['w.md#^o objects v.md#^v', 'w.md#^o objects w.md#^w']);
  });

  it('refuses an unknown id, itself, and a connection that exists', () => {
    const index = indexOf({ 'a.md': LIST });
    expect(() => connectEdits(index, 'a.md#^central', 'a.md#^gone', 'supports')).toThrow(/No element/);
    expect(() => connectEdits(index, 'a.md#^central', 'a.md#^central', 'supports')).toThrow(EditError);
    expect(() => connectEdits(index, 'a.md#^models-already-game-evaluations', 'a.md#^central', 'supports')).toThrow(/already connected/);
  });
});

describe('changeKindEdits and removeLabelEdits', () => {
  it('changes the label of a list item, a heading and an emphasised label', () => {
    const files = { 'k.md': '## Claim: Head ^h\n\n- **Objection:** bold one. ^b\n' };
    const index = indexOf(files);
    expect(apply(files, changeKindEdits(index, 'k.md#^h', 'question').edits)['k.md']).toBe('## Question: Head ^h\n\n- **Objection:** bold one. ^b\n');
    const out = apply(files, changeKindEdits(index, 'k.md#^b', 'reply').edits);
    expect(out['k.md']).toBe('## Claim: Head ^h\n\n- Reply: bold one. ^b\n');
    expect(edgesOf(out)).toEqual(['k.md#^b replies k.md#^h']);
    expect(() => changeKindEdits(index, 'k.md#^h', 'claim')).toThrow(/already a claim/);
  });

  it('removes the label (and an unreferenced id): the text stays, the node goes', () => {
    const files = { 'r.md': '- Claim: C. ^c\n  - Objection: drop me. ^d\n' };
    const out = apply(files, removeLabelEdits(indexOf(files), 'r.md#^d').edits);
    expect(out['r.md']).toBe('- Claim: C. ^c\n  - drop me.\n');
    expect(nodesOf(out)).toEqual(['r.md#^c claim']);
  });

  it('keeps a referenced id and says the references now dangle; CRLF kept', () => {
    const files = { 'r.md': '\ufeffClaim: C. ^c\r\n\r\n> Objection: quoted. ^q\r\n', 's.md': 'Reply: [[r#^q]]\n' };
    const plan = removeLabelEdits(indexOf(files), 'r.md#^q');
    const out = apply(files, plan.edits);
    expect(out['r.md']).toBe('\ufeffClaim: C. ^c\r\n\r\n> quoted. ^q\r\n');
    expect(plan.note).toMatch(/1 reference to it now points to no element/);
    expect(nodesOf(out)).toEqual(['r.md#^c claim', 's.md#^rq reply']);
  });
});
