/** Every diagnostic of spec section 6 (and too-deep), with its severity and its one-line message, in one place: the parser and the index build them through these. */
import type { Diagnostic, DiagnosticCode, ElementKind, GraphNode, Range, Reference, Severity } from '../model';
import type { Resolution } from './resolve';
import { comparePos, compareStrings } from './order';

/** The severity of each code (spec section 6; too-deep is an info). */
export const SEVERITY_OF: Readonly<Record<DiagnosticCode, Severity>> = {
  'dangling-ref': 'error',
  'duplicate-id': 'error',
  'ambiguous-ref': 'warning',
  'crux-needs-two': 'warning',
  'orphan-element': 'warning',
  'unanswered-objection': 'info',
  'bad-config': 'warning',
  'too-deep': 'info',
};

/** A diagnostic of a code, with the code's severity. */
export function diagnostic(file: string, range: Range, code: DiagnosticCode, message: string): Diagnostic {
  return { file, range, severity: SEVERITY_OF[code], code, message };
}

/** A reference as its writer wrote it, for messages, alias left out: `[[name#^id]]`, `![[name]]`, `[[name#A heading]]`, or a link's `path#^id`. */
export function writtenReference(ref: Pick<Reference, 'syntax' | 'target' | 'blockId' | 'anchor' | 'embed'>): string {
  const after = ref.blockId !== undefined ? `#^${ref.blockId}` : ref.anchor !== undefined ? `#${ref.anchor}` : '';
  return ref.syntax === 'wikilink' ? `${ref.embed ? '!' : ''}[[${ref.target}${after}]]` : `${ref.target}${after}`;
}

/** The duplicate-id message: `id` used `times` times in one file (the parser calls this for each place). */
export function duplicateIdMessage(id: string, times: number): string {
  return `The id '^${id}' is used ${times} times in this file; ids must be unique within a file.`;
}

/** dangling-ref or ambiguous-ref for a reference that did not resolve. */
export function referenceDiagnostic(path: string, ref: Reference, r: Exclude<Resolution, { status: 'ok' | 'external' }>): Diagnostic {
  if (r.status === 'ambiguous') {
    return diagnostic(path, ref.range, 'ambiguous-ref', `'${ref.target}' matches ${r.candidates.length} files (${r.candidates.join(', ')}); write more of the path.`);
  }
  const written = writtenReference(ref);
  const message = r.status === 'missing-id' ? `No element '^${ref.blockId}' in ${r.file} (${written}).` : `No file '${ref.target}' in the workspace (${written}).`;
  return diagnostic(path, ref.range, 'dangling-ref', message);
}

/** crux-needs-two for a crux with `count` (0 or 1) targets. */
export function cruxNeedsTwoDiagnostic(path: string, range: Range, count: number): Diagnostic {
  return diagnostic(
    path,
    range,
    'crux-needs-two',
    count === 0 ? 'This crux names no element it decides between; reference two or more, e.g. [[a#^x]] vs [[b#^y]].' : 'This crux decides between only one element; reference at least two.',
  );
}

/** orphan-element for an element of a kind that needs a target. */
export function orphanDiagnostic(path: string, range: Range, kind: ElementKind): Diagnostic {
  return diagnostic(path, range, 'orphan-element', `This ${kind} has no target: nest it under an element, put it after a fitting element in its section, or reference one with [[#^id]].`);
}

/** unanswered-objection for every objection among `nodes` whose id is not in `answered`. */
export function unansweredObjections(nodes: readonly GraphNode[], answered: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const node of nodes) {
    if (node.kind === 'objection' && !answered.has(node.id)) out.push(diagnostic(node.file, node.range, 'unanswered-objection', 'No reply answers this objection yet.'));
  }
  return out;
}

/** Why a `.cruxmap.json` is not used (spec 1.1 section 1). */
export type ConfigProblem =
  | { problem: 'json'; detail: string }
  | { problem: 'shape'; detail: string }
  | { problem: 'kind'; label: string; kind: string };

/** The bad-config message for a `.cruxmap.json` that is malformed (the file is ignored) or maps a label to an unknown kind (that label is ignored). */
export function badConfigMessage(p: ConfigProblem): string {
  if (p.problem === 'kind') return `The label '${p.label}' maps to '${p.kind}', which is not one of claim, support, objection, reply, crux, question; it is ignored.`;
  if (p.problem === 'json') return `.cruxmap.json is not valid JSON (${p.detail}); its label words are ignored.`;
  return `.cruxmap.json does not have the expected shape (${p.detail}); its label words are ignored.`;
}

/** The too-deep message: blocks nested deeper than `limit` are read as plain text. */
export function tooDeepMessage(limit: number): string {
  return `Blocks nested more than ${limit} levels deep are read as plain text here; no element past that depth is found.`;
}

/** The order of a file's diagnostics: position, then code, then message. */
export function compareDiagnostics(x: Diagnostic, y: Diagnostic): number {
  return comparePos(x.range.start, y.range.start) || comparePos(x.range.end, y.range.end) || compareStrings(x.code, y.code) || compareStrings(x.message, y.message);
}
