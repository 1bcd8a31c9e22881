/**
 * A compact, JSON-safe form of a parsed Draft for parse caches: positional arrays instead of
 * keyed objects and every range in one flat list of numbers, so a cache of a thousand drafts
 * is a third of the size and loads several times faster. decodeDraft(encodeDraft(d)) equals d.
 */
import type { Diagnostic, DiagnosticCode, Draft, DraftElement, Position, Range, Reference, Severity } from '../model';
import { ELEMENT_KINDS } from '../model';

/** Bump when the encoding changes. */
export const DRAFT_CODEC_VERSION = 1;

const BLOCKS: readonly DraftElement['block'][] = ['paragraph', 'listItem', 'heading', 'blockquote'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** The encoded draft: [title, topics, eol CRLF, bom, elements, references, diagnostics, ranges]. */
export type EncodedDraft = [string, string[], 0 | 1, 0 | 1, unknown[][], unknown[][], unknown[][], number[]];

/** Whether two lists of strings are equal, item by item. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
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

/** The flat list of numbers being decoded, and the next one to read (decodeDraft runs to the end: nothing interleaves). */
let nums: number[] = [];
let at = 0;

/** The next position; one of `near`'s positions when it is the same place (positions are never mutated, so sharing them is safe and spares objects). */
function position(near: Range | undefined): Position {
  if (at + 2 > nums.length) throw new Error('ranges run out');
  const line = nums[at];
  const character = nums[at + 1];
  at += 2;
  if (near !== undefined) {
    if (near.start.line === line && near.start.character === character) return near.start;
    if (near.end.line === line && near.end.character === character) return near.end;
  }
  return { line, character };
}

function range(near?: Range): Range {
  const start = position(near);
  return { start, end: position(near) };
}

/** Decodes a draft written by encodeDraft; throws on a malformed value (callers treat that as a cache miss). */
export function decodeDraft(path: string, x: unknown): Draft {
  if (!Array.isArray(x) || x.length !== 8) throw new Error('not an encoded draft');
  // Indexed reads, not destructuring: a warm start runs this code cold, where iterators are slow.
  const title = x[0] as string;
  const topics = x[1] as string[];
  const els = x[4] as unknown[][];
  const refs = x[5] as unknown[][];
  const diags = x[6] as unknown[][];
  if (typeof title !== 'string' || !Array.isArray(topics) || !Array.isArray(els) || !Array.isArray(refs) || !Array.isArray(diags) || !Array.isArray(x[7])) {
    throw new Error('not an encoded draft');
  }
  nums = x[7] as number[];
  at = 0;
  const elements: DraftElement[] = [];
  for (const e of els) {
    const r = range();
    // A label starts its block, and a paragraph's full range is its range: most positions repeat.
    const labelRange = range(r);
    const fullRange = range(r);
    const elTopics = e[6] as 0 | string[];
    const el: DraftElement = {
      kind: ELEMENT_KINDS[e[0] as number],
      localId: e[1] as string,
      explicitId: e[2] === 1,
      text: e[3] as string,
      range: r,
      labelRange,
      fullRange,
      block: BLOCKS[e[4] as number],
      // Shared with the draft: nothing mutates topics after parsing.
      topics: elTopics === 0 ? topics : elTopics,
      references: e[7] as number[],
      structuralTarget: e[8] as number,
      structuralRule: e[9] as DraftElement['structuralRule'],
      containerParent: e[10] as number,
    };
    if (e[11]) el.idRange = range(r);
    if ((e[5] as number) >= 0) el.depth = e[5] as number;
    if (!el.kind || !el.block || typeof el.localId !== 'string' || typeof el.text !== 'string' || !Array.isArray(el.references)) throw new Error('bad element');
    elements.push(el);
  }
  const references: Reference[] = [];
  for (const e of refs) {
    const flags = e[5] as number;
    const ref: Reference = { syntax: e[0] === 1 ? 'link' : 'wikilink', target: e[1] as string, range: range(), element: e[4] as number };
    if (flags & 1) ref.idRange = range();
    if (flags & 2) ref.targetRange = range();
    if (e[2] !== null) ref.blockId = e[2] as string;
    if (e[3] !== null) ref.alias = e[3] as string;
    if (typeof ref.target !== 'string') throw new Error('bad reference');
    references.push(ref);
  }
  const diagnostics: Diagnostic[] = [];
  for (const e of diags) {
    const r = range();
    const severity = SEVERITIES[e[0] as number];
    if (!severity || typeof e[2] !== 'string') throw new Error('bad diagnostic');
    diagnostics.push({ file: path, range: r, severity, code: e[1] as DiagnosticCode, message: e[2] });
  }
  const left = at !== nums.length;
  nums = [];
  if (left) throw new Error('ranges left over');
  return { path, title, topics, elements, references, diagnostics, eol: x[2] === 1 ? '\r\n' : '\n', bom: x[3] === 1 };
}
