/** Messages between the extension host and the map webview, and the guards that check them on arrival (no vscode, DOM or Node imports). */
import type { MapDiff, MapGraph, MapScope } from './core/map/mapModel';

/** Layout names the map offers; `auto` picks dagre for one draft and fcose for more. */
export type MapLayoutName = 'auto' | 'dagre' | 'fcose';
export const MAP_LAYOUTS: readonly MapLayoutName[] = ['auto', 'dagre', 'fcose'];
export type ExportFormat = 'png' | 'svg';

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
  };
}

/** Host -> view: changes while the writer types; unchanged nodes keep their places. */
export interface DidPatchGraph {
  type: 'didPatchGraph';
  payload: { diff: MapDiff };
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

export type HostMessage = DidSetGraph | DidPatchGraph | DidRevealNode | DidRequestExport;

/** View -> host: the page is ready for the whole state. */
export interface ViewDidLoad {
  type: 'viewDidLoad';
  payload: { scope?: MapScope };
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

export type ViewMessage = ViewDidLoad | ViewDidClickNode | ViewDidChangeScope | ViewDidExport;

/** The largest node id a view may send. */
export const MAX_ID_LENGTH = 2048;
/** The largest export a view may send (bytes of text). */
export const MAX_EXPORT_LENGTH = 32 * 1024 * 1024;

const SCOPES: readonly string[] = ['draft', 'linked', 'workspace'];

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
      return hasExactly(p, [], ['scope']) && (p.scope === undefined || (typeof p.scope === 'string' && SCOPES.includes(p.scope)));
    case 'viewDidClickNode':
      return hasExactly(p, ['id', 'toSide']) && typeof p.id === 'string' && p.id.length > 0 && p.id.length <= MAX_ID_LENGTH && typeof p.toSide === 'boolean';
    case 'viewDidChangeScope':
      return hasExactly(p, ['scope']) && typeof p.scope === 'string' && SCOPES.includes(p.scope);
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
      return isRecord(p.graph) && Array.isArray(p.graph.nodes) && Array.isArray(p.graph.edges) && Array.isArray(p.graph.files) && typeof p.scope === 'string' && SCOPES.includes(p.scope);
    case 'didPatchGraph':
      return isRecord(p.diff) && ['addFiles', 'removeFiles', 'addNodes', 'updateNodes', 'removeNodes', 'addEdges', 'removeEdges'].every((k) => Array.isArray((p.diff as Record<string, unknown>)[k]));
    case 'didRevealNode':
      return typeof p.id === 'string';
    case 'didRequestExport':
      return p.format === 'png' || p.format === 'svg';
    default:
      return false;
  }
}
