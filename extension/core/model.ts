/** The data model of Crux Map's argument markup (markup spec v1): plain, JSON-safe types shared by the core, the CLI and the glue. */

/** A 0-based position, as in the Language Server Protocol (character = UTF-16 code unit offset in the line). */
export interface Position {
  line: number;
  character: number;
}

/** A 0-based, end-exclusive range. */
export interface Range {
  start: Position;
  end: Position;
}

/** The six element kinds of spec section 1. */
export type ElementKind = 'claim' | 'support' | 'objection' | 'reply' | 'crux' | 'question';
export const ELEMENT_KINDS: readonly ElementKind[] = ['claim', 'support', 'objection', 'reply', 'crux', 'question'];

/** Edge kinds of spec section 4. */
export type EdgeKind = 'supports' | 'objects' | 'replies' | 'questions' | 'crux' | 'mentions';
export const EDGE_KINDS: readonly EdgeKind[] = ['supports', 'objects', 'replies', 'questions', 'crux', 'mentions'];

export type Severity = 'error' | 'warning' | 'info';

/** Diagnostic codes of spec section 6. */
export type DiagnosticCode =
  | 'dangling-ref'
  | 'duplicate-id'
  | 'ambiguous-ref'
  | 'crux-needs-two'
  | 'orphan-element'
  | 'unanswered-objection'
  | 'bad-config'
  | 'too-deep';

/** One problem, in one file. `file` is workspace-relative with `/` separators. */
export interface Diagnostic {
  file: string;
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
}

/** A reference written in a draft (spec section 3). */
export interface Reference {
  syntax: 'wikilink' | 'link';
  /**
   * The file part as written, without `#^id` and alias: `''` for the same file,
   * a wikilink name such as `dir/name` (no `.md`), or a markdown link's URL path
   * (percent-decoded, e.g. `../posts/a.md`).
   */
  target: string;
  /** The element id after `#^`; undefined for a file reference. */
  blockId?: string;
  /** Wikilink alias or markdown link text. */
  alias?: string;
  /** The whole reference in the source (`[[...]]` or `[...](...)`). */
  range: Range;
  /** The range of the id text alone (after `#^`), when there is one: what a rename replaces. */
  idRange?: Range;
  /** The range of the file part alone, when it is not empty. */
  targetRange?: Range;
  /** Index in `Draft.elements` of the element whose own text holds this reference, or -1. */
  element: number;
  /** Written as an embed, `![[…]]` (spec 1.1 section 3): resolved, but never an edge. */
  embed?: boolean;
  /** A heading anchor after `#` that is not `#^id` (`[[name#A heading]]`): a file reference, quoted whole in messages. */
  anchor?: string;
}

/** One element of a draft (spec section 1). */
export interface DraftElement {
  kind: ElementKind;
  /** Explicit `^id` or implicit slug id (unique within the file after `-2`, `-3` suffixes). */
  localId: string;
  explicitId: boolean;
  /** Range of the ` ^id` marker's `^id` (explicit ids only). */
  idRange?: Range;
  /** Plain text: label, colon, `^id` marker and surrounding space removed. */
  text: string;
  /** The block's range: paragraph, a list item's first paragraph, or the heading line. */
  range: Range;
  /** The range of the label word(s) with its colon and emphasis markers. */
  labelRange: Range;
  /** The range of the block with everything nested in it (for folding). */
  fullRange: Range;
  block: 'paragraph' | 'listItem' | 'heading' | 'blockquote';
  /** Heading depth 1-6, for heading elements. */
  depth?: number;
  /** Front matter topics followed by the element's own `#tags`, without duplicates. */
  topics: string[];
  /** Indices in `Draft.references` of the references in the element's own text. */
  references: number[];
  /**
   * Index of the element's target by rules 2-4 of spec section 4 (container parent,
   * preceding element of a fitting kind in the same section, heading parent), or -1.
   * Rule 1 (explicit references) is applied by the index, which resolves references.
   */
  structuralTarget: number;
  /** Which of rules 2-4 gave `structuralTarget` (0 when none did). */
  structuralRule: 0 | 2 | 3 | 4;
  /** Index of the nearest enclosing element (rule 2's container parent), or -1. */
  containerParent: number;
}

/** One parsed markdown file. */
export interface Draft {
  /** Workspace-relative path with `/` separators, e.g. `posts/a.md`. */
  path: string;
  /** Front matter title, else first heading's text, else the file name without extension. */
  title: string;
  /** Front matter topics. */
  topics: string[];
  /** Front matter `aliases:` (spec 1.1 section 3): more names wikilinks resolve to. */
  aliases?: string[];
  elements: DraftElement[];
  /** Every reference in the file, element or not, in source order. */
  references: Reference[];
  /** Diagnostics that depend on this file alone (e.g. duplicate-id). */
  diagnostics: Diagnostic[];
  /** Line ending found first in the file. */
  eol: '\n' | '\r\n';
  /** Whether the file began with a UTF-8 BOM (ranges never count it). */
  bom: boolean;
}

/**
 * Options of a parse that come from the workspace, not the file (spec 1.1 section 1):
 * label words or phrases from `.cruxmap.json`, lower-cased, each mapped to a kind.
 */
export interface ParseOptions {
  labels?: Readonly<Record<string, ElementKind>>;
}

/** One file in the exported graph. */
export interface FileInfo {
  file: string;
  title: string;
  topics: string[];
}

/** One element in the graph; `id` is the global id `<file>#^<localId>`. */
export interface GraphNode {
  id: string;
  localId: string;
  explicitId: boolean;
  kind: ElementKind;
  text: string;
  file: string;
  topics: string[];
  range: Range;
}

export interface GraphEdge {
  source: string;
  target: string;
  kind: EdgeKind;
}

/** A derived disagreement (spec section 4): a and b are global ids; `by` is the crux, or the objecting/replying element. */
export interface Disagreement {
  a: string;
  b: string;
  via: 'crux' | 'objects' | 'replies';
  by: string;
}

/** The whole graph, exactly the JSON of spec section 8. */
export interface ArgumentGraph {
  version: 1;
  files: FileInfo[];
  nodes: GraphNode[];
  edges: GraphEdge[];
  disagreements: Disagreement[];
  diagnostics: Diagnostic[];
}

/** Builds a global id. */
export function globalId(file: string, localId: string): string {
  return `${file}#^${localId}`;
}

/** Splits a global id into file and local id; undefined when it is not one. */
export function splitGlobalId(id: string): { file: string; localId: string } | undefined {
  const i = id.lastIndexOf('#^');
  if (i < 0) return undefined;
  return { file: id.slice(0, i), localId: id.slice(i + 2) };
}
