/** Editing the drafts from the map: the node's menu, "Add …", "Connect to…", "Change Kind", "Remove Label"; requests to the host with the file versions the map was drawn from, and their answers. */
import type { ElementKind } from '../extension/core/model';
import { ELEMENT_KINDS } from '../extension/core/model';
import type { DidCompleteEdit, DidListTargets, MapAnswerKind, MapEdit, MapRelation, TargetItem, ViewMessage } from '../extension/protocol';
import type { MapView } from './mapView';
import type { MenuItem, PickItem, Popups } from './mapMenu';
import { matchesSearch } from './filters';
import type { Point } from './viewState';

/** What the editing needs from the rest of the page. */
export interface EditingHost {
  /** Posts to the extension; undefined in the standalone page (read-only). */
  post: ((m: ViewMessage) => void) | undefined;
  notify(text: string, kind: 'info' | 'error'): void;
  /** Gives the keyboard focus back to the map. */
  focusMap(): void;
  /** Selects a node as the keyboard's current one. */
  select(id: string): void;
  focusedId(): string | undefined;
  focusOn(id: string | undefined): void;
  isCollapsed(id: string): boolean;
  toggleCollapse(id: string): void;
}

const KIND_TITLE: Record<ElementKind, string> = { claim: 'Claim', support: 'Support', objection: 'Objection', reply: 'Reply', crux: 'Crux', question: 'Question' };
const RELATION_TITLE: Record<MapRelation, string> = { supports: 'Supports it', objects: 'Objects to it', replies: 'Replies to it', crux: 'Crux between the two' };

export class MapEditing {
  private nextRequest = 1;
  private readonly pending = new Map<number, { startedAt: number; kind: MapEdit['type'] }>();
  private readonly targetRequests = new Map<number, (items: TargetItem[]) => void>();
  private pendingSelect: { id: string; startedAt: number } | undefined;
  private timingStart = 0;
  /** Milliseconds from the last edit's request to the frame that drew its node selected. */
  lastEditMs: number | undefined;
  /** The last edit's steps, in ms from its request (sent at `requestedAt`, the wall clock's ms): the patch arrived and was drawn into the map, the host's answer arrived, the node was drawn selected. */
  lastEditTimings: { requestedAt: number; patchArrived?: number; patchApplied?: number; answered?: number; drawn?: number } | undefined;
  /** Versions of the shown files, as the host sent them: an edit names the ones it was drawn from. */
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly view: MapView,
    private readonly popups: Popups,
    private readonly host: EditingHost,
  ) {}

  setVersions(v: Record<string, number> | undefined, replace: boolean): void {
    if (replace) this.versions.clear();
    for (const [f, n] of Object.entries(v ?? {})) this.versions.set(f, n);
  }

  /** Where a popup for a node opens: just below it. */
  nodeAt(id: string): Point {
    const n = this.view.node(id);
    return n ? this.view.pageOf({ x: n.renderedPosition().x, y: n.renderedPosition().y + n.renderedHeight() / 2 }) : { x: 40, y: 40 };
  }

  /** Sends an edit with the versions of the files it touches (as the map knows them). */
  private requestEdit(edit: MapEdit): void {
    const post = this.host.post;
    if (!post) {
      this.host.notify('This page is a read-only export: open the drafts in VS Code to edit them.', 'info');
      return;
    }
    const files = new Set<string>();
    for (const id of [edit.id, edit.type === 'connect' ? edit.targetId : undefined]) {
      const f = id ? this.view.node(id)?.data('file') : undefined;
      if (typeof f === 'string') files.add(f);
    }
    const v: Record<string, number> = {};
    for (const f of files) if (this.versions.has(f)) v[f] = this.versions.get(f)!;
    const requestId = this.nextRequest++;
    this.pending.set(requestId, { startedAt: performance.now(), kind: edit.type });
    this.lastEditTimings = { requestedAt: Date.now() };
    this.timingStart = performance.now();
    post({ type: 'viewDidRequestEdit', payload: { requestId, edit, versions: v } });
  }

  async add(id: string, kind: MapAnswerKind, at: Point): Promise<void> {
    const text = await this.popups.input(`Add ${KIND_TITLE[kind].toLowerCase()}`, `${KIND_TITLE[kind]}: …`, at);
    if (text?.trim()) this.requestEdit({ type: 'add', id, kind, text: text.trim() });
    this.host.focusMap();
  }

  /** Elements to connect to: the map's own, and with a host the workspace's (other files too). */
  private async targets(query: string, exclude: string): Promise<PickItem[]> {
    const local = this.view.graph.nodes.filter((n) => n.id !== exclude && (!query.trim() || matchesSearch(n, query))).slice(0, 50);
    const items = new Map<string, PickItem>(local.map((n) => [n.id, { id: n.id, label: n.label, detail: `${n.file}:${n.line + 1}`, kind: n.kind }]));
    const post = this.host.post;
    if (post) {
      const requestId = this.nextRequest++;
      const remote = await new Promise<TargetItem[]>((resolve) => {
        this.targetRequests.set(requestId, resolve);
        post({ type: 'viewDidRequestTargets', payload: { requestId, query: query.slice(0, 200) } });
        setTimeout(() => {
          if (!this.targetRequests.delete(requestId)) return;
          resolve([]);
        }, 3000);
      });
      for (const t of remote) if (t.id !== exclude && !items.has(t.id)) items.set(t.id, { id: t.id, label: t.label, detail: t.file, kind: t.kind });
    }
    return [...items.values()].slice(0, 60);
  }

  /** Connects `id` to `targetId`, or to one picked from a filtered list, after asking how. */
  async connect(id: string, targetId: string | undefined, at: Point): Promise<void> {
    const target = targetId ?? (await this.popups.pick('Connect to…', at, (q) => this.targets(q, id)));
    if (!target) return void this.host.focusMap();
    const relation = (await this.popups.menu(
      (Object.keys(RELATION_TITLE) as MapRelation[]).map((r, i) => ({ id: r, label: RELATION_TITLE[r], key: String(i + 1) })),
      at,
      'How does it connect?',
    )) as MapRelation | undefined;
    if (relation) this.requestEdit({ type: 'connect', id, targetId: target, relation });
    this.host.focusMap();
  }

  /** The node's menu (context menu, the toolbar's button, Shift+F10). */
  async menu(id: string, at: Point): Promise<void> {
    const n = this.view.node(id);
    if (!n) return;
    const items: MenuItem[] = [
      { id: 'add:support', label: 'Add Support', key: 'S' },
      { id: 'add:objection', label: 'Add Objection', key: 'O' },
      { id: 'add:reply', label: 'Add Reply', key: 'R' },
      { id: 'add:question', label: 'Add Question', key: 'Q' },
      { id: 'connect', label: 'Connect to…', key: 'C' },
      { id: 'kind', label: 'Change Kind…', key: 'K' },
      { id: 'remove', label: 'Remove Label', key: 'L' },
      { id: 'focus', label: this.host.focusedId() === id ? 'Show Whole Map' : 'Focus on This', key: 'F' },
      { id: 'collapse', label: this.host.isCollapsed(id) ? 'Expand' : 'Collapse', key: 'Space' },
      { id: 'open', label: 'Open in Editor', key: 'E' },
    ];
    const choice = await this.popups.menu(items, at, `${n.data('kind')}: ${n.data('label')}`);
    if (!choice) return void this.host.focusMap();
    await this.run(id, choice, at);
  }

  private async run(id: string, action: string, at: Point): Promise<void> {
    if (action.startsWith('add:')) return this.add(id, action.slice(4) as MapAnswerKind, at);
    switch (action) {
      case 'connect':
        return this.connect(id, undefined, at);
      case 'kind': {
        const current = this.view.node(id)?.data('kind') as ElementKind;
        const kind = await this.popups.menu(ELEMENT_KINDS.map((k, i) => ({ id: k, label: KIND_TITLE[k], key: String(i + 1), disabled: k === current })), at, 'Change kind to');
        if (kind) this.requestEdit({ type: 'changeKind', id, kind: kind as ElementKind });
        break;
      }
      case 'remove':
        this.requestEdit({ type: 'removeLabel', id });
        break;
      case 'focus':
        this.host.focusOn(this.host.focusedId() === id ? undefined : id);
        break;
      case 'collapse':
        this.host.toggleCollapse(id);
        break;
      case 'open':
        this.host.post?.({ type: 'viewDidClickNode', payload: { id, toSide: false } });
        break;
    }
    this.host.focusMap();
  }

  /** The host's answer to an edit: its message, and the node to select once drawn. */
  /** A patch arrived at `arrived` and was drawn by now: the first after an edit's request is noted in its timings. */
  patched(arrived: number): void {
    const t = this.lastEditTimings;
    // The host may answer before its patch comes: the edit is still going until its node is drawn.
    if (!t || t.patchArrived !== undefined || t.drawn !== undefined) return;
    t.patchArrived = arrived - this.timingStart;
    t.patchApplied = performance.now() - this.timingStart;
  }

  completed(p: DidCompleteEdit['payload']): void {
    if (this.lastEditTimings && this.pending.has(p.requestId)) this.lastEditTimings.answered = performance.now() - this.timingStart;
    const req = this.pending.get(p.requestId);
    this.pending.delete(p.requestId);
    if (p.message) this.host.notify(p.message, p.ok ? 'info' : 'error');
    if (p.ok && p.select && req) {
      this.pendingSelect = { id: p.select, startedAt: req.startedAt };
      this.selectPending();
    }
  }

  listed(p: DidListTargets['payload']): void {
    const resolve = this.targetRequests.get(p.requestId);
    this.targetRequests.delete(p.requestId);
    resolve?.(p.items.slice(0, 50));
  }

  /** Selects the node an edit made once it is drawn, and notes the time from the request to then. */
  selectPending(): void {
    const pending = this.pendingSelect;
    if (!pending || !this.view.node(pending.id)) return;
    this.pendingSelect = undefined;
    this.host.select(pending.id);
    const drawnAfter = this.view.renderedAt;
    const stamp = () => {
      if (this.view.renderedAt > drawnAfter) {
        this.lastEditMs = this.view.renderedAt - pending.startedAt;
        if (this.lastEditTimings) this.lastEditTimings.drawn = this.lastEditMs;
        performance.measure('cruxmap:edit', { start: pending.startedAt, end: this.view.renderedAt });
      } else requestAnimationFrame(stamp);
    };
    requestAnimationFrame(stamp);
  }
}
