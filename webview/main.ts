/** The map webview's bridge: wires host messages, the toolbar, the keyboard and the map's popups to the map view, its saved state and the filters. */
import type { ArgumentGraph, ElementKind } from '../extension/core/model';
import { ELEMENT_KINDS } from '../extension/core/model';
import { toMapGraph } from '../extension/core/map/mapModel';
import { isHostMessage, type HostMessage, type MapAnswerKind, type MapEdit, type MapRelation, type TargetItem, type ViewMessage } from '../extension/protocol';
import { readPalette } from './theme';
import { mapToSvg } from './svgExport';
import { buildUi } from './ui';
import { MapView, LARGE } from './mapView';
import { loadViewState, stateSaver, type Point, type StateStore } from './viewState';
import { computeVisibility, matchesSearch } from './filters';
import { keyAction, nearestInDirection } from './keyboard';
import { Popups, type MenuItem, type PickItem } from './mapMenu';

interface VsCodeApi extends StateStore {
  postMessage(message: ViewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const state = loadViewState(vscode?.getState());
let followCursor = true;
/** Versions of the shown files, as the host sent them: an edit names the ones it was drawn from. */
const versions = new Map<string, number>();

const ui = buildUi(document.body, { standalone: !vscode, state });
const popups = new Popups(ui.stage);

function post(message: ViewMessage): void {
  vscode?.postMessage(message);
}

function tap(id: string, toSide: boolean): void {
  if (vscode) post({ type: 'viewDidClickNode', payload: { id, toSide } });
  // In the standalone page there is no editor to jump to: say where the element is.
  else ui.announce(`${view.node(id)?.data('file')}:${Number(view.node(id)?.data('line')) + 1}`, true);
}

const view = new MapView(ui.map, {
  tap,
  context: (id, at) => void nodeMenu(id, at),
  drop: (source, target) => void connectFlow(source, target, view.pageOf(view.node(target)!.renderedPosition())),
  hover: (n) => {
    if (!n) return ui.hideTooltip();
    const p = n.renderedPosition();
    ui.showTooltip({ kind: n.data('kind'), text: n.data('text'), file: n.data('file'), line: n.data('line'), problem: n.data('problem') }, p.x, p.y - n.renderedHeight() / 2);
  },
  viewport: () => {
    ui.hideTooltip();
    save();
  },
  changed: () => {
    ui.setTopics(view.graph.topics, state.topic);
    applyFilters();
    ui.setEmpty(view.graph.nodes.length === 0);
    selectPending();
    save();
  },
});
view.layout = state.layout;
view.group = state.group;

const save = stateSaver(vscode, state, (s) => {
  s.zoom = view.cy.zoom();
  s.pan = view.cy.pan();
  s.positions = Object.fromEntries(view.positions());
});

// --- Filters -----------------------------------------------------------------
const collapsed = new Set(state.collapsed);

function applyFilters(): void {
  if (state.focusId && !view.node(state.focusId)) state.focusId = undefined;
  const v = computeVisibility(view.graph.nodes, view.graph.edges, { hiddenKinds: state.hiddenKinds, topic: state.topic, search: state.search, focusId: state.focusId, focusDepth: state.focusDepth, collapsed });
  view.applyVisibility(v);
  ui.setFocusActive(state.focusId !== undefined);
  const focused = state.focusId ? view.node(state.focusId) : undefined;
  ui.setBreadcrumb(focused ? `${focused.data('kind')}: ${focused.data('label')}` : undefined);
  updateCounts(v.matches.size);
}

let listTimer: ReturnType<typeof setTimeout> | undefined;
function updateCounts(matches: number): void {
  const nodes = view.visibleNodes();
  const edges = view.cy.edges().filter((e) => !e.source().hasClass('filtered') && !e.target().hasClass('filtered'));
  ui.map.dataset.nodeCount = String(nodes.length);
  ui.map.dataset.edgeCount = String(edges.length);
  ui.setStatus(nodes.length, edges.length, state.search.trim() ? matches : undefined);
  // The screen-reader list follows a moment later, so a redraw never waits for thousands of list items.
  clearTimeout(listTimer);
  listTimer = setTimeout(
    () => ui.setElementList(view.visibleNodes().map((n) => ({ id: n.id(), kind: n.data('kind'), text: n.data('text'), file: n.data('file'), line: n.data('line') }))),
    nodes.length > LARGE ? 400 : 0,
  );
}

function focusOn(id: string | undefined): void {
  state.focusId = id;
  applyFilters();
  if (id) view.fitLegibly(true);
  save();
}

function toggleCollapse(id: string): void {
  if (collapsed.has(id)) collapsed.delete(id);
  else collapsed.add(id);
  state.collapsed = [...collapsed];
  applyFilters();
  save();
}

// --- Toolbar -------------------------------------------------------------------
ui.onScope((scope) => {
  state.scope = scope;
  save();
  post({ type: 'viewDidChangeScope', payload: { scope } });
});
ui.onLayout((layout) => {
  state.layout = layout;
  state.layoutChosen = true;
  view.layout = layout;
  void view.runLayout(true).then(save);
});
ui.onSearch((q) => {
  state.search = q;
  applyFilters();
  const first = view.visibleNodes().find((n) => n.hasClass('match'));
  if (first) view.reveal(first.id(), false);
  save();
});
ui.onKindToggle((kind, shown) => {
  state.hiddenKinds = shown ? state.hiddenKinds.filter((k) => k !== kind) : [...state.hiddenKinds, kind];
  applyFilters();
  save();
});
ui.onTopic((topic) => {
  state.topic = topic;
  applyFilters();
  save();
});
ui.onGroup((group) => {
  state.group = group;
  view.group = group;
  view.setGraph(view.graph, view.positions());
});
ui.onFocus((on, depth) => {
  state.focusDepth = depth;
  focusOn(on ? (selectedId() ?? keyboardId) : undefined);
});
ui.onBreadcrumbBack(() => focusOn(undefined));
ui.onFit(() => view.fitLegibly(true));
ui.onZoom((factor) => view.zoomBy(factor));
ui.onRelayout(() => void view.runLayout(true).then(save));
ui.onExport((format) => exportImage(format));
ui.onListClick((id) => {
  view.reveal(id);
  tap(id, false);
});
ui.onNodeActions((at) => {
  const id = selectedId() ?? keyboardId;
  if (id) void nodeMenu(id, at);
  else ui.notify('Select an element on the map first (click it, or Tab to it).', 'info');
});

function selectedId(): string | undefined {
  const s = view.cy.$('node:selected[!isFile]');
  return s.nonempty() ? s.first().id() : undefined;
}

// --- Editing from the map --------------------------------------------------------
const KIND_TITLE: Record<ElementKind, string> = { claim: 'Claim', support: 'Support', objection: 'Objection', reply: 'Reply', crux: 'Crux', question: 'Question' };
const RELATION_TITLE: Record<MapRelation, string> = { supports: 'Supports it', objects: 'Objects to it', replies: 'Replies to it', crux: 'Crux between the two' };
let nextRequest = 1;
const pending = new Map<number, { startedAt: number; kind: MapEdit['type'] }>();
const targetRequests = new Map<number, (items: TargetItem[]) => void>();
let pendingSelect: { id: string; startedAt: number } | undefined;
let lastEditMs: number | undefined;

function nodeAt(id: string): Point {
  const n = view.node(id);
  return n ? view.pageOf({ x: n.renderedPosition().x, y: n.renderedPosition().y + n.renderedHeight() / 2 }) : { x: 40, y: 40 };
}

/** Sends an edit with the versions of the files it touches (as the map knows them). */
function requestEdit(edit: MapEdit): void {
  if (!vscode) {
    ui.notify('This page is a read-only export: open the drafts in VS Code to edit them.', 'info');
    return;
  }
  const files = new Set<string>();
  for (const id of [edit.id, edit.type === 'connect' ? edit.targetId : undefined]) {
    const f = id ? view.node(id)?.data('file') : undefined;
    if (typeof f === 'string') files.add(f);
  }
  const v: Record<string, number> = {};
  for (const f of files) if (versions.has(f)) v[f] = versions.get(f)!;
  const requestId = nextRequest++;
  pending.set(requestId, { startedAt: performance.now(), kind: edit.type });
  post({ type: 'viewDidRequestEdit', payload: { requestId, edit, versions: v } });
}

async function addFlow(id: string, kind: MapAnswerKind, at: Point): Promise<void> {
  const text = await popups.input(`Add ${KIND_TITLE[kind].toLowerCase()}`, `${KIND_TITLE[kind]}: …`, at);
  if (text?.trim()) requestEdit({ type: 'add', id, kind, text: text.trim() });
  ui.map.focus();
}

/** Elements to connect to: the map's own, and with a host the workspace's (other files too). */
async function targets(query: string, exclude: string): Promise<PickItem[]> {
  const local = view.graph.nodes.filter((n) => n.id !== exclude && (!query.trim() || matchesSearch(n, query))).slice(0, 50);
  const items = new Map<string, PickItem>(local.map((n) => [n.id, { id: n.id, label: n.label, detail: `${n.file}:${n.line + 1}`, kind: n.kind }]));
  if (vscode) {
    const requestId = nextRequest++;
    const remote = await new Promise<TargetItem[]>((resolve) => {
      targetRequests.set(requestId, resolve);
      post({ type: 'viewDidRequestTargets', payload: { requestId, query: query.slice(0, 200) } });
      setTimeout(() => targetRequests.has(requestId) && (targetRequests.delete(requestId), resolve([])), 3000);
    });
    for (const t of remote) if (t.id !== exclude && !items.has(t.id)) items.set(t.id, { id: t.id, label: t.label, detail: t.file, kind: t.kind });
  }
  return [...items.values()].slice(0, 60);
}

async function connectFlow(id: string, targetId: string | undefined, at: Point): Promise<void> {
  const target = targetId ?? (await popups.pick('Connect to…', at, (q) => targets(q, id)));
  if (!target) return void ui.map.focus();
  const relation = (await popups.menu(
    (Object.keys(RELATION_TITLE) as MapRelation[]).map((r, i) => ({ id: r, label: RELATION_TITLE[r], key: String(i + 1) })),
    at,
    'How does it connect?',
  )) as MapRelation | undefined;
  if (relation) requestEdit({ type: 'connect', id, targetId: target, relation });
  ui.map.focus();
}

async function nodeMenu(id: string, at: Point): Promise<void> {
  const n = view.node(id);
  if (!n) return;
  const items: MenuItem[] = [
    { id: 'add:support', label: 'Add Support', key: 'S' },
    { id: 'add:objection', label: 'Add Objection', key: 'O' },
    { id: 'add:reply', label: 'Add Reply', key: 'R' },
    { id: 'add:question', label: 'Add Question', key: 'Q' },
    { id: 'connect', label: 'Connect to…', key: 'C' },
    { id: 'kind', label: 'Change Kind…', key: 'K' },
    { id: 'remove', label: 'Remove Label', key: 'L' },
    { id: 'focus', label: state.focusId === id ? 'Show Whole Map' : 'Focus on This', key: 'F' },
    { id: 'collapse', label: collapsed.has(id) ? 'Expand' : 'Collapse', key: 'Space' },
    { id: 'open', label: 'Open in Editor', key: 'E' },
  ];
  const choice = await popups.menu(items, at, `${n.data('kind')}: ${n.data('label')}`);
  if (!choice) return void ui.map.focus();
  await runAction(id, choice, at);
}

async function runAction(id: string, action: string, at: Point): Promise<void> {
  if (action.startsWith('add:')) return addFlow(id, action.slice(4) as MapAnswerKind, at);
  switch (action) {
    case 'connect':
      return connectFlow(id, undefined, at);
    case 'kind': {
      const current = view.node(id)?.data('kind') as ElementKind;
      const kind = await popups.menu(ELEMENT_KINDS.map((k, i) => ({ id: k, label: KIND_TITLE[k], key: String(i + 1), disabled: k === current })), at, 'Change kind to');
      if (kind) requestEdit({ type: 'changeKind', id, kind: kind as ElementKind });
      break;
    }
    case 'remove':
      requestEdit({ type: 'removeLabel', id });
      break;
    case 'focus':
      focusOn(state.focusId === id ? undefined : id);
      break;
    case 'collapse':
      toggleCollapse(id);
      break;
    case 'open':
      post({ type: 'viewDidClickNode', payload: { id, toSide: false } });
      break;
  }
  ui.map.focus();
}

/** Selects the node an edit made once it is drawn, and notes the time from the request to then. */
function selectPending(): void {
  if (!pendingSelect || !view.node(pendingSelect.id)) return;
  const { id, startedAt } = pendingSelect;
  pendingSelect = undefined;
  setKeyboardNode(id);
  const drawnAfter = view.renderedAt;
  const stamp = () => {
    if (view.renderedAt > drawnAfter) {
      lastEditMs = view.renderedAt - startedAt;
      performance.measure('cruxmap:edit', { start: startedAt, end: view.renderedAt });
    } else requestAnimationFrame(stamp);
  };
  requestAnimationFrame(stamp);
}

// --- Keyboard --------------------------------------------------------------------
let keyboardId: string | undefined;
function setKeyboardNode(id: string | undefined): void {
  if (keyboardId) view.node(keyboardId)?.removeClass('keyboard');
  keyboardId = id;
  if (!id) return;
  const n = view.node(id);
  if (!n) return;
  n.addClass('keyboard');
  view.cy.$(':selected').unselect();
  n.select();
  view.reveal(id, false);
  ui.announce(`${n.data('kind')}: ${n.data('text')}`);
}

ui.map.addEventListener('keydown', (e) => {
  if (popups.open) return;
  const action = keyAction(e);
  if (!action) return;
  const nodes = view.visibleNodes().sort((a, b) => (a.data('file') < b.data('file') ? -1 : a.data('file') > b.data('file') ? 1 : a.data('line') - b.data('line')));
  if (nodes.length === 0) return;
  // Tab and arrows move from the keyboard's node; the commands act on it, or on the node clicked.
  const i = keyboardId ? nodes.findIndex((n) => n.id() === keyboardId) : -1;
  const current = keyboardId ?? selectedId();
  switch (action.type) {
    case 'tab': {
      const next = action.back ? i - 1 : i + 1;
      if (next < 0 || next >= nodes.length) return; // let focus leave the map at either end
      e.preventDefault();
      setKeyboardNode(nodes[next].id());
      return;
    }
    case 'move': {
      e.preventDefault();
      const located = nodes.map((n) => ({ id: n.id(), ...n.position() }));
      const from = i >= 0 ? located[i] : undefined;
      const target = from ? nearestInDirection(from, located, action.dx, action.dy) : located[0];
      if (target) setKeyboardNode(target.id);
      return;
    }
    case 'clear':
      if (state.focusId) focusOn(undefined);
      setKeyboardNode(undefined);
      view.cy.$(':selected').unselect();
      return;
    case 'zoom':
      view.zoomBy(action.factor);
      return;
  }
  if (!current || !view.node(current)) return;
  e.preventDefault();
  const at = nodeAt(current);
  if (action.type === 'open') post({ type: 'viewDidClickNode', payload: { id: current, toSide: action.toSide } });
  else if (action.type === 'menu') void nodeMenu(current, at);
  else if (action.type === 'add') void addFlow(current, action.kind, at);
  else if (action.type === 'connect') void connectFlow(current, undefined, at);
  else if (action.type === 'focus') focusOn(state.focusId === current ? undefined : current);
  else if (action.type === 'collapse') toggleCollapse(current);
});

// --- Export ----------------------------------------------------------------------
function exportImage(format: 'png' | 'svg'): void {
  const palette = readPalette();
  const data = format === 'png' ? (view.cy.png({ output: 'base64uri', full: true, scale: 2, bg: palette.background }) as string) : mapToSvg(view.cy, palette);
  if (vscode) {
    post({ type: 'viewDidExport', payload: { format, data } });
    return;
  }
  const a = document.createElement('a');
  a.download = `argument-map.${format}`;
  a.href = format === 'png' ? data : URL.createObjectURL(new Blob([data], { type: 'image/svg+xml' }));
  a.click();
}

// --- Theme changes ---------------------------------------------------------------
new MutationObserver(() => view.restyle()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

// --- Host messages ---------------------------------------------------------------
function setVersions(v: Record<string, number> | undefined, replace: boolean): void {
  if (replace) versions.clear();
  for (const [f, n] of Object.entries(v ?? {})) versions.set(f, n);
}

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'didSetGraph': {
      const p = message.payload;
      followCursor = p.followCursor;
      if (!state.layoutChosen) state.layout = p.defaultLayout;
      view.layout = state.layout;
      ui.setLayout(state.layout);
      const sameFile = p.activeFile === state.activeFile && p.scope === state.scope;
      state.scope = p.scope;
      state.activeFile = p.activeFile;
      ui.setScope(p.scope);
      setVersions(p.versions, true);
      const known = new Map<string, Point>();
      if (sameFile) {
        for (const [id, pos] of Object.entries(state.positions ?? {})) known.set(id, pos);
        for (const [id, pos] of view.positions()) known.set(id, pos);
      } else {
        state.positions = undefined;
        state.zoom = undefined;
        state.pan = undefined;
        state.focusId = undefined;
        collapsed.clear();
        state.collapsed = [];
      }
      view.setGraph(p.graph, known, sameFile && state.zoom !== undefined && state.pan ? { zoom: state.zoom, pan: state.pan } : undefined);
      break;
    }
    case 'didPatchGraph':
      setVersions(message.payload.versions, false);
      view.patch(message.payload.diff);
      break;
    case 'didRevealNode':
      if (!followCursor) break;
      // With a focus on, the focus follows the element under the editor's cursor.
      if (state.focusId && state.focusId !== message.payload.id && view.node(message.payload.id)) focusOn(message.payload.id);
      view.reveal(message.payload.id);
      break;
    case 'didRequestExport':
      exportImage(message.payload.format);
      break;
    case 'didCompleteEdit': {
      const p = message.payload;
      const req = pending.get(p.requestId);
      pending.delete(p.requestId);
      if (p.message) ui.notify(p.message, p.ok ? 'info' : 'error');
      if (p.ok && p.select && req) {
        pendingSelect = { id: p.select, startedAt: req.startedAt };
        selectPending();
      }
      break;
    }
    case 'didListTargets': {
      const resolve = targetRequests.get(message.payload.requestId);
      targetRequests.delete(message.payload.requestId);
      resolve?.(message.payload.items.slice(0, 50));
      break;
    }
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (isHostMessage(event.data)) handle(event.data);
});

/** Read-only hooks for tests and tools. */
(window as unknown as { cruxmapDebug: unknown }).cruxmapDebug = {
  ...view.debugHooks(),
  /** Milliseconds from the last map edit's request to the frame that drew its node selected. */
  lastEditMs: () => lastEditMs,
  focusId: () => state.focusId,
  collapsedIds: () => [...collapsed],
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
  state.scope = 'workspace';
  view.setGraph(graph && Array.isArray(graph.files) && Array.isArray(graph.nodes) ? toMapGraph(graph, new Set(graph.files.map((f) => f.file))) : { files: [], nodes: [], edges: [], topics: [] }, new Map());
}
