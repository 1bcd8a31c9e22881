/**
 * A compact, JSON-safe form of a parsed Draft for parse caches: positional arrays instead of
 * keyed objects and every range in one flat list of numbers, so a cache of a thousand drafts
 * is a third of the size and loads several times faster. decodeDraft(encodeDraft(d)) equals d.
 */
import type { Diagnostic, DiagnosticCode, Draft, DraftElement, Position, Range, Reference, Severity } from '../model';
import { ELEMENT_KINDS } from '../model';

/** Bump when the encoding changes. 2: references carry embed and anchor, drafts their aliases; named positions. */
export const DRAFT_CODEC_VERSION = 2;

/** Positions in an encoded draft. */
export const D = { title: 0, topics: 1, crlf: 2, bom: 3, elements: 4, references: 5, diagnostics: 6, ranges: 7, aliases: 8 } as const;
/** Positions in an encoded element. */
export const E = { kind: 0, localId: 1, explicit: 2, text: 3, block: 4, depth: 5, topics: 6, references: 7, target: 8, rule: 9, container: 10, hasIdRange: 11 } as const;
/** Positions in an encoded reference; `flags` bits: 1 idRange, 2 targetRange, 4 embed. */
export const R = { link: 0, target: 1, blockId: 2, alias: 3, element: 4, flags: 5, anchor: 6 } as const;
/** Positions in an encoded diagnostic. */
export const G = { severity: 0, code: 1, message: 2 } as const;
const DRAFT_LENGTH = 9;

const BLOCKS: readonly DraftElement['block'][] = ['paragraph', 'listItem', 'heading', 'blockquote'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** The encoded draft: [title, topics, eol CRLF, bom, elements, references, diagnostics, ranges, aliases] (positions in `D`). */
export type EncodedDraft = [string, string[], 0 | 1, 0 | 1, unknown[][], unknown[][], unknown[][], number[], string[] | 0];

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
    return [r.syntax === 'link' ? 1 : 0, r.target, r.blockId ?? null, r.alias ?? null, r.element, (r.idRange ? 1 : 0) | (r.targetRange ? 2 : 0) | (r.embed ? 4 : 0), r.anchor ?? null];
  });
  const diagnostics = d.diagnostics.map((x) => {
    range(x.range);
    return [SEVERITIES.indexOf(x.severity), x.code, x.message];
  });
  return [d.title, d.topics, d.eol === '\r\n' ? 1 : 0, d.bom ? 1 : 0, elements, references, diagnostics, nums, d.aliases ?? 0];
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
  if (!Array.isArray(x) || x.length !== DRAFT_LENGTH) throw new Error('not an encoded draft');
  // Indexed reads, not destructuring: a warm start runs this code cold, where iterators are slow.
  const title = x[D.title] as string;
  const topics = x[D.topics] as string[];
  const els = x[D.elements] as unknown[][];
  const refs = x[D.references] as unknown[][];
  const diags = x[D.diagnostics] as unknown[][];
  const aliases = x[D.aliases] as string[] | 0;
  if (typeof title !== 'string' || !Array.isArray(topics) || !Array.isArray(els) || !Array.isArray(refs) || !Array.isArray(diags) || !Array.isArray(x[D.ranges])) {
    throw new Error('not an encoded draft');
  }
  if (aliases !== 0 && !(Array.isArray(aliases) && aliases.every((a) => typeof a === 'string'))) throw new Error('bad aliases');
  nums = x[D.ranges] as number[];
  at = 0;
  const elements: DraftElement[] = [];
  for (const e of els) {
    const r = range();
    // A label starts its block, and a paragraph's full range is its range: most positions repeat.
    const labelRange = range(r);
    const fullRange = range(r);
    const elTopics = e[E.topics] as 0 | string[];
    const el: DraftElement = {
      kind: ELEMENT_KINDS[e[E.kind] as number],
      localId: e[E.localId] as string,
      explicitId: e[E.explicit] === 1,
      text: e[E.text] as string,
      range: r,
      labelRange,
      fullRange,
      block: BLOCKS[e[E.block] as number],
      // Shared with the draft: nothing mutates topics after parsing.
      topics: elTopics === 0 ? topics : elTopics,
      references: e[E.references] as number[],
      structuralTarget: e[E.target] as number,
      structuralRule: e[E.rule] as DraftElement['structuralRule'],
      containerParent: e[E.container] as number,
    };
    if (e[E.hasIdRange]) el.idRange = range(r);
    if ((e[E.depth] as number) >= 0) el.depth = e[E.depth] as number;
    if (!el.kind || !el.block || typeof el.localId !== 'string' || typeof el.text !== 'string' || !Array.isArray(el.references)) throw new Error('bad element');
    elements.push(el);
  }
  const references: Reference[] = [];
  for (const e of refs) {
    const flags = e[R.flags] as number;
    const ref: Reference = { syntax: e[R.link] === 1 ? 'link' : 'wikilink', target: e[R.target] as string, range: range(), element: e[R.element] as number };
    if (flags & 1) ref.idRange = range();
    if (flags & 2) ref.targetRange = range();
    if (e[R.blockId] !== null) ref.blockId = e[R.blockId] as string;
    if (e[R.alias] !== null) ref.alias = e[R.alias] as string;
    if (flags & 4) ref.embed = true;
    if (e[R.anchor] !== null) ref.anchor = e[R.anchor] as string;
    if (typeof ref.target !== 'string' || (ref.anchor !== undefined && typeof ref.anchor !== 'string') || e.length !== 7) throw new Error('bad reference');
    references.push(ref);
  }
  const diagnostics: Diagnostic[] = [];
  for (const e of diags) {
    const r = range();
    const severity = SEVERITIES[e[G.severity] as number];
    const message = e[G.message];
    if (!severity || typeof message !== 'string') throw new Error('bad diagnostic');
    diagnostics.push({ file: path, range: r, severity, code: e[G.code] as DiagnosticCode, message });
  }
  const left = at !== nums.length;
  nums = [];
  if (left) throw new Error('ranges left over');
  const draft: Draft = { path, title, topics, elements, references, diagnostics, eol: x[D.crlf] === 1 ? '\r\n' : '\n', bom: x[D.bom] === 1 };
  if (aliases !== 0) draft.aliases = aliases;
  return draft;
}
