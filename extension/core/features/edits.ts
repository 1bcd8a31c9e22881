/** Edit computations for the editor commands: add an id, link a disagreement, rename an id, mark a block with a label. Pure: text edits out, applied by the glue as one WorkspaceEdit. */
import type { Draft, DraftElement, ElementKind, Position, Range } from '../model';
import { globalId } from '../model';
import { blockAt, ID_RE } from '../parse/parse';
import { createLineMap } from '../parse/lineMap';
import { KIND_TITLE } from '../wording';
import type { WorkspaceIndex } from '../index/workspaceIndex';

/** @deprecated The label words mark-as writes are KIND_TITLE of core/wording.ts (kept for code written against this name). */
export { KIND_TITLE as KIND_LABEL } from '../wording';

/** One replacement in a file (an insertion has an empty range). */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** The edits of one file, by workspace-relative path. */
export interface FileEdit {
  path: string;
  edits: TextEdit[];
}

/** What an edit command does: its edits, and where the cursor goes afterwards. */
export interface EditPlan {
  edits: FileEdit[];
  cursor?: { path: string; position: Position };
}

/** A command cannot be carried out; the message says why, for the writer. */
export class EditError extends Error {}

/** How the current element relates to the chosen one. */
export type LinkRelation = 'object' | 'support' | 'reply' | 'crux';

const RELATION_LABEL: Record<Exclude<LinkRelation, 'crux'>, string> = { object: 'Objection', support: 'Support', reply: 'Reply' };

function point(at: Position): Range {
  return { start: at, end: at };
}

/** Applies edits to a text (positions as the core counts them: no BOM); a BOM and line endings are kept. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  let body = bom ? text.slice(1) : text;
  const lines = createLineMap(body);
  const located = edits
    .map((e, i) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText, i }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  for (const e of located) body = body.slice(0, e.start) + e.text + body.slice(e.end);
  return bom + body;
}

function elementOf(index: WorkspaceIndex, id: string) {
  const hit = index.getElement(id);
  if (!hit) throw new EditError(`No element ${id} in the workspace (was it renamed or deleted?).`);
  return hit;
}

/** Ids in use in a draft. */
function usedIds(draft: Draft): Set<string> {
  return new Set(draft.elements.map((e) => e.localId));
}

/** A draft's text as the core counts positions (without a BOM). */
function bodyOf(index: WorkspaceIndex, path: string): string {
  const text = index.getText(path) ?? '';
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The line ending a text uses first (CR alone too, which Draft.eol cannot say); `\n` when it has none. */
function eolOf(body: string): string {
  return /\r\n|\n|\r/.exec(body)?.[0] ?? '\n';
}

/**
 * Where an element's ` ^id` marker goes: the end of its text. For a heading that is the end of
 * its last text line without trailing blanks, before an ATX heading's closing hashes (`## x ##`)
 * and above a setext heading's underline, which the marker would otherwise destroy.
 */
function idPoint(index: WorkspaceIndex, draft: Draft, element: DraftElement): Position {
  if (element.block !== 'heading') return element.range.end;
  const body = bodyOf(index, draft.path);
  const lines = createLineMap(body);
  const { start, end } = element.range;
  // A heading over several lines is a setext one: its last line is the underline.
  const line = end.line > start.line ? end.line - 1 : end.line;
  const from = lines.offset({ line, character: 0 });
  let text = body.slice(from, from + lines.lineLength(line)).replace(/[ \t]+$/, '');
  if (end.line === start.line) {
    // CommonMark's closing sequence: hashes after a blank, then only blanks; `#` in `x#` is text.
    const opening = /^[ \t]*#{1,6}(?=[ \t]|$)/.exec(text)?.[0].length ?? 0;
    const closing = /[ \t]+#+$/.exec(text.slice(opening));
    if (closing) text = text.slice(0, opening + closing.index);
    else if (/^[ \t]*#+$/.test(text)) text = text.slice(0, opening);
  }
  return { line, character: text.length };
}

/**
 * The edit that gives an element an explicit id. An implicit id is written out as it is,
 * so references that already use it keep working. Nothing to do for an explicit id.
 */
export function addIdEdit(index: WorkspaceIndex, id: string): { id: string; edit?: FileEdit } {
  const { draft, element } = elementOf(index, id);
  if (element.explicitId) return { id: element.localId };
  return { id: element.localId, edit: { path: draft.path, edits: [{ range: point(idPoint(index, draft, element)), newText: ` ^${element.localId}` }] } };
}

/** The wikilink a draft writes to reach an element: `[[#^id]]` in the same file, else the shortest unique name. */
export function wikilinkTo(index: WorkspaceIndex, fromPath: string, targetPath: string, id: string): string {
  return fromPath === targetPath ? `[[#^${id}]]` : `[[${index.wikiNameFor(targetPath)}#^${id}]]`;
}

/** The text before an element on its first line (list markers, quote markers, indentation). */
function linePrefix(index: WorkspaceIndex, draft: Draft, element: DraftElement): string {
  const body = bodyOf(index, draft.path);
  const lines = createLineMap(body);
  const start = lines.offset({ line: element.range.start.line, character: 0 });
  return body.slice(start, start + element.range.start.character);
}

/**
 * Links the element `fromId` (where the cursor is) to `toId`: a new element of the
 * relation's kind that references the target is written right after the current
 * element (a sibling list item for a list item, else a new paragraph), so spec rule 1
 * makes its edge; a crux references both elements. Ids are added where missing.
 */
export function linkEdits(index: WorkspaceIndex, fromId: string, toId: string, relation: LinkRelation, question = ''): EditPlan {
  if (fromId === toId) throw new EditError('Pick another element than the one the cursor is in.');
  const from = elementOf(index, fromId);
  const to = elementOf(index, toId);
  const target = addIdEdit(index, toId);
  const byPath = new Map<string, TextEdit[]>();
  const add = (path: string, e: TextEdit) => byPath.set(path, [...(byPath.get(path) ?? []), e]);
  if (target.edit) for (const e of target.edit.edits) add(target.edit.path, e);

  const body0 = bodyOf(index, from.draft.path);
  const eol = eolOf(body0);
  const prefix = linePrefix(index, from.draft, from.element);
  const isItem = from.element.block === 'listItem';
  // Continuation lines keep quote markers but turn list markers into indentation.
  const cont = prefix.replace(/[-*+](?=\s)|\d{1,9}[.)](?=\s)/g, (m) => ' '.repeat(m.length));
  const blank = cont.trimEnd();
  const ref = wikilinkTo(index, from.draft.path, to.draft.path, target.id);
  let insertAt: Position;
  let body: string;
  let lead: string;
  if (relation === 'crux') {
    const self = addIdEdit(index, fromId);
    const q = question.trim().replace(/\s+/g, ' ');
    body = `Crux: ${q ? `${q} ` : ''}${ref} vs [[#^${self.id}]]`;
    insertAt = isItem ? from.element.fullRange.end : from.element.range.end;
    lead = `${eol}${blank}${eol}${cont}`;
    if (self.edit) {
      // The id goes at the end of the element's first paragraph; merge when that is where the crux is inserted too.
      const idEdit = self.edit.edits[0];
      if (idEdit.range.end.line === insertAt.line && idEdit.range.end.character === insertAt.character) lead = `${idEdit.newText}${lead}`;
      else add(from.draft.path, idEdit);
    }
  } else {
    body = `${RELATION_LABEL[relation]}: ${ref} `;
    if (isItem) {
      insertAt = from.element.fullRange.end;
      lead = `${eol}${prefix}`;
    } else {
      insertAt = from.element.range.end;
      lead = `${eol}${blank}${eol}${cont}`;
    }
  }
  // A new paragraph must end where it starts: text right below (a paragraph under a heading)
  // would otherwise run on into it as a lazy continuation line, so a blank line goes between.
  const trail = !isItem && nextLineHoldsText(body0, insertAt) ? `${eol}${blank}` : '';
  add(from.draft.path, { range: point(insertAt), newText: `${lead}${body}${trail}` });
  const newLines = lead.split(eol).length - 1;
  const lastLine = lead.slice(lead.lastIndexOf(eol) + eol.length) + body;
  return {
    edits: [...byPath].map(([path, edits]) => ({ path, edits })),
    cursor: { path: from.draft.path, position: { line: insertAt.line + newLines, character: lastLine.length } },
  };
}

/** Whether the line after a position's line holds anything but blanks and quote markers. */
function nextLineHoldsText(body: string, at: Position): boolean {
  const lines = createLineMap(body);
  if (at.line + 1 >= lines.starts.length) return false;
  const start = lines.starts[at.line + 1];
  return /[^\s>]/.test(body.slice(start, start + lines.lineLength(at.line + 1)));
}

/** Renames an element's id in its marker and in every reference to it, across the workspace. */
export function renameIdEdits(index: WorkspaceIndex, id: string, newId: string): FileEdit[] {
  const { draft, element } = elementOf(index, id);
  const next = newId.trim().replace(/^\^/, '');
  if (!ID_RE.test(next)) throw new EditError(`'${newId}' is not a valid id: use letters, digits and '-', starting with a letter or digit.`);
  if (next === element.localId && element.explicitId) return [];
  if (next !== element.localId && usedIds(draft).has(next)) throw new EditError(`The id '^${next}' is already used in ${draft.path}.`);
  const byPath = new Map<string, TextEdit[]>();
  const add = (path: string, e: TextEdit) => byPath.set(path, [...(byPath.get(path) ?? []), e]);
  if (element.explicitId && element.idRange) add(draft.path, { range: element.idRange, newText: `^${next}` });
  else add(draft.path, { range: point(idPoint(index, draft, element)), newText: ` ^${next}` });
  for (const hit of index.incomingReferences(globalId(draft.path, element.localId))) {
    if (hit.reference.idRange) add(hit.file, { range: hit.reference.idRange, newText: next });
  }
  return [...byPath].map(([path, edits]) => ({ path, edits }));
}

/** A fresh id for an element, derived from its id and unique in its file (for the duplicate-id quick fix). */
export function freshId(draft: Draft, base: string): string {
  const used = usedIds(draft);
  const stem = base.replace(/-\d+$/, '') || 'element';
  let n = 2;
  while (used.has(`${stem}-${n}`)) n++;
  return `${stem}-${n}`;
}

/** Writes a label at the start of the paragraph, list item, quote or heading under the position (replacing an existing label). */
export function markAsEdit(text: string, position: Position, kind: ElementKind): TextEdit | undefined {
  const block = blockAt(text, position);
  if (!block) return undefined;
  const label = `${KIND_TITLE[kind]}: `;
  if (block.label) {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const lines = createLineMap(body);
    // One blank after the old label goes with it; a line break stays (for LF, CRLF and CR alike), and then the new label needs no blank of its own.
    const at = lines.offset(block.label.end);
    const blank = /^[ \t]/.test(body.slice(at, at + 1)) ? 1 : 0;
    const endsLine = /^(?:\r|\n|$)/.test(body.slice(at + blank, at + blank + 1));
    return { range: { start: block.label.start, end: lines.position(at + blank) }, newText: endsLine ? label.trimEnd() : label };
  }
  return { range: point(block.contentStart), newText: label };
}
