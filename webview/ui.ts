/** The map's toolbar, tooltip, empty state and screen-reader list: plain DOM styled with --vscode-* variables, draft text only ever as textContent. */
import type { ElementKind } from '../extension/core/model';
import { ELEMENT_KINDS } from '../extension/core/model';
import type { MapScope } from '../extension/core/map/mapModel';
import type { MapLayoutName } from '../extension/protocol';

export interface ListItem {
  id: string;
  kind: ElementKind;
  text: string;
  file: string;
  line: number;
}

export interface TooltipInfo {
  kind: string;
  text: string;
  file: string;
  line: number;
  problem?: string;
}

export interface Ui {
  map: HTMLDivElement;
  /** The element around the map that popups are placed in. */
  stage: HTMLElement;
  /** Shows the focused element in the breadcrumb ("Whole map › …"), or hides it. */
  setBreadcrumb(label: string | undefined): void;
  /** A message for the writer over the map (an edit refused, or what an edit did); it fades after a while. */
  notify(text: string, kind: 'info' | 'error'): void;
  onBreadcrumbBack(f: () => void): void;
  /** The toolbar's "actions on the selected element" button, with the point to open a menu at. */
  onNodeActions(f: (at: { x: number; y: number }) => void): void;
  setScope(scope: MapScope): void;
  setLayout(layout: MapLayoutName): void;
  setTopics(topics: string[], selected: string): void;
  setEmpty(empty: boolean): void;
  /** Why the followed draft is not read (the empty state says so instead of how to start), or undefined. */
  setUnread(reason: string | undefined): void;
  /** How many suggestions the shown drafts have (the empty state offers to show them). */
  setSuggestionCount(n: number): void;
  setSuggestionsShown(on: boolean): void;
  /** The toolbar's "Show suggestions" toggle, or the empty state's button (which turns it on). */
  onShowSuggestions(f: (on: boolean) => void): void;
  setStatus(nodes: number, edges: number, matches?: number): void;
  setElementList(items: ListItem[]): void;
  setFocusActive(on: boolean): void;
  showTooltip(info: TooltipInfo, x: number, y: number): void;
  hideTooltip(): void;
  announce(text: string, visible?: boolean): void;
  onScope(f: (s: MapScope) => void): void;
  onLayout(f: (l: MapLayoutName) => void): void;
  onSearch(f: (q: string) => void): void;
  onKindToggle(f: (k: ElementKind, shown: boolean) => void): void;
  onTopic(f: (t: string) => void): void;
  onGroup(f: (g: boolean) => void): void;
  onFocus(f: (on: boolean, depth: number) => void): void;
  onFit(f: () => void): void;
  onZoom(f: (factor: number) => void): void;
  onRelayout(f: () => void): void;
  onExport(f: (format: 'png' | 'svg') => void): void;
  /** The toolbar's export menu button, with the point to open the menu at. */
  onExportMenu(f: (at: { x: number; y: number }) => void): void;
  onListClick(f: (id: string) => void): void;
}

type Attrs = Record<string, string>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function iconButton(icon: string, title: string, attrs: Attrs = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'icon-button', title, 'aria-label': title, ...attrs });
  b.append(el('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }));
  return b;
}

const KIND_LABELS: Record<ElementKind, string> = {
  claim: 'Claims',
  support: 'Supports',
  objection: 'Objections',
  reply: 'Replies',
  crux: 'Cruxes',
  question: 'Questions',
};

/** Builds the page around the map container. */
export function buildUi(
  root: HTMLElement,
  opts: { standalone: boolean; state: { scope: MapScope; layout: MapLayoutName; hiddenKinds: ElementKind[]; group: boolean; search: string; focusDepth: number; showSuggestions: boolean } },
): Ui {
  const { state } = opts;
  const scope = el(
    'select',
    { id: 'scope', title: 'What the map shows', 'aria-label': 'Scope' },
    el('option', { value: 'draft' }, 'This draft'),
    el('option', { value: 'linked' }, 'This draft + linked drafts'),
    el('option', { value: 'workspace' }, 'Whole workspace'),
  );
  scope.value = state.scope;
  const layout = el(
    'select',
    { id: 'layout', title: 'Layout', 'aria-label': 'Layout' },
    el('option', { value: 'auto' }, 'Auto layout'),
    el('option', { value: 'dagre' }, 'Tree (dagre)'),
    el('option', { value: 'fcose' }, 'Force (fcose)'),
  );
  layout.value = state.layout;
  const search = el('input', { id: 'search', type: 'search', placeholder: 'Search elements', 'aria-label': 'Search elements', spellcheck: 'false' });
  search.value = state.search;
  const topic = el('select', { id: 'topic', title: 'Show one topic', 'aria-label': 'Topic filter' });
  const kindButtons = ELEMENT_KINDS.map((k) => {
    const shown = !state.hiddenKinds.includes(k);
    const b = el('button', { type: 'button', class: `kind-toggle kind-${k}`, 'data-kind': k, 'aria-pressed': String(shown), title: `Show ${KIND_LABELS[k].toLowerCase()}` });
    b.append(el('span', { class: 'swatch', 'aria-hidden': 'true' }), KIND_LABELS[k]);
    return b;
  });
  const group = iconButton('group-by-ref-type', 'Group by file', { id: 'group', 'aria-pressed': String(state.group) });
  const focus = iconButton('target', 'Focus on the selected element (hide everything further away)', { id: 'focus', 'aria-pressed': 'false' });
  const actions = iconButton('add', 'Add to or change the selected element (also its context menu, or Shift+F10)', { id: 'node-actions', 'aria-haspopup': 'menu' });
  const depth = el('input', { id: 'focus-depth', type: 'number', min: '1', max: '6', value: String(state.focusDepth), title: 'Focus depth (hops)', 'aria-label': 'Focus depth in hops' });
  const suggestions = iconButton('lightbulb', 'Show suggestions (blocks that read like claims or objections, drawn dashed)', { id: 'show-suggestions', 'aria-pressed': String(state.showSuggestions) });
  const fit = iconButton('screen-full', 'Fit to view', { id: 'fit' });
  const zoomIn = iconButton('zoom-in', 'Zoom in', { id: 'zoom-in' });
  const zoomOut = iconButton('zoom-out', 'Zoom out', { id: 'zoom-out' });
  const relayout = iconButton('refresh', 'Re-layout', { id: 'relayout' });
  const png = iconButton('file-media', 'Export PNG', { id: 'export-png' });
  const svg = iconButton('file-code', 'Export SVG', { id: 'export-svg' });
  const exportMenu = iconButton('export', 'Export the map… (image, or Argdown, DOT, Mermaid, GraphML, AIF, JSON Canvas for the drafts shown)', { id: 'export-menu', 'aria-haspopup': 'menu' });

  const toolbar = el(
    'header',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Argument map' },
    el('div', { class: 'group' }, ...(opts.standalone ? [] : [scope]), layout, relayout),
    el('div', { class: 'group grow' }, el('span', { class: 'codicon codicon-search', 'aria-hidden': 'true' }), search),
    el('div', { class: 'group' }, actions, topic, group, focus, depth, ...(opts.standalone ? [] : [suggestions])),
    el('div', { class: 'group' }, zoomOut, zoomIn, fit, png, svg, ...(opts.standalone ? [] : [exportMenu])),
  );
  const kinds = el('div', { class: 'kinds', role: 'group', 'aria-label': 'Show kinds' }, ...kindButtons);
  const map = el('div', { id: 'map', tabindex: '0', role: 'application', 'aria-label': 'Argument map. Tab or arrow keys move between elements; Enter opens one in the editor; Shift+F10 opens its menu; S, O, R, Q add a support, objection, reply or question; C connects it; F focuses on it; Space collapses it.' });
  const status = el('div', { class: 'status', 'aria-live': 'polite' });
  const live = el('div', { class: 'visually-hidden', 'aria-live': 'polite' });
  const tooltip = el('div', { class: 'tooltip', role: 'tooltip', hidden: '' });
  const code = el('pre', {}, 'Claim: Scheming is the central risk. ^central\n\n- Objection: iteration catches mistakes in time.\n  - Reply: only if the mistakes are visible.');
  const emptyTitle = el('h2', {}, 'No argument here yet');
  const emptyHelp = [
    el('p', {}, 'Start a paragraph, list item or heading with a label such as Claim:, Support:, Objection: or Reply: and it appears here as you type.'),
    code,
    el('p', {}, 'Nested items answer the item they sit under.'),
  ];
  const emptyUnread = el('p', { class: 'empty-unread', hidden: '' });
  const empty = el('div', { class: 'empty', hidden: '' }, emptyTitle, emptyUnread, ...emptyHelp);
  const emptySuggestCount = el('span', {});
  const emptySuggestButton = el('button', { type: 'button', id: 'empty-show-suggestions' }, 'Show them on the map');
  const emptySuggest = el('p', { class: 'empty-suggestions', hidden: '' }, emptySuggestCount, ' ', emptySuggestButton);
  empty.insertBefore(emptySuggest, empty.children[1]);
  const list = el('ul', { id: 'element-list', class: 'visually-hidden', 'aria-label': 'Elements on the map' });
  /** The list's items by element id, so an update touches only what changed (big maps have thousands). */
  let listed = new Map<string, { li: HTMLElement; button: HTMLElement; label: string }>();
  let listedOrder: string[] = [];
  const crumbBack = el('button', { type: 'button', class: 'crumb-back', id: 'crumb-back' }, 'Whole map');
  const crumbHere = el('span', { class: 'crumb-here' });
  const breadcrumb = el('nav', { class: 'breadcrumb', 'aria-label': 'Focus', hidden: '' }, crumbBack, el('span', { 'aria-hidden': 'true' }, ' › '), crumbHere);
  const notice = el('div', { class: 'notice', role: 'status', hidden: '' });
  const main = el('main', { class: 'stage' }, map, tooltip, empty, status, notice);
  root.append(toolbar, kinds, breadcrumb, main, list, live);
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;

  const changeHandlers: Record<string, (() => void)[]> = {};
  const on = (key: string, f: () => void) => (changeHandlers[key] ??= []).push(f);
  const fire = (key: string) => changeHandlers[key]?.forEach((f) => f());

  scope.addEventListener('change', () => fire('scope'));
  layout.addEventListener('change', () => fire('layout'));
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => fire('search'), 120);
  });
  topic.addEventListener('change', () => fire('topic'));

  let focusOn = false;
  return {
    map,
    stage: main,
    setBreadcrumb(label) {
      breadcrumb.hidden = label === undefined;
      crumbHere.textContent = label ?? '';
    },
    notify(text, kind) {
      notice.textContent = text;
      notice.className = `notice notice-${kind}`;
      notice.hidden = false;
      live.textContent = text;
      clearTimeout(noticeTimer);
      noticeTimer = setTimeout(() => void (notice.hidden = true), kind === 'error' ? 8000 : 4000);
    },
    onBreadcrumbBack: (f) => crumbBack.addEventListener('click', f),
    onNodeActions(f) {
      actions.addEventListener('click', () => {
        const r = actions.getBoundingClientRect();
        f({ x: r.left, y: r.bottom + 2 });
      });
    },
    setScope: (s) => void (scope.value = s),
    setLayout: (l) => void (layout.value = l),
    setTopics(topics, selected) {
      const options = [el('option', { value: '' }, 'All topics'), ...topics.map((t) => el('option', { value: t }, `#${t}`))];
      topic.replaceChildren(...options);
      topic.value = topics.includes(selected) ? selected : '';
      topic.disabled = topics.length === 0;
    },
    setEmpty(isEmpty) {
      empty.hidden = !isEmpty;
    },
    setUnread(reason) {
      emptyTitle.textContent = reason ? 'This draft is not read' : 'No argument here yet';
      emptyUnread.textContent = reason ? `${reason} Raise the setting or split the draft to see its map.` : '';
      emptyUnread.hidden = !reason;
      for (const e of emptyHelp) e.hidden = !!reason;
    },
    setSuggestionCount(n) {
      emptySuggest.hidden = n === 0;
      emptySuggestCount.textContent = `Crux Map suggests ${n} element${n === 1 ? '' : 's'} in this draft (blocks that read like claims, objections or replies).`;
    },
    setSuggestionsShown(on) {
      suggestions.setAttribute('aria-pressed', String(on));
      emptySuggestButton.hidden = on;
    },
    onShowSuggestions(f) {
      suggestions.addEventListener('click', () => f(suggestions.getAttribute('aria-pressed') !== 'true'));
      emptySuggestButton.addEventListener('click', () => f(true));
    },
    setStatus(nodes, edges, matches) {
      status.textContent = `${nodes} element${nodes === 1 ? '' : 's'} · ${edges} link${edges === 1 ? '' : 's'}${matches !== undefined ? ` · ${matches} match${matches === 1 ? '' : 'es'}` : ''}`;
    },
    setElementList(items) {
      const next = new Map<string, { li: HTMLElement; button: HTMLElement; label: string }>();
      let sameOrder = items.length === listedOrder.length;
      const lis = items.map((it, i) => {
        const label = `${it.kind}: ${it.text} (${it.file}, line ${it.line + 1})`;
        let item = listed.get(it.id);
        if (!item) {
          const button = el('button', { type: 'button', 'data-id': it.id });
          button.textContent = label;
          item = { li: el('li', {}, button), button, label };
        } else if (item.label !== label) {
          item.button.textContent = label;
          item.label = label;
        }
        if (sameOrder && listedOrder[i] !== it.id) sameOrder = false;
        next.set(it.id, item);
        return item.li;
      });
      listed = next;
      listedOrder = items.map((it) => it.id);
      // The same elements in the same order (most edits): the changed labels are all there is to do.
      if (!sameOrder) list.replaceChildren(...lis);
    },
    setFocusActive(active) {
      focusOn = active;
      focus.setAttribute('aria-pressed', String(active));
    },
    showTooltip(info, x, y) {
      tooltip.replaceChildren(
        el('div', { class: 'tooltip-head' }, el('span', { class: `kind-badge kind-${info.kind}` }, info.kind), ` ${info.file}:${info.line + 1}`),
        el('div', { class: 'tooltip-text' }, info.text),
        ...(info.problem ? [el('div', { class: `tooltip-problem problem-${info.problem}` }, `Has ${info.problem === 'info' ? 'a note' : `an ${info.problem}`}: see the Problems panel`)] : []),
      );
      tooltip.hidden = false;
      const w = tooltip.offsetWidth;
      const h = tooltip.offsetHeight;
      const maxX = map.clientWidth - w - 8;
      tooltip.style.left = `${Math.max(8, Math.min(maxX, x - w / 2))}px`;
      tooltip.style.top = `${Math.max(8, y - h - 10)}px`;
    },
    hideTooltip() {
      tooltip.hidden = true;
    },
    announce(text, visible) {
      live.textContent = text;
      if (visible) status.textContent = text;
    },
    onScope: (f) => on('scope', () => f(scope.value as MapScope)),
    onLayout: (f) => on('layout', () => f(layout.value as MapLayoutName)),
    onSearch: (f) => on('search', () => f(search.value)),
    onKindToggle(f) {
      for (const b of kindButtons) {
        b.addEventListener('click', () => {
          const shown = b.getAttribute('aria-pressed') !== 'true';
          b.setAttribute('aria-pressed', String(shown));
          f(b.dataset.kind as ElementKind, shown);
        });
      }
    },
    onTopic: (f) => on('topic', () => f(topic.value)),
    onGroup(f) {
      group.addEventListener('click', () => {
        const next = group.getAttribute('aria-pressed') !== 'true';
        group.setAttribute('aria-pressed', String(next));
        f(next);
      });
    },
    onFocus(f) {
      const depthValue = () => Math.max(1, Math.min(6, Number(depth.value) || 2));
      focus.addEventListener('click', () => f(!focusOn, depthValue()));
      depth.addEventListener('change', () => {
        if (focusOn) f(true, depthValue());
      });
    },
    onFit: (f) => fit.addEventListener('click', f),
    onZoom(f) {
      zoomIn.addEventListener('click', () => f(1.25));
      zoomOut.addEventListener('click', () => f(0.8));
    },
    onRelayout: (f) => relayout.addEventListener('click', f),
    onExport(f) {
      png.addEventListener('click', () => f('png'));
      svg.addEventListener('click', () => f('svg'));
    },
    onExportMenu(f) {
      exportMenu.addEventListener('click', () => {
        const r = exportMenu.getBoundingClientRect();
        f({ x: r.left, y: r.bottom + 2 });
      });
    },
    onListClick(f) {
      list.addEventListener('click', (e) => {
        const b = (e.target as HTMLElement).closest('button');
        if (b?.dataset.id) f(b.dataset.id);
      });
    },
  };
}
