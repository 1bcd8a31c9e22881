/** Edits the map asks for, as plain text edits: add an answer under a node, connect two nodes, change a node's kind, remove its label. Pure; the glue applies a plan as one WorkspaceEdit. */
import type { DraftElement, ElementKind, Position, Range } from '../model';
import { globalId } from '../model';
import { parseDraft } from '../parse/parse';
import { createLineMap } from '../parse/lineMap';
import type { DraftParser, WorkspaceIndex } from '../index/workspaceIndex';
import { addIdEdit, applyTextEdits, EditError, freshId, linkEdits, markAsEdit, wikilinkTo, type EditPlan, type FileEdit, type TextEdit } from './edits';
import { KIND_TITLE } from '../wording';

/** The kinds of element "Add …" writes under a node. */
export type AnswerKind = 'support' | 'objection' | 'reply' | 'question';
export const ANSWER_KINDS: readonly AnswerKind[] = ['support', 'objection', 'reply', 'question'];

/** How "Connect to…" links a node to another. */
export type ConnectRelation = 'supports' | 'objects' | 'replies' | 'crux';
export const CONNECT_RELATIONS: readonly ConnectRelation[] = ['supports', 'objects', 'replies', 'crux'];

/** A plan, and a sentence for the writer when the edit did more than asked (e.g. changed a label). */
export interface MapEditPlan extends EditPlan {
  note?: string;
}

/** The longest text "Add …" accepts (one paragraph). */
export const MAX_ANSWER_TEXT = 4000;

const RELATION_KIND: Record<Exclude<ConnectRelation, 'crux'>, ElementKind> = { supports: 'support', objects: 'objection', replies: 'reply' };

function point(at: Position): Range {
  return { start: at, end: at };
}

function elementOf(index: WorkspaceIndex, id: string) {
  const hit = index.getElement(id);
  if (!hit) throw new EditError(`No element ${id} in the workspace (was it renamed or deleted?).`);
  return hit;
}

function textOf(index: WorkspaceIndex, path: string): string {
  const text = index.getText(path);
  if (text === undefined) throw new EditError(`${path} is not indexed any more.`);
  return text;
}

/** The text before an element on its first line (list markers, quote markers, indentation). */
function linePrefix(text: string, element: DraftElement): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = createLineMap(body);
  const start = lines.offset({ line: element.range.start.line, character: 0 });
  return body.slice(start, start + element.range.start.character);
}

/** The prefix of a continuation line: quote markers stay, list markers become indentation. */
function continuation(prefix: string): string {
  return prefix.replace(/[-*+](?=\s)|\d{1,9}[.)](?=\s)/g, (m) => ' '.repeat(m.length));
}

function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** One paragraph of plain text from what the writer typed (line breaks read as spaces). */
function oneParagraph(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) throw new EditError('Write the text of the new element first.');
  if (clean.length > MAX_ANSWER_TEXT) throw new EditError(`The text is longer than ${MAX_ANSWER_TEXT} characters; write it in the editor instead.`);
  return clean;
}

function group(edits: { path: string; edit: TextEdit }[]): FileEdit[] {
  const byPath = new Map<string, TextEdit[]>();
  for (const { path, edit } of edits) byPath.set(path, [...(byPath.get(path) ?? []), edit]);
  return [...byPath].map(([path, list]) => ({ path, edits: list }));
}

/**
 * Writes a new element of `kind` with `text` that answers the element `id`:
 * under a list item, a nested list item (its last child); after a paragraph, heading or
 * quoted paragraph, a paragraph right after it (inside the same quote). The result is
 * parsed again: when the markup rules would not make the node its target (say, an
 * objection after a paragraph objection, whose rule-3 target is the nearest claim), the
 * new element also references the node, which gets an explicit id if it has none; when
 * its implicit id would shift another element's, it gets an explicit id of its own.
 */
export function addElementEdits(index: WorkspaceIndex, id: string, kind: AnswerKind, text: string, parse: DraftParser = parseDraft): MapEditPlan {
  if (!ANSWER_KINDS.includes(kind)) throw new EditError(`Cannot add a ${kind} from the map.`);
  const body = oneParagraph(text);
  const { draft, element } = elementOf(index, id);
  const source = textOf(index, draft.path);
  const eol = draft.eol;
  const prefix = linePrefix(source, element);
  const cont = continuation(prefix);
  const label = `${KIND_TITLE[kind]}: `;
  let insertAt: Position;
  let lead: string;
  if (element.block === 'listItem') {
    insertAt = element.fullRange.end;
    lead = `${eol}${cont}- `;
  } else {
    insertAt = element.range.end;
    lead = `${eol}${cont.trimEnd()}${eol}${cont}`;
  }
  const newLine = insertAt.line + lead.split(eol).length - 1;
  const contentStart = lead.slice(lead.lastIndexOf(eol) + eol.length).length;
  const attempt = (extra: string): { text: string; ok: boolean; idsKept: boolean; newElement?: DraftElement } => {
    const edit: TextEdit = { range: point(insertAt), newText: `${lead}${label}${body}${extra}` };
    const after = applyTextEdits(source, [edit]);
    const parsed = parse(after, draft.path);
    const newElement = parsed.elements.find((e) => e.range.start.line === newLine && e.range.start.character === contentStart);
    if (!newElement) return { text: after, ok: false, idsKept: false };
    const others = parsed.elements.filter((e) => e !== newElement);
    const idsKept = others.length === draft.elements.length && others.every((e, i) => e.localId === draft.elements[i].localId);
    const target = newElement.structuralTarget >= 0 ? parsed.elements[newElement.structuralTarget] : undefined;
    const ok = newElement.references.length === 0 && target !== undefined && comparePos(target.range.start, element.range.start) === 0 && newElement.kind === kind;
    return { text: after, ok, idsKept, newElement };
  };
  let extra = '';
  const edits: { path: string; edit: TextEdit }[] = [];
  let first = attempt('');
  if (!first.newElement) throw new EditError(`Could not write a ${kind} under this element (its markup is unusual); write it in the editor instead.`);
  if (!first.ok) {
    // The rules alone would not give the node as target: say it explicitly.
    const target = addIdEdit(index, id);
    if (target.edit) for (const e of target.edit.edits) edits.push({ path: target.edit.path, edit: e });
    extra = ` [[#^${target.id}]]`;
    first = attempt(extra);
  }
  if (!first.idsKept) {
    extra += ` ^${freshId(draft, first.newElement?.localId ?? kind)}`;
    first = attempt(extra);
    if (!first.idsKept) throw new EditError('The new element would change the ids of others; write it in the editor instead.');
  }
  edits.push({ path: draft.path, edit: { range: point(insertAt), newText: `${lead}${label}${body}${extra}` } });
  return { edits: group(edits), cursor: { path: draft.path, position: { line: newLine, character: contentStart + label.length + body.length } } };
}

/** Where a reference goes in an element's own text: before its ` ^id` marker, else at the end of its first paragraph or heading line. */
function referenceInsert(element: DraftElement): { at: Position; before: boolean } {
  // (An implicit id is written out after the references: see connectEdits.)
  if (element.explicitId && element.idRange) return { at: element.idRange.start, before: true };
  return { at: element.range.end, before: false };
}

/**
 * Connects the element `fromId` to `toId`: for supports / objects / replies, a reference
 * to the target is written into the element's own text (spec rule 1), with the target's
 * id made explicit when it is implicit. Rule 1 then decides all of the element's targets,
 * so a target it had by structure is referenced too and its link stays. An element's
 * label gives its links' kind: when it differs from the relation, the label changes (the
 * note says so). `crux` writes a new crux after the element that references both.
 */
export function connectEdits(index: WorkspaceIndex, fromId: string, toId: string, relation: ConnectRelation): MapEditPlan {
  if (!CONNECT_RELATIONS.includes(relation)) throw new EditError(`Unknown relation ${relation}.`);
  if (fromId === toId) throw new EditError('Pick another element to connect to.');
  const from = elementOf(index, fromId);
  elementOf(index, toId);
  if (relation === 'crux') return linkEdits(index, fromId, toId, 'crux');
  const kind = RELATION_KIND[relation];
  const { draft, element } = from;
  const edgeKind = relation;
  if (element.kind === kind && index.outgoingEdges(fromId).some((e) => e.target === toId && e.kind === edgeKind)) {
    throw new EditError('These two elements are already connected that way.');
  }
  const edits: { path: string; edit: TextEdit }[] = [];
  const refs: string[] = [];
  const refTo = (targetId: string) => {
    const t = elementOf(index, targetId);
    const withId = addIdEdit(index, targetId);
    if (withId.edit) for (const e of withId.edit.edits) edits.push({ path: withId.edit.path, edit: e });
    refs.push(wikilinkTo(index, draft.path, t.draft.path, withId.id));
  };
  // No reference of its own yet: its target came from the structure, and rule 1 would drop it.
  if (element.references.length === 0 && element.structuralTarget >= 0) {
    const kept = globalId(draft.path, draft.elements[element.structuralTarget].localId);
    if (kept !== toId) refTo(kept);
  }
  refTo(toId);
  const { at, before } = referenceInsert(element);
  // An implicit id is the slug of the text, which now holds the references: write the id out, so the node keeps it.
  const ownId = element.explicitId ? '' : ` ^${element.localId}`;
  edits.push({ path: draft.path, edit: { range: point(at), newText: before ? `${refs.join(' ')} ` : ` ${refs.join(' ')}${ownId}` } });
  let note: string | undefined;
  if (element.kind !== kind) {
    const text = textOf(index, draft.path);
    const label = markAsEdit(text, element.range.start, kind);
    if (!label) throw new EditError('Could not change the label of this element.');
    edits.push({ path: draft.path, edit: label });
    note = `It became ${kind === 'objection' ? 'an' : 'a'} ${kind}: an element's label gives the kind of all its links.`;
  }
  return { edits: group(edits), cursor: { path: draft.path, position: element.range.start }, note };
}

/** Changes an element's label to another kind's (the text stays). */
export function changeKindEdits(index: WorkspaceIndex, id: string, kind: ElementKind): MapEditPlan {
  if (!(kind in KIND_TITLE)) throw new EditError(`Unknown kind ${kind}.`);
  const { draft, element } = elementOf(index, id);
  if (element.kind === kind) throw new EditError(`It is already ${kind === 'objection' ? 'an' : 'a'} ${kind}.`);
  const edit = markAsEdit(textOf(index, draft.path), element.range.start, kind);
  if (!edit) throw new EditError('Could not change the label of this element.');
  return { edits: [{ path: draft.path, edits: [edit] }], cursor: { path: draft.path, position: element.range.start } };
}

/**
 * Removes an element's label (and the space after it): its text stays as plain prose and
 * its node leaves the map. Its ` ^id` marker goes too unless references point to it (they
 * would dangle either way; keeping the id lets a label put back restore them).
 */
export function removeLabelEdits(index: WorkspaceIndex, id: string): MapEditPlan {
  const { draft, element } = elementOf(index, id);
  const text = textOf(index, draft.path);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = createLineMap(body);
  const labelEnd = lines.offset(element.labelRange.end);
  const spaces = /^[ \t]*/.exec(body.slice(labelEnd))?.[0].length ?? 0;
  const edits: TextEdit[] = [{ range: { start: element.labelRange.start, end: lines.position(labelEnd + spaces) }, newText: '' }];
  const referenced = index.incomingReferences(id).length;
  if (element.explicitId && element.idRange && referenced === 0) {
    const idStart = lines.offset(element.idRange.start);
    const before = /[ \t]*$/.exec(body.slice(0, idStart))?.[0].length ?? 0;
    edits.push({ range: { start: lines.position(idStart - before), end: element.idRange.end }, newText: '' });
  }
  const note = referenced ? `${referenced} reference${referenced === 1 ? '' : 's'} to it now point${referenced === 1 ? 's' : ''} to no element (see Problems).` : undefined;
  return { edits: [{ path: draft.path, edits }], cursor: { path: draft.path, position: element.labelRange.start }, note };
}

