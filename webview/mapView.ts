/** The argument map's webview: draws the map with Cytoscape, keeps it steady while the writer types, and reports clicks to the host. */
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, NodeSingular } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import type { ArgumentGraph, ElementKind } from '../extension/core/model';
import { ELEMENT_KINDS } from '../extension/core/model';
import { toMapGraph, type MapDiff, type MapEdge, type MapFile, type MapGraph, type MapNode, type MapScope } from '../extension/core/map/mapModel';
import { isHostMessage, type HostMessage, type MapLayoutName, type ViewMessage } from '../extension/protocol';
import { buildStylesheet, nodeHeight, readPalette } from './theme';
import { mapToSvg } from './svgExport';
import { layeredGrid } from './fastLayout';
import { buildUi, type Ui } from './ui';

cytoscape.use(dagre);
cytoscape.use(fcose);

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What survives hiding the panel and reloading the window. */
interface ViewState {
  scope: MapScope;
  layout: MapLayoutName;
  hiddenKinds: ElementKind[];
  topic: string;
  group: boolean;
  search: string;
  focusDepth: number;
  zoom?: number;
  pan?: { x: number; y: number };
  positions?: Record<string, { x: number; y: number }>;
  activeFile?: string;
}

/** Above this many nodes the map trades detail for speed: fast layout, no file groups, fewer labels when zoomed out. */
const LARGE = 400;
const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;

const saved = (vscode?.getState() ?? {}) as Partial<ViewState>;
const state: ViewState = {
  scope: saved.scope ?? 'draft',
  layout: saved.layout ?? 'auto',
  hiddenKinds: Array.isArray(saved.hiddenKinds) ? saved.hiddenKinds : [],
  topic: typeof saved.topic === 'string' ? saved.topic : '',
  group: saved.group ?? true,
  search: typeof saved.search === 'string' ? saved.search : '',
  focusDepth: typeof saved.focusDepth === 'number' ? saved.focusDepth : 2,
  zoom: saved.zoom,
  pan: saved.pan,
  positions: saved.positions,
  activeFile: saved.activeFile,
};
let layoutChosen = saved.layout !== undefined;
let followCursor = true;
let current: MapGraph = { files: [], nodes: [], edges: [], topics: [] };
let focusId: string | undefined;

const ui: Ui = buildUi(document.body, { standalone: !vscode, state });
const cy: Core = cytoscape({
  container: ui.map,
  minZoom: 0.05,
  maxZoom: 4,
  boxSelectionEnabled: false,
  textureOnViewport: true,
  hideEdgesOnViewport: true,
  hideLabelsOnViewport: true,
  pixelRatio: 'auto',
  style: buildStylesheet(readPalette(), false) as cytoscape.StylesheetJson,
});

let labelsShown = true;
/** Applies the stylesheet for the current theme and map size; big maps draw text only when zoomed in enough to read it. */
function restyle(): void {
  const large = current.nodes.length > LARGE;
  labelsShown = !large || cy.zoom() >= 0.4;
  cy.style(buildStylesheet(readPalette(), large, labelsShown) as cytoscape.StylesheetJson);
}

function post(message: ViewMessage): void {
  vscode?.postMessage(message);
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function saveState(): void {
  if (!vscode) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    state.zoom = cy.zoom();
    state.pan = cy.pan();
    state.positions = Object.fromEntries(elementNodes().map((n) => [n.id(), { ...n.position() }]));
    vscode.setState(state);
  }, 300);
}

function elementNodes(): NodeSingular[] {
  return cy.nodes('[!isFile]').toArray() as NodeSingular[];
}

function fileNodeId(file: string): string {
  return `file:${file}`;
}

/** Files are drawn as groups in multi-file maps; not on big maps, where groups cost more than they show. */
function grouped(): boolean {
  return state.group && current.files.length > 1 && current.nodes.length <= LARGE;
}

function nodeDefinition(n: MapNode, position?: { x: number; y: number }): ElementDefinition {
  const data: Record<string, unknown> = { ...n, h: nodeHeight(n.label) };
  if (grouped()) data.parent = fileNodeId(n.file);
  return position ? { group: 'nodes', data, position: { ...position } } : { group: 'nodes', data };
}

function fileDefinition(f: MapFile): ElementDefinition {
  return { group: 'nodes', data: { id: fileNodeId(f.file), label: f.title, isFile: true, file: f.file } };
}

function edgeDefinition(e: MapEdge): ElementDefinition {
  return { group: 'edges', data: { ...e } };
}

/** dagre for one small draft, fcose for bigger maps; `auto` chooses by size. */
function layoutOptions(count: number): cytoscape.LayoutOptions {
  if (state.layout === 'auto' && count > LARGE) {
    // Big maps: a linear-time layered grid (dagre and fcose take seconds at this size).
    const positions = layeredGrid(current.nodes, current.edges.filter((e) => e.kind !== 'disagreement'));
    return { name: 'preset', positions: (n: cytoscape.NodeSingular) => positions.get(n.id()) ?? { x: 0, y: 0 }, fit: false, animate: false } as unknown as cytoscape.LayoutOptions;
  }
  const name = state.layout === 'auto' ? (current.files.length <= 1 && count <= 250 ? 'dagre' : 'fcose') : state.layout;
  if (name === 'dagre') {
    return { name: 'dagre', rankDir: 'BT', nodeSep: 30, rankSep: 70, edgeSep: 10, animate: false, fit: false } as cytoscape.LayoutOptions;
  }
  return {
    name: 'fcose',
    // 'draft' is fcose's spectral pass alone: fast enough for first paint of big maps; Re-layout refines.
    quality: count > 300 ? 'draft' : 'default',
    randomize: true,
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: false,
    // Short edges, strong pull inside each file's group: files read as compact clusters.
    idealEdgeLength: (e: cytoscape.EdgeSingular) => (e.source().data('file') === e.target().data('file') ? 40 : 160),
    edgeElasticity: (e: cytoscape.EdgeSingular) => (e.source().data('file') === e.target().data('file') ? 0.6 : 0.1),
    nodeRepulsion: 3000,
    nodeSeparation: 30,
    gravity: 0.4,
    gravityCompound: 3,
    gravityRangeCompound: 1,
    nestingFactor: 0.05,
    packComponents: true,
    numIter: count > LARGE ? 900 : 2500,
    tile: true,
  } as cytoscape.LayoutOptions;
}

function runLayout(): void {
  const count = elementNodes().length;
  if (count === 0) return;
  cy.layout(layoutOptions(count)).run();
  cy.fit(undefined, 30);
  saveState();
}

/** Replaces the whole map; keeps saved positions, lays out only when some node has none. */
function setGraph(graph: MapGraph, keepPositions: boolean): void {
  const known = new Map<string, { x: number; y: number }>();
  if (keepPositions) {
    for (const [id, p] of Object.entries(state.positions ?? {})) known.set(id, p);
    for (const n of elementNodes()) known.set(n.id(), { ...n.position() });
  }
  current = graph;
  labelsShown = graph.nodes.length <= LARGE;
  cy.style(buildStylesheet(readPalette(), graph.nodes.length > LARGE, labelsShown) as cytoscape.StylesheetJson);
  const allKnown = graph.nodes.length > 0 && graph.nodes.every((n) => known.has(n.id));
  performance.mark('cruxmap:set:start');
  cy.batch(() => {
    cy.elements().remove();
    const elements: ElementDefinition[] = [];
    if (grouped()) for (const f of graph.files) elements.push(fileDefinition(f));
    for (const n of graph.nodes) elements.push(nodeDefinition(n, allKnown ? known.get(n.id) : undefined));
    for (const e of graph.edges) elements.push(edgeDefinition(e));
    cy.add(elements);
  });
  performance.measure('cruxmap:set:add', 'cruxmap:set:start');
  performance.mark('cruxmap:set:added');
  if (!allKnown) runLayout();
  performance.measure('cruxmap:set:layout', 'cruxmap:set:added');
  performance.mark('cruxmap:set:laid');
  if (allKnown && state.zoom !== undefined && state.pan && keepPositions) cy.viewport({ zoom: state.zoom, pan: state.pan });
  else if (allKnown) cy.fit(undefined, 30);
  afterChange();
  performance.measure('cruxmap:set:after', 'cruxmap:set:laid');
}

/** Applies a diff without a relayout: new nodes appear next to what they point at. */
function patchGraph(diff: MapDiff): void {
  performance.mark('cruxmap:patch:start');
  const byId = new Map(current.nodes.map((n) => [n.id, n]));
  for (const id of diff.removeNodes) byId.delete(id);
  for (const n of [...diff.updateNodes, ...diff.addNodes]) byId.set(n.id, n);
  const removedEdges = new Set(diff.removeEdges);
  const edges = current.edges.filter((e) => !removedEdges.has(e.id)).concat(diff.addEdges);
  const files = new Map(current.files.map((f) => [f.file, f]));
  for (const f of diff.removeFiles) files.delete(f);
  for (const f of diff.addFiles) files.set(f.file, f);
  const wasGrouped = grouped();
  current = { files: [...files.values()], nodes: [...byId.values()], edges, topics: [...new Set([...byId.values()].flatMap((n) => n.topics))].sort() };
  if (wasGrouped !== grouped()) {
    setGraph(current, true);
    return;
  }
  cy.batch(() => {
    for (const id of diff.removeEdges) cy.getElementById(id).remove();
    for (const id of diff.removeNodes) cy.getElementById(id).remove();
    for (const f of diff.removeFiles) cy.getElementById(fileNodeId(f)).remove();
    if (grouped()) {
      for (const f of diff.addFiles) {
        const existing = cy.getElementById(fileNodeId(f.file));
        if (existing.nonempty()) existing.data('label', f.title);
        else cy.add(fileDefinition(f));
      }
    }
    for (const n of diff.updateNodes) {
      const el = cy.getElementById(n.id);
      el.data({ ...n, h: nodeHeight(n.label), problem: n.problem ?? null });
    }
    const placed = new Map<string, number>();
    for (const n of diff.addNodes) {
      cy.add(nodeDefinition(n, placeNear(n.id, diff.addEdges, placed)));
    }
    cy.add(diff.addEdges.filter((e) => cy.getElementById(e.source).nonempty() && cy.getElementById(e.target).nonempty()).map(edgeDefinition));
  });
  performance.measure('cruxmap:patch:apply', 'cruxmap:patch:start');
  performance.mark('cruxmap:patch:applied');
  afterChange();
  performance.measure('cruxmap:patch:after', 'cruxmap:patch:applied');
}

/** A free spot below the node's first target (or beside its first neighbour), offset per sibling. */
function placeNear(id: string, newEdges: MapEdge[], placed: Map<string, number>): { x: number; y: number } {
  const edge = newEdges.find((e) => e.source === id && cy.getElementById(e.target).nonempty()) ?? newEdges.find((e) => e.target === id && cy.getElementById(e.source).nonempty());
  const anchorId = edge ? (edge.source === id ? edge.target : edge.source) : undefined;
  const anchor = anchorId ? cy.getElementById(anchorId) : undefined;
  const ext = cy.extent();
  const base = anchor?.nonempty() ? anchor.position() : { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
  const key = anchorId ?? '';
  const k = placed.get(key) ?? anchor?.incomers('node').length ?? 0;
  placed.set(key, k + 1);
  // Below the target in the bottom-to-top tree, fanning out to the side.
  return { x: base.x + ((k % 5) - 2) * 60 + 40, y: base.y + 110 + Math.floor(k / 5) * 70 };
}

/** Everything that depends on the drawn elements: filters, counts, the accessible list, the empty state. */
function afterChange(): void {
  ui.setTopics(current.topics, state.topic);
  applyFilters();
  ui.setEmpty(current.nodes.length === 0);
  saveState();
}

function matchesSearch(n: NodeSingular, q: string): boolean {
  if (!q) return false;
  const text = `${n.data('text')} ${n.id()} ${n.data('kind')}`.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => text.includes(w));
}

/** Changes a class only when it differs: Cytoscape restyles every element whose classes are touched. */
function setClass(e: { hasClass(name: string): boolean; toggleClass(name: string, on?: boolean): unknown }, name: string, on: boolean): void {
  if (e.hasClass(name) !== on) e.toggleClass(name, on);
}

function applyFilters(): void {
  const hidden = new Set(state.hiddenKinds);
  const q = state.search.trim();
  let focusSet: Set<string> | undefined;
  if (focusId && cy.getElementById(focusId).nonempty()) {
    focusSet = new Set([focusId]);
    let frontier = cy.getElementById(focusId);
    for (let i = 0; i < state.focusDepth; i++) {
      frontier = frontier.neighborhood('node[!isFile]').filter((n) => !focusSet!.has(n.id()));
      frontier.forEach((n) => void focusSet!.add(n.id()));
    }
  }
  cy.batch(() => {
    for (const n of elementNodes()) {
      const filtered = hidden.has(n.data('kind')) || (state.topic !== '' && !(n.data('topics') as string[]).includes(state.topic));
      setClass(n, 'filtered', filtered);
      const match = matchesSearch(n, q);
      setClass(n, 'match', match);
      setClass(n, 'faded', (q !== '' && !match) || (focusSet !== undefined && !focusSet.has(n.id())));
    }
    cy.edges().forEach((e) => setClass(e, 'faded', e.source().hasClass('faded') || e.target().hasClass('faded')));
  });
  updateCounts();
}

function visibleNodes(): NodeSingular[] {
  return elementNodes().filter((n) => !n.hasClass('filtered'));
}

function updateCounts(): void {
  const nodes = visibleNodes();
  const edges = cy.edges().filter((e) => !e.source().hasClass('filtered') && !e.target().hasClass('filtered'));
  ui.map.dataset.nodeCount = String(nodes.length);
  ui.map.dataset.edgeCount = String(edges.length);
  const matches = state.search.trim() ? nodes.filter((n) => n.hasClass('match')).length : undefined;
  ui.setStatus(nodes.length, edges.length, matches);
  // The screen-reader list follows a moment later, so a redraw never waits for thousands of list items.
  clearTimeout(listTimer);
  listTimer = setTimeout(() => ui.setElementList(visibleNodes().map((n) => ({ id: n.id(), kind: n.data('kind'), text: n.data('text'), file: n.data('file'), line: n.data('line') }))), nodes.length > LARGE ? 400 : 0);
}
let listTimer: ReturnType<typeof setTimeout> | undefined;

function reveal(id: string, select = true): void {
  const n = cy.getElementById(id);
  if (n.empty()) return;
  if (select) {
    cy.$(':selected').unselect();
    n.select();
  }
  if (n.hasClass('filtered')) return;
  cy.stop();
  cy.animate({ center: { eles: n } }, { duration: 180 });
}

function clickNode(id: string, toSide: boolean): void {
  post({ type: 'viewDidClickNode', payload: { id, toSide } });
}

// --- Cytoscape events -----------------------------------------------------
cy.on('tap', 'node[!isFile]', (e) => {
  // The second click of a double-click belongs to 'dbltap' (open to the side).
  if (((e.originalEvent as MouseEvent | undefined)?.detail ?? 1) >= 2) return;
  clickNode(e.target.id(), false);
});
cy.on('dbltap', 'node[!isFile]', (e) => clickNode(e.target.id(), true));
cy.on('mouseover', 'node[!isFile]', (e) => {
  const n = e.target as NodeSingular;
  const p = n.renderedPosition();
  ui.showTooltip({ kind: n.data('kind'), text: n.data('text'), file: n.data('file'), line: n.data('line'), problem: n.data('problem') }, p.x, p.y - n.renderedHeight() / 2);
});
cy.on('mouseout', 'node', () => ui.hideTooltip());
cy.on('viewport', () => {
  ui.hideTooltip();
  saveState();
});
cy.on('zoom', () => {
  if (current.nodes.length <= LARGE) return;
  const z = cy.zoom();
  // Hysteresis, so zooming around the threshold does not restyle on every step.
  if ((!labelsShown && z >= 0.45) || (labelsShown && z < 0.35)) restyle();
});
cy.on('dragfree', 'node', () => saveState());
let lastRenderAt = 0;
cy.on('render', () => {
  lastRenderAt = performance.now();
});

// --- Toolbar --------------------------------------------------------------
ui.onScope((scope) => {
  state.scope = scope;
  saveState();
  post({ type: 'viewDidChangeScope', payload: { scope } });
});
ui.onLayout((layout) => {
  state.layout = layout;
  layoutChosen = true;
  runLayout();
});
ui.onSearch((q) => {
  state.search = q;
  applyFilters();
  const first = visibleNodes().find((n) => n.hasClass('match'));
  if (first) reveal(first.id(), false);
  saveState();
});
ui.onKindToggle((kind, shown) => {
  state.hiddenKinds = shown ? state.hiddenKinds.filter((k) => k !== kind) : [...state.hiddenKinds, kind];
  applyFilters();
  saveState();
});
ui.onTopic((topic) => {
  state.topic = topic;
  applyFilters();
  saveState();
});
ui.onGroup((group) => {
  state.group = group;
  setGraph(current, true);
});
ui.onFocus((on, depth) => {
  state.focusDepth = depth;
  const selected = cy.$('node:selected[!isFile]');
  focusId = on ? (selected.nonempty() ? selected.first().id() : keyboardId) : undefined;
  ui.setFocusActive(focusId !== undefined);
  applyFilters();
  saveState();
});
ui.onFit(() => cy.fit(cy.nodes(':visible'), 30));
ui.onZoom((factor) => cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: ui.map.clientWidth / 2, y: ui.map.clientHeight / 2 } }));
ui.onRelayout(() => runLayout());
ui.onExport((format) => exportImage(format));
ui.onListClick((id) => {
  reveal(id);
  clickNode(id, false);
});

// --- Keyboard navigation ----------------------------------------------------
let keyboardId: string | undefined;
function setKeyboardNode(id: string | undefined): void {
  if (keyboardId) cy.getElementById(keyboardId).removeClass('keyboard');
  keyboardId = id;
  if (!id) return;
  const n = cy.getElementById(id);
  n.addClass('keyboard');
  cy.$(':selected').unselect();
  n.select();
  reveal(id, false);
  ui.announce(`${n.data('kind')}: ${n.data('text')}`);
}

function nearestInDirection(from: NodeSingular, dx: number, dy: number): NodeSingular | undefined {
  const p = from.position();
  let best: NodeSingular | undefined;
  let bestScore = Infinity;
  for (const n of visibleNodes()) {
    if (n.id() === from.id()) continue;
    const q = n.position();
    const vx = q.x - p.x;
    const vy = q.y - p.y;
    const along = vx * dx + vy * dy;
    if (along <= 0) continue;
    const across = Math.abs(vx * dy - vy * dx);
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = n;
    }
  }
  return best;
}

ui.map.addEventListener('keydown', (e) => {
  const nodes = visibleNodes().sort((a, b) => (a.data('file') < b.data('file') ? -1 : a.data('file') > b.data('file') ? 1 : a.data('line') - b.data('line')));
  if (nodes.length === 0) return;
  const i = keyboardId ? nodes.findIndex((n) => n.id() === keyboardId) : -1;
  const current = i >= 0 ? nodes[i] : undefined;
  const dirs: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
  if (e.key === 'Tab') {
    const next = e.shiftKey ? i - 1 : i + 1;
    if (next < 0 || next >= nodes.length) return; // let focus leave the map at either end
    e.preventDefault();
    setKeyboardNode(nodes[next].id());
  } else if (e.key in dirs) {
    e.preventDefault();
    const target = current ? nearestInDirection(current, ...dirs[e.key]) : nodes[0];
    if (target) setKeyboardNode(target.id());
  } else if (e.key === 'Enter' && keyboardId) {
    e.preventDefault();
    clickNode(keyboardId, e.altKey);
  } else if (e.key === 'Escape') {
    setKeyboardNode(undefined);
    cy.$(':selected').unselect();
  } else if (e.key === '+' || e.key === '=') {
    cy.zoom(cy.zoom() * 1.2);
  } else if (e.key === '-') {
    cy.zoom(cy.zoom() / 1.2);
  }
});

// --- Export -------------------------------------------------------------------
function exportImage(format: 'png' | 'svg'): void {
  const palette = readPalette();
  const data = format === 'png' ? (cy.png({ output: 'base64uri', full: true, scale: 2, bg: palette.background }) as string) : mapToSvg(cy, palette);
  if (vscode) {
    post({ type: 'viewDidExport', payload: { format, data } });
    return;
  }
  const a = document.createElement('a');
  a.download = `argument-map.${format}`;
  a.href = format === 'png' ? data : URL.createObjectURL(new Blob([data], { type: 'image/svg+xml' }));
  a.click();
}

// --- Theme changes ------------------------------------------------------------
new MutationObserver(() => restyle()).observe(document.body, {
  attributes: true,
  attributeFilter: ['class'],
});

// --- Host messages ------------------------------------------------------------
function handle(message: HostMessage): void {
  switch (message.type) {
    case 'didSetGraph': {
      const p = message.payload;
      followCursor = p.followCursor;
      if (!layoutChosen) state.layout = p.defaultLayout;
      ui.setLayout(state.layout);
      const sameFile = p.activeFile === state.activeFile && p.scope === state.scope;
      state.scope = p.scope;
      state.activeFile = p.activeFile;
      ui.setScope(p.scope);
      if (!sameFile) {
        state.positions = undefined;
        state.zoom = undefined;
        state.pan = undefined;
        focusId = undefined;
        ui.setFocusActive(false);
      }
      setGraph(p.graph, sameFile);
      break;
    }
    case 'didPatchGraph':
      patchGraph(message.payload.diff);
      break;
    case 'didRevealNode':
      if (followCursor) reveal(message.payload.id);
      break;
    case 'didRequestExport':
      exportImage(message.payload.format);
      break;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (isHostMessage(event.data)) handle(event.data);
});

/** Read-only hooks for tests and tools (e.g. the end-to-end tests click a node's real position). */
(window as unknown as { cruxmapDebug: unknown }).cruxmapDebug = {
  nodeIds: () => elementNodes().map((n) => n.id()),
  renderedPosition: (id: string) => {
    const n = cy.getElementById(id);
    if (n.empty()) return undefined;
    const p = n.renderedPosition();
    const r = ui.map.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  },
  positions: () => Object.fromEntries(elementNodes().map((n) => [n.id(), { ...n.position() }])),
  visibleNodeIds: () => visibleNodes().map((n) => n.id()),
  matchIds: () => visibleNodes().filter((n) => n.hasClass('match')).map((n) => n.id()),
  selectedIds: () => cy.$('node:selected').map((n) => n.id()),
  zoom: () => cy.zoom(),
  /** When Cytoscape last finished drawing a frame (performance.now()), for benchmarks. */
  lastRenderAt: () => lastRenderAt,
  nodeSize: (id: string) => {
    const n = cy.getElementById(id);
    return n.empty() ? undefined : { width: n.renderedWidth(), height: n.renderedHeight(), label: n.style('label') as string };
  },
};

if (vscode) {
  post({ type: 'viewDidLoad', payload: { scope: state.scope } });
} else {
  // Standalone page (cruxmap export --format html): the graph travels as JSON data in the page.
  const data = document.getElementById('cruxmap-data')?.textContent;
  let graph: ArgumentGraph | undefined;
  try {
    graph = data ? (JSON.parse(data) as ArgumentGraph) : undefined;
  } catch {
    graph = undefined;
  }
  if (graph && Array.isArray(graph.files) && Array.isArray(graph.nodes)) {
    state.scope = 'workspace';
    setGraph(toMapGraph(graph, new Set(graph.files.map((f) => f.file))), false);
  } else {
    setGraph({ files: [], nodes: [], edges: [], topics: [] }, false);
  }
  // In the page, a click shows where the element is, as there is no editor to jump to.
  cy.on('tap', 'node[!isFile]', (e) => ui.announce(`${e.target.data('file')}:${Number(e.target.data('line')) + 1}`, true));
}

export { ELEMENT_KINDS };
