/** Turning suggestions into markup: the label on each block and, where the markup rules would not give the suggested target by themselves, a reference to it (with an explicit id on the target). Pure: text edits out. */
import type { Draft, ElementKind, Position } from '../model';
import { applyTextEdits, type TextEdit } from '../features/edits';
import { KIND_TITLE } from '../wording';
import { parseDraft } from '../parse/parse';
import type { Suggestion } from './suggest';

/** How a code action names the relation to the target. */
const RELATION: Record<ElementKind, string> = {
  claim: 'under',
  support: 'supports',
  objection: 'answers',
  reply: 'answers',
  question: 'asks about',
  crux: 'between',
};

/** A target's text cut for a title: the first words, in typographic quotes. */
export function quoteShort(text: string, max = 40): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `“${t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t}”`;
}

/** Where a block's text ends: its range's end, before an explicit ` ^id` marker if it has one. */
function endOfText(text: string, s: Suggestion): Position {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = s.range.end;
  const lines = src.split(/\r\n|\n|\r/);
  const before = (lines[end.line] ?? '').slice(0, end.character);
  const marker = /\s\^[A-Za-z0-9][A-Za-z0-9-]*$/.exec(before);
  return marker ? { line: end.line, character: marker.index } : end;
}

/** The title of the code action that accepts one suggestion, e.g. `Mark as Objection (answers “alignment is easier at lower…”)`. */
export function acceptTitle(s: Suggestion, all: readonly Suggestion[]): string {
  const label = KIND_TITLE[s.kind];
  if (!s.target) return `Mark as ${label} (suggested)`;
  const also = s.target.suggestion >= 0 ? `; marks that as ${KIND_TITLE[all[s.target.suggestion].kind]} too` : '';
  return `Mark as ${label} (${RELATION[s.kind]} ${quoteShort(s.target.text)}${also})`;
}

/** The faded hint at the start of a block, e.g. `objection? → “alignment is easier at lower…”`. */
export function hintText(s: Suggestion): string {
  return s.target ? `${s.kind}? → ${quoteShort(s.target.text, 32)}` : `${s.kind}?`;
}

/**
 * The edits that accept `chosen` suggestions (all from `all`, the suggester's output for
 * `text`): a label at the start of each block; a chosen suggestion whose target is a
 * suggested block marks that block too when `withTargets` (else it keeps no target).
 * After labeling, the draft is parsed again: where the markup rules (spec section 4, rules
 * 2-4) give the suggested target, nothing more is written; otherwise a `[[#^id]]` reference
 * follows the label and the target gets its explicit id, so the graph has exactly the
 * suggested edge. Positions are those of `text` (no BOM); apply them together.
 */
export function acceptEdits(text: string, path: string, chosen: readonly Suggestion[], all: readonly Suggestion[], withTargets = true): TextEdit[] {
  const marked = new Map<number, Suggestion>();
  for (const s of chosen) marked.set(s.range.start.line, s);
  if (withTargets) {
    for (const s of chosen) {
      const t = s.target && s.target.suggestion >= 0 ? all[s.target.suggestion] : undefined;
      if (t && !marked.has(t.range.start.line)) marked.set(t.range.start.line, t);
    }
  }
  // First the labels alone; the labeled text tells which targets the markup rules already give.
  const labels = new Map<number, { at: Position; text: string }>();
  for (const [line, s] of marked) labels.set(line, { at: s.contentStart, text: `${KIND_TITLE[s.kind]}: ` });
  const labelEdits = [...labels.values()].map((l) => ({ range: { start: l.at, end: l.at }, newText: l.text }));
  const labeled: Draft = parseDraft(applyTextEdits(text, labelEdits), path);
  const elementAt = new Map<number, number>();
  labeled.elements.forEach((e, i) => elementAt.set(e.range.start.line, i));

  const idEdits: TextEdit[] = [];
  // The reference goes at the end of the block's text, so its implicit id still comes from its own words.
  const refEdits: TextEdit[] = [];
  const withId = new Set<number>();
  for (const s of chosen) {
    if (!s.target || s.kind === 'crux' || s.kind === 'claim') continue;
    if (s.target.suggestion >= 0 && !marked.has(s.target.line)) continue;
    const self = elementAt.get(s.range.start.line);
    const target = elementAt.get(s.target.line);
    if (self === undefined || target === undefined || self === target) continue;
    const el = labeled.elements[self];
    // References the writer already wrote decide (rule 1); the rules 2-4 target may already be the one suggested.
    if (el.references.length > 0 || el.structuralTarget === target) continue;
    const t = labeled.elements[target];
    refEdits.push({ range: { start: endOfText(text, s), end: endOfText(text, s) }, newText: ` [[#^${t.localId}]]` });
    if (!t.explicitId && !withId.has(target)) {
      withId.add(target);
      // Back from labeled to original coordinates: a label written on the target's last line moved its end.
      const end = t.range.end;
      const shift = labels.has(end.line) ? KIND_TITLE[marked.get(end.line)!.kind].length + 2 : 0;
      const character = shift && end.character - shift >= labels.get(end.line)!.at.character ? end.character - shift : end.character;
      idEdits.push({ range: { start: { line: end.line, character }, end: { line: end.line, character } }, newText: ` ^${t.localId}` });
    }
  }
  // A block that gets a reference and is a target too: the reference comes before the id (edits at one place apply in order).
  return [...labelEdits, ...refEdits, ...idEdits];
}
