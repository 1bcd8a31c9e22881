/** The map webview's bridge: wires host messages, the toolbar and the keyboard to the map view, its saved state, the filters and the editing from the map. */
import type { ArgumentGraph } from '../extension/core/model';
import { toMapGraph } from '../extension/core/map/mapModel';
import { isHostMessage, MAP_PEER_FORMATS, type HostMessage, type ViewMessage } from '../extension/protocol';
import { readPalette } from './theme';
import { mapToSvg } from './svgExport';
import { buildUi } from './ui';
import { MapView, LARGE } from './mapView';
import { loadViewState, stateSaver, type Point, type StateStore } from './viewState';
import { computeVisibility } from './filters';
import { ghostKeyAction, keyAction, nearestInDirection, nodeAnnouncement } from './keyboard';
import { Popups } from './mapMenu';
import { MapEditing } from './mapEditing';

interface VsCodeApi extends StateStore {
  postMessage(message: ViewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const state = loadViewState(vscode?.getState());
let followCursor = true;

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
  context: (id, at) => void editing.menu(id, at),
  ghostContext: (id, at) => void ghostMenu(id, at),
  drop: (source, target) => void editing.connect(source, target, view.pageOf(view.node(target)!.renderedPosition())),
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
    ui.setEmpty(view.graph.nodes.length === 0 && view.ghostCount === 0);
    editing.selectPending();
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
  // Ghosts follow the kind toggles as the elements do (hidden ones are neither drawn nor reached from the keyboard).
  for (const g of view.ghostNodes()) g.toggleClass('filtered', state.hiddenKinds.includes(g.data('kind')));
  ui.setFocusActive(state.focusId !== undefined);
  const focused = state.focusId ? view.node(state.focusId) : undefined;
  ui.setBreadcrumb(focused ? `${focused.data('kind')}: ${focused.data('label')}` : undefined);
  updateCounts(v.matches.size);
}

let listTimer: ReturnType<typeof setTimeout> | undefined;
function updateCounts(matches: number): void {
  const nodes = view.visibleNodes();
  const edges = view.cy.edges(':not(.suggested)').filter((e) => !e.source().hasClass('filtered') && !e.target().hasClass('filtered'));
  ui.map.dataset.nodeCount = String(nodes.length);
  ui.map.dataset.edgeCount = String(edges.length);
  ui.setStatus(nodes.length, edges.length, state.search.trim() ? matches : undefined);
  // The screen-reader list follows a moment later, so a redraw never waits for thousands of list items.
  clearTimeout(listTimer);
  listTimer = setTimeout(
    // With ghosts drawn, they join the list in source order; without, the list is the elements as drawn (no sort on big maps).
    () => ui.setElementList((view.ghostCount ? keyboardNodes() : view.visibleNodes()).map((n) => ({ id: n.id(), kind: n.data('suggested') ? `${n.data('kind')}, suggested` : n.data('kind'), text: n.data('text'), file: n.data('file'), line: n.data('line') }))),
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
// The export menu: the images of the view, and the drafts in scope in a peer tool's format (written by the host).
ui.onExportMenu((at) => {
  void popups
    .menu(
      [
        { id: 'png', label: 'PNG image' },
        { id: 'svg', label: 'SVG image' },
        ...MAP_PEER_FORMATS.map((f) => ({ id: f.id, label: f.label })),
      ],
      at,
      `Export the ${state.scope === 'workspace' ? 'workspace' : state.scope === 'linked' ? 'draft and linked drafts' : 'draft'}`,
    )
    .then((choice) => {
      if (choice === 'png' || choice === 'svg') exportImage(choice);
      else {
        const peer = MAP_PEER_FORMATS.find((f) => f.id === choice);
        if (peer) post({ type: 'viewDidRequestPeerExport', payload: { format: peer.id } });
      }
      ui.map.focus();
    });
});
ui.onListClick((id) => {
  view.reveal(id);
  // A ghost in the list opens its menu (Accept), as Enter on it in the map does.
  if (view.node(id)?.data('suggested')) void ghostMenu(id, editing.nodeAt(id));
  else tap(id, false);
});
ui.onNodeActions((at) => {
  const id = selectedId() ?? keyboardId;
  if (id && view.node(id)?.data('suggested')) void ghostMenu(id, at);
  else if (id) void editing.menu(id, at);
  else ui.notify('Select an element on the map first (click it, or Tab to it).', 'info');
});

function selectedId(): string | undefined {
  const s = view.cy.$('node:selected[!isFile]');
  return s.nonempty() ? s.first().id() : undefined;
}

// --- Suggestions -----------------------------------------------------------------
ui.setSuggestionsShown(state.showSuggestions);
ui.onShowSuggestions((on) => {
  state.showSuggestions = on;
  ui.setSuggestionsShown(on);
  // Off: the ghosts go at once; on: the host sends them.
  if (!on) view.setSuggestions([], []);
  post({ type: 'viewDidToggleSuggestions', payload: { show: on } });
  save();
});

/** A ghost node's menu: accept it (the host writes its label, and its reference when needed), or open its block. */
async function ghostMenu(id: string, at: Point): Promise<void> {
  const n = view.node(id);
  if (!n) return;
  const kind = String(n.data('kind'));
  const title = kind.charAt(0).toUpperCase() + kind.slice(1);
  const choice = await popups.menu([{ id: 'accept', label: `Accept: Mark as ${title}`, key: 'A' }], at, `Suggested ${kind}: ${n.data('label')} (because of: ${n.data('cue')})`);
  if (choice === 'accept') {
    if (vscode) post({ type: 'viewDidAcceptSuggestion', payload: { id } });
    else ui.notify('Accepting needs the editor.', 'info');
  }
  ui.map.focus();
}

// --- Editing from the map --------------------------------------------------------
const editing = new MapEditing(view, popups, {
  post: vscode ? post : undefined,
  notify: (text, kind) => ui.notify(text, kind),
  focusMap: () => ui.map.focus(),
  select: (id) => setKeyboardNode(id),
  focusedId: () => state.focusId,
  focusOn,
  isCollapsed: (id) => collapsed.has(id),
  toggleCollapse,
});

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
  ui.announce(nodeAnnouncement({ kind: String(n.data('kind')), text: String(n.data('text')), suggested: n.data('suggested') === true, cue: n.data('cue') }));
}

/** The nodes the keyboard and the screen-reader list reach: the visible elements and the ghosts (suggested nodes), in source order. */
function keyboardNodes(): ReturnType<MapView['visibleNodes']> {
  return [...view.visibleNodes(), ...view.ghostNodes().filter((n) => !n.hasClass('filtered'))].sort((a, b) => (a.data('file') < b.data('file') ? -1 : a.data('file') > b.data('file') ? 1 : a.data('line') - b.data('line')));
}

ui.map.addEventListener('keydown', (e) => {
  if (popups.open) return;
  const action = keyAction(e);
  if (!action) return;
  const nodes = keyboardNodes();
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
  const at = editing.nodeAt(current);
  // A ghost (suggested node) has one menu, Accept; the element commands do not apply to it.
  if (view.node(current)?.data('suggested')) {
    if (ghostKeyAction(action) === 'menu') void ghostMenu(current, at);
    return;
  }
  if (action.type === 'open') post({ type: 'viewDidClickNode', payload: { id: current, toSide: action.toSide } });
  else if (action.type === 'menu') void editing.menu(current, at);
  else if (action.type === 'add') void editing.add(current, action.kind, at);
  else if (action.type === 'connect') void editing.connect(current, undefined, at);
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
function handle(message: HostMessage): void {
  switch (message.type) {
    case 'didSetGraph': {
      const p = message.payload;
      followCursor = p.followCursor;
      if (!state.layoutChosen) state.layout = p.defaultLayout;
      view.layout = state.layout;
      ui.setLayout(state.layout);
      ui.setUnread(p.unread);
      const sameFile = p.activeFile === state.activeFile && p.scope === state.scope;
      state.scope = p.scope;
      state.activeFile = p.activeFile;
      ui.setScope(p.scope);
      editing.setVersions(p.versions, true);
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
        // The last draft's ghosts must not be drawn on this one: its own suggestions follow the map.
        view.dropSuggestions();
      }
      view.setGraph(p.graph, known, sameFile && state.zoom !== undefined && state.pan ? { zoom: state.zoom, pan: state.pan } : undefined);
      break;
    }
    case 'didPatchGraph':
      editing.setVersions(message.payload.versions, false);
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
    case 'didCompleteEdit':
      editing.completed(message.payload);
      break;
    case 'didListTargets':
      editing.listed(message.payload);
      break;
    case 'didSetSuggestions':
      ui.setSuggestionCount(message.payload.count);
      view.setSuggestions(state.showSuggestions ? message.payload.nodes : [], state.showSuggestions ? message.payload.edges : []);
      break;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (isHostMessage(event.data)) handle(event.data);
});

/** Read-only hooks for tests and tools. */
(window as unknown as { cruxmapDebug: unknown }).cruxmapDebug = {
  ...view.debugHooks(),
  /** Milliseconds from the last map edit's request to the frame that drew its node selected. */
  lastEditMs: () => editing.lastEditMs,
  focusId: () => state.focusId,
  collapsedIds: () => [...collapsed],
};

if (vscode) {
  post({ type: 'viewDidLoad', payload: { scope: state.scope, ...(state.showSuggestions ? { suggestions: true } : {}) } });
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
