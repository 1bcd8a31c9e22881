/** The map's view state: what survives hiding the panel and reloading the window; loaded and checked from getState, saved with setState. */
import type { ElementKind } from '../extension/core/model';
import { ELEMENT_KINDS } from '../extension/core/model';
import { MAP_SCOPES, type MapScope } from '../extension/core/map/mapModel';
import { MAP_LAYOUTS, type MapLayoutName } from '../extension/protocol';

export interface Point {
  x: number;
  y: number;
}

export interface ViewState {
  scope: MapScope;
  layout: MapLayoutName;
  /** Whether the writer picked the layout (else the host's default applies). */
  layoutChosen: boolean;
  hiddenKinds: ElementKind[];
  topic: string;
  group: boolean;
  search: string;
  focusDepth: number;
  /** The element "Focus on This" shows with its neighbourhood, if any. */
  focusId?: string;
  /** Elements whose subtree is collapsed. */
  collapsed: string[];
  zoom?: number;
  pan?: Point;
  positions?: Record<string, Point>;
  activeFile?: string;
  /** Whether the map draws the suggested (ghost) nodes. */
  showSuggestions: boolean;
  /** The cards' width the saved positions were laid out with (model units). */
  cardWidth?: number;
  /** Nodes the writer dragged to a place of their own (a resize keeps the layout while there are some). */
  placed: string[];
}

/** What the webview API offers for state (acquireVsCodeApi's getState/setState). */
export interface StateStore {
  getState(): unknown;
  setState(state: unknown): void;
}

function isPoint(x: unknown): x is Point {
  return typeof x === 'object' && x !== null && Number.isFinite((x as Point).x) && Number.isFinite((x as Point).y);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Reads a saved state, keeping only fields of the right type (a state saved by an older
 * build, or damaged, must not break the page): anything else falls back to its default.
 */
export function loadViewState(raw: unknown): ViewState {
  const s = isRecord(raw) ? raw : {};
  const positions: Record<string, Point> = {};
  if (isRecord(s.positions)) for (const [id, p] of Object.entries(s.positions)) if (isPoint(p)) positions[id] = { x: p.x, y: p.y };
  const strings = (x: unknown) => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : []);
  return {
    scope: typeof s.scope === 'string' && (MAP_SCOPES as readonly string[]).includes(s.scope) ? (s.scope as MapScope) : 'draft',
    layout: typeof s.layout === 'string' && (MAP_LAYOUTS as readonly string[]).includes(s.layout) ? (s.layout as MapLayoutName) : 'auto',
    layoutChosen: s.layoutChosen === true || (s.layoutChosen === undefined && typeof s.layout === 'string'),
    hiddenKinds: strings(s.hiddenKinds).filter((k): k is ElementKind => (ELEMENT_KINDS as readonly string[]).includes(k)),
    topic: typeof s.topic === 'string' ? s.topic : '',
    group: typeof s.group === 'boolean' ? s.group : true,
    search: typeof s.search === 'string' ? s.search : '',
    focusDepth: typeof s.focusDepth === 'number' && s.focusDepth >= 1 && s.focusDepth <= 6 ? Math.round(s.focusDepth) : 2,
    focusId: typeof s.focusId === 'string' ? s.focusId : undefined,
    collapsed: strings(s.collapsed),
    zoom: typeof s.zoom === 'number' && s.zoom > 0 && Number.isFinite(s.zoom) ? s.zoom : undefined,
    pan: isPoint(s.pan) ? { x: s.pan.x, y: s.pan.y } : undefined,
    positions: Object.keys(positions).length ? positions : undefined,
    activeFile: typeof s.activeFile === 'string' ? s.activeFile : undefined,
    showSuggestions: s.showSuggestions === true,
    cardWidth: typeof s.cardWidth === 'number' && s.cardWidth >= 60 && s.cardWidth <= 600 ? s.cardWidth : undefined,
    placed: strings(s.placed),
  };
}

/** Saves the state a moment after the last change (pan and drag fire many events); `snapshot` fills in what the map holds. */
export function stateSaver(store: StateStore | undefined, state: ViewState, snapshot: (s: ViewState) => void, delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (!store) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      snapshot(state);
      store.setState(state);
    }, delayMs);
  };
}
