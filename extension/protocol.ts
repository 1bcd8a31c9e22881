/** Messages between the extension host and the map webview, and the guards that check them on arrival (no vscode, DOM or Node imports). */
import type { MapDiff, MapEdge, MapGraph, MapScope } from './core/map/mapModel';
import type { SuggestedMapNode } from './core/suggest/suggestMap';

/** A suggested (ghost) node as the map draws it. */
export type { SuggestedMapNode };
import type { ElementKind } from './core/model';

/** Layout names the map offers; `auto` picks dagre for one draft and fcose for more. */
export type MapLayoutName = 'auto' | 'dagre' | 'fcose';
export const MAP_LAYOUTS: readonly MapLayoutName[] = ['auto', 'dagre', 'fcose'];
export type ExportFormat = 'png' | 'svg';
/** The peer tools' formats the map's export menu offers (the core's exporters write them, on the host). */
export type MapPeerFormat = 'argdown' | 'dot' | 'mermaid' | 'graphml' | 'aif' | 'canvas';
export const MAP_PEER_FORMATS: readonly { id: MapPeerFormat; label: string }[] = [
  { id: 'argdown', label: 'Argdown' },
  { id: 'dot', label: 'Graphviz DOT' },
  { id: 'mermaid', label: 'Mermaid' },
  { id: 'graphml', label: 'GraphML' },
  { id: 'aif', label: 'AIF (JSON)' },
  { id: 'canvas', label: 'JSON Canvas' },
];

/** Host -> view: the whole map (after `viewDidLoad`, on a scope change, or when the active draft changes). */
export interface DidSetGraph {
  type: 'didSetGraph';
  payload: {
    graph: MapGraph;
    scope: MapScope;
    /** The draft the map follows, if any. */
    activeFile?: string;
    /** Layout to use when the view has no saved choice. */
    defaultLayout: MapLayoutName;
    /** Whether the map should centre the element under the editor cursor. */
    followCursor: boolean;
    /** Each shown file's version: a map edit names the versions it was drawn from. */
    versions?: Record<string, number>;
    /** Why the draft the map follows is not read (it is over cruxmap.maxFileSize): the empty map says so. */
    unread?: string;
  };
}

/** Host -> view: changes while the writer types; unchanged nodes keep their places. */
export interface DidPatchGraph {
  type: 'didPatchGraph';
  payload: { diff: MapDiff; versions?: Record<string, number> };
}

/** Host -> view: highlight and centre one node (the editor cursor is in it). */
export interface DidRevealNode {
  type: 'didRevealNode';
  payload: { id: string };
}

/** Host -> view: produce an image of the current view (the answer is `viewDidExport`). */
export interface DidRequestExport {
  type: 'didRequestExport';
  payload: { format: ExportFormat };
}

/** Host -> view: the answer to a `viewDidRequestEdit`: done (and the node to select), or refused with a message for the writer. */
export interface DidCompleteEdit {
  type: 'didCompleteEdit';
  payload: { requestId: number; ok: boolean; message?: string; select?: string };
}

/** One element a view may connect to (possibly in a file the map does not show). */
export interface TargetItem {
  id: string;
  kind: ElementKind;
  label: string;
  file: string;
}

/** Host -> view: the answer to `viewDidRequestTargets`: elements of the whole workspace matching the query. */
export interface DidListTargets {
  type: 'didListTargets';
  payload: { requestId: number; items: TargetItem[] };
}

/**
 * Host -> view: the suggestions for the files shown. `count` is how many there are (the empty
 * state says it); the nodes and edges come only while the view's "Show suggestions" is on.
 */
export interface DidSetSuggestions {
  type: 'didSetSuggestions';
  payload: { count: number; nodes: SuggestedMapNode[]; edges: MapEdge[] };
}

export type HostMessage = DidSetGraph | DidPatchGraph | DidRevealNode | DidRequestExport | DidCompleteEdit | DidListTargets | DidSetSuggestions;

/** View -> host: the page is ready for the whole state. */
export interface ViewDidLoad {
  type: 'viewDidLoad';
  payload: { scope?: MapScope; suggestions?: boolean };
}

/** View -> host: a node was clicked (or chosen with Enter): reveal its element; `toSide` for double-click. */
export interface ViewDidClickNode {
  type: 'viewDidClickNode';
  payload: { id: string; toSide: boolean };
}

/** View -> host: the writer picked another scope. */
export interface ViewDidChangeScope {
  type: 'viewDidChangeScope';
  payload: { scope: MapScope };
}

/** View -> host: an image of the map to save (PNG as a base64 data URL, SVG as text). */
export interface ViewDidExport {
  type: 'viewDidExport';
  payload: { format: ExportFormat; data: string };
}

/** Kinds the map can add under a node. */
export type MapAnswerKind = 'support' | 'objection' | 'reply' | 'question';
export const MAP_ANSWER_KINDS: readonly MapAnswerKind[] = ['support', 'objection', 'reply', 'question'];
/** Relations "Connect to…" writes. */
export type MapRelation = 'supports' | 'objects' | 'replies' | 'crux';
export const MAP_RELATIONS: readonly MapRelation[] = ['supports', 'objects', 'replies', 'crux'];

/** An edit the writer asks for on the map; ids are global element ids, looked up in the index by the host. */
export type MapEdit =
  | { type: 'add'; id: string; kind: MapAnswerKind; text: string }
  | { type: 'connect'; id: string; targetId: string; relation: MapRelation }
  | { type: 'changeKind'; id: string; kind: ElementKind }
  | { type: 'removeLabel'; id: string };

/**
 * View -> host: write an edit into the drafts. `versions` are the versions (as the host
 * sent them in `didSetGraph`/`didPatchGraph`) of the files the map was drawn from: the
 * host refuses the edit when one of the files named has changed since.
 */
export interface ViewDidRequestEdit {
  type: 'viewDidRequestEdit';
  payload: { requestId: number; edit: MapEdit; versions: Record<string, number> };
}

/** View -> host: elements to connect to, from the whole workspace, whose text or id holds the query. */
export interface ViewDidRequestTargets {
  type: 'viewDidRequestTargets';
  payload: { requestId: number; query: string };
}

/** View -> host: export the current scope's drafts in a peer tool's format (the host asks where to save). */
export interface ViewDidRequestPeerExport {
  type: 'viewDidRequestPeerExport';
  payload: { format: MapPeerFormat };
}

/** View -> host: the writer turned "Show suggestions" on or off. */
export interface ViewDidToggleSuggestions {
  type: 'viewDidToggleSuggestions';
  payload: { show: boolean };
}

/** View -> host: accept one suggested (ghost) node: its id as the host sent it, looked up there, never a path. */
export interface ViewDidAcceptSuggestion {
  type: 'viewDidAcceptSuggestion';
  payload: { id: string };
}

export type ViewMessage = ViewDidLoad | ViewDidClickNode | ViewDidChangeScope | ViewDidExport | ViewDidRequestEdit | ViewDidRequestTargets | ViewDidToggleSuggestions | ViewDidAcceptSuggestion | ViewDidRequestPeerExport;

/** The largest node id a view may send. */
export const MAX_ID_LENGTH = 2048;
/** The longest text an edit may carry, and the longest target query. */
export const MAX_EDIT_TEXT = 4000;
export const MAX_QUERY_LENGTH = 200;
/** The most file versions an edit may name. */
export const MAX_VERSIONS = 16;
/** The most targets a list holds. */
export const MAX_TARGETS = 50;
/** The largest export a view may send (bytes of text). */
export const MAX_EXPORT_LENGTH = 32 * 1024 * 1024;

const SCOPES: readonly string[] = ['draft', 'linked', 'workspace'];
const KINDS: readonly string[] = ['claim', 'support', 'objection', 'reply', 'crux', 'question'];

function isId(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= MAX_ID_LENGTH;
}

function isRequestId(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function isVersions(x: unknown): x is Record<string, number> {
  if (!isRecord(x)) return false;
  const entries = Object.entries(x);
  return entries.length <= MAX_VERSIONS && entries.every(([k, v]) => k.length > 0 && k.length <= MAX_ID_LENGTH && typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);
}

/** Checks one map edit: a known type, exactly its fields, known kinds and relations, sizes within limits. */
function isMapEdit(x: unknown): x is MapEdit {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'add':
      return hasExactly(x, ['type', 'id', 'kind', 'text']) && isId(x.id) && typeof x.kind === 'string' && (MAP_ANSWER_KINDS as readonly string[]).includes(x.kind) && typeof x.text === 'string' && x.text.trim().length > 0 && x.text.length <= MAX_EDIT_TEXT;
    case 'connect':
      return hasExactly(x, ['type', 'id', 'targetId', 'relation']) && isId(x.id) && isId(x.targetId) && x.id !== x.targetId && typeof x.relation === 'string' && (MAP_RELATIONS as readonly string[]).includes(x.relation);
    case 'changeKind':
      return hasExactly(x, ['type', 'id', 'kind']) && isId(x.id) && typeof x.kind === 'string' && KINDS.includes(x.kind);
    case 'removeLabel':
      return hasExactly(x, ['type', 'id']) && isId(x.id);
    default:
      return false;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** True when `x` has exactly these keys (no missing, no extra). */
function hasExactly(x: Record<string, unknown>, keys: readonly string[], optional: readonly string[] = []): boolean {
  const own = Object.keys(x);
  return keys.every((k) => k in x) && own.every((k) => keys.includes(k) || optional.includes(k));
}

const PNG_PREFIX = 'data:image/png;base64,';
/** Strict base64: whole groups of four, padding only at the end (what atob decodes without throwing). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A PNG data URL whose payload is non-empty, well-formed base64: anything else is refused before a save dialog opens. */
function isPngDataUrl(data: string): boolean {
  return data.startsWith(PNG_PREFIX) && data.length > PNG_PREFIX.length && BASE64.test(data.slice(PNG_PREFIX.length));
}

/**
 * Checks a message from the webview: a known type, exactly the expected fields with
 * the expected types, and sizes within limits. The webview is a trust boundary:
 * anything that fails is dropped, and ids that pass must still be looked up in the index.
 */
export function isViewMessage(x: unknown): x is ViewMessage {
  if (!isRecord(x) || !hasExactly(x, ['type', 'payload']) || !isRecord(x.payload)) return false;
  const p = x.payload;
  switch (x.type) {
    case 'viewDidLoad':
      return hasExactly(p, [], ['scope', 'suggestions']) && (p.scope === undefined || (typeof p.scope === 'string' && SCOPES.includes(p.scope))) && (p.suggestions === undefined || typeof p.suggestions === 'boolean');
    case 'viewDidToggleSuggestions':
      return hasExactly(p, ['show']) && typeof p.show === 'boolean';
    case 'viewDidRequestPeerExport':
      return hasExactly(p, ['format']) && typeof p.format === 'string' && MAP_PEER_FORMATS.some((f) => f.id === p.format);
    case 'viewDidAcceptSuggestion':
      return hasExactly(p, ['id']) && isId(p.id);
    case 'viewDidClickNode':
      return hasExactly(p, ['id', 'toSide']) && typeof p.id === 'string' && p.id.length > 0 && p.id.length <= MAX_ID_LENGTH && typeof p.toSide === 'boolean';
    case 'viewDidChangeScope':
      return hasExactly(p, ['scope']) && typeof p.scope === 'string' && SCOPES.includes(p.scope);
    case 'viewDidRequestEdit':
      return hasExactly(p, ['requestId', 'edit', 'versions']) && isRequestId(p.requestId) && isMapEdit(p.edit) && isVersions(p.versions);
    case 'viewDidRequestTargets':
      return hasExactly(p, ['requestId', 'query']) && isRequestId(p.requestId) && typeof p.query === 'string' && p.query.length <= MAX_QUERY_LENGTH;
    case 'viewDidExport':
      return (
        hasExactly(p, ['format', 'data']) &&
        (p.format === 'png' || p.format === 'svg') &&
        typeof p.data === 'string' &&
        p.data.length <= MAX_EXPORT_LENGTH &&
        (p.format === 'svg' ? p.data.trimStart().startsWith('<svg') : isPngDataUrl(p.data))
      );
    default:
      return false;
  }
}

/** Checks a message from the host (the webview's side of the same contract). */
export function isHostMessage(x: unknown): x is HostMessage {
  if (!isRecord(x) || !hasExactly(x, ['type', 'payload']) || !isRecord(x.payload)) return false;
  const p = x.payload;
  switch (x.type) {
    case 'didSetGraph':
      return (
        isRecord(p.graph) &&
        Array.isArray(p.graph.nodes) &&
        Array.isArray(p.graph.edges) &&
        Array.isArray(p.graph.files) &&
        typeof p.scope === 'string' &&
        SCOPES.includes(p.scope) &&
        (p.unread === undefined || typeof p.unread === 'string')
      );
    case 'didPatchGraph':
      return isRecord(p.diff) && ['addFiles', 'removeFiles', 'addNodes', 'updateNodes', 'removeNodes', 'addEdges', 'removeEdges'].every((k) => Array.isArray((p.diff as Record<string, unknown>)[k]));
    case 'didRevealNode':
      return typeof p.id === 'string';
    case 'didRequestExport':
      return p.format === 'png' || p.format === 'svg';
    case 'didCompleteEdit':
      return isRequestId(p.requestId) && typeof p.ok === 'boolean' && (p.message === undefined || typeof p.message === 'string') && (p.select === undefined || typeof p.select === 'string');
    case 'didListTargets':
      return isRequestId(p.requestId) && Array.isArray(p.items) && p.items.every((i) => isRecord(i) && typeof i.id === 'string' && typeof i.label === 'string' && typeof i.file === 'string' && typeof i.kind === 'string');
    case 'didSetSuggestions':
      return (
        isRequestId(p.count) &&
        Array.isArray(p.nodes) &&
        p.nodes.every((n) => isRecord(n) && isId(n.id) && typeof n.kind === 'string' && KINDS.includes(n.kind) && typeof n.label === 'string' && typeof n.text === 'string' && typeof n.file === 'string' && typeof n.line === 'number' && n.suggested === true) &&
        Array.isArray(p.edges) &&
        p.edges.every((e) => isRecord(e) && isId(e.id) && isId(e.source) && isId(e.target) && typeof e.kind === 'string')
      );
    default:
      return false;
  }
}
