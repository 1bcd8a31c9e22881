/** The map view: draws a MapGraph with Cytoscape, lays it out legibly, patches it in place with the core's applyMapDiff (new nodes at a free place, nothing else moves), and reports what the writer does to it. */
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, NodeSingular } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import { applyMapDiff, type MapDiff, type MapEdge, type MapFile, type MapGraph, type MapNode } from '../extension/core/map/mapModel';
import type { MapLayoutName, SuggestedMapNode } from '../extension/protocol';
import { buildStylesheet, CRUX_EXTRA, FONT_FAMILY, FONT_PX, LEGIBLE_ZOOM, LINE_HEIGHT, MIN_LABEL_PX, NODE_PADDING, NODE_WIDTH, nodeHeight, readPalette, TEXT_INSET } from './theme';
import { CARD_GAP, cardWidthFor, MIN_SLOTS, treesOf, widestLevel } from './cardWidth';
import { layeredGrid } from './fastLayout';
import { findFreePlace, type Box, type PlacementScene } from './placement';
import { spreadApart, wrapTitle } from './groupLayout';
import type { Visibility } from './filters';
import type { Point } from './viewState';

cytoscape.use(dagre);
cytoscape.use(fcose);

/** Above this many nodes the map trades detail for speed: fast layout, no file groups. */
export const LARGE = 400;
/** One-draft maps up to this many nodes start at a legible zoom (and pan) rather than shrinking to fit. */
const LEGIBLE_START = 150;
/** File titles are drawn at least this big on screen, whatever the zoom. */
const TITLE_PX = 13;
/** A file group's padding around its nodes, and its title's margin above it (as the stylesheet draws them). */
const GROUP_PADDING = 18;
const TITLE_MARGIN = 6;
/** Title lines' height per font pixel (with room for descenders). */
const TITLE_LINE = 1.25;
/** The least room between two file groups, titles included. */
const GROUP_GAP = 24;
/** The narrowest a title may wrap to, in model units, when its group is narrower. */
const TITLE_MIN_WIDTH = 260;
/** A panel resize is acted on once it has stopped for this long (dragging a sash fires many). */
const RESIZE_SETTLE_MS = 250;
/** A resize narrower than this leaves the layout as it is (a scroll bar or a border coming and going is no reason to move every node). */
const RESIZE_MIN_PX = 16;

export interface MapViewEvents {
  tap(id: string, toSide: boolean): void;
  context(id: string, at: Point): void;
  /** The context menu of a suggested (ghost) node. */
  ghostContext(id: string, at: Point): void;
  /** A node was dragged and dropped onto another: a connection. */
  drop(source: string, target: string): void;
  hover(n: NodeSingular | undefined): void;
  viewport(): void;
  changed(): void;
}

let measureContext: CanvasRenderingContext2D | null | undefined;
/** The width of a text in a card's font (bold for claims), rounded up as Cytoscape rounds it; undefined without a canvas. */
function labelMeasure(bold: boolean): ((t: string) => number) | undefined {
  if (measureContext === undefined) measureContext = document.createElement('canvas').getContext('2d');
  const ctx = measureContext;
  if (!ctx) return undefined;
  const font = `normal ${bold ? 'bold' : 'normal'} ${FONT_PX}px ${FONT_FAMILY}`;
  return (t) => {
    if (ctx.font !== font) ctx.font = font;
    return Math.ceil(ctx.measureText(t).width);
  };
}

/** Words and the separators after them, as Cytoscape splits a label to wrap it (spaces and zero-width spaces). */
const WORDS = /([^\s\u200b]+)([\s\u200b]*)/g;
const ZWSP = '\u200b';

/**
 * The label as drawn: a word wider than the card's text (a long reference, a URL) gets
 * zero-width spaces where it may break, after its hyphens and slashes first, else between
 * letters, so Cytoscape wraps it inside the card instead of letting it run over the border.
 */
function breakLongWords(label: string, textWidth: number, width: (t: string) => number): string {
  if (width(label) <= textWidth) return label;
  return label.replace(/[^\s]+/g, (word) => {
    if (width(word) <= textWidth) return word;
    const pieces = word.split(/(?<=[-/_.])/);
    const out: string[] = [];
    for (const piece of pieces) {
      if (width(piece) <= textWidth) {
        out.push(piece);
        continue;
      }
      let part = '';
      for (const ch of piece) {
        if (part && width(part + ch) > textWidth) {
          out.push(part);
          part = '';
        }
        part += ch;
      }
      if (part) out.push(part);
    }
    return out.join(ZWSP);
  });
}

/**
 * The height a label needs when wrapped as Cytoscape wraps it, measured with the real font:
 * its own rule (a line that fits stays whole; else words join while the line with its
 * trailing separator, rounded up, is no wider than the text width), so no card is cut short.
 */
function wrappedHeight(label: string, textWidth: number, width: (t: string) => number): number {
  if (width(label) <= textWidth) return LINE_HEIGHT + NODE_PADDING;
  let lines = 0;
  let line = '';
  for (const m of label.matchAll(WORDS)) {
    const test = line + m[1] + m[2];
    if (!line || width(test) <= textWidth) line = test;
    else {
      lines++;
      line = m[1] + m[2];
    }
  }
  if (line) lines++;
  return Math.max(1, lines) * LINE_HEIGHT + NODE_PADDING;
}

export class MapView {
  readonly cy: Core;
  graph: MapGraph = { files: [], nodes: [], edges: [], topics: [] };
  layout: MapLayoutName = 'auto';
  group = true;
  private lastRenderAt = 0;
  private titlePx = TITLE_PX;
  /** Suggested nodes and edges drawn as ghosts (dashed, faded) beside the real ones; none unless the writer shows them. */
  private ghosts: { nodes: SuggestedMapNode[]; edges: MapEdge[] } = { nodes: [], edges: [] };
  /** The width of every card (a crux's is wider by CRUX_EXTRA), in model units: a one-draft map's follows the panel's width at its last layout. */
  cardWidth = NODE_WIDTH;
  /** Nodes the writer dragged to a place of their own: a panel resize lays out no map that has some (Re-layout does). */
  placed = new Set<string>();
  /** The panel's width at the last layout, to tell a resize that changes it. */
  private laidOutWidth = 0;

  constructor(
    readonly container: HTMLElement,
    private readonly events: MapViewEvents,
  ) {
    this.cy = cytoscape({
      container,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      hideLabelsOnViewport: true,
      pixelRatio: 'auto',
      style: buildStylesheet(readPalette(), false) as cytoscape.StylesheetJson,
    });
    this.listen();
    this.observeResize();
  }

  /** A panel resized (and settled): the map reflows to its new width (see reflow). */
  private observeResize(): void {
    if (typeof ResizeObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => this.reflow(), RESIZE_SETTLE_MS);
    }).observe(this.container);
  }

  /**
   * After the panel's width changed: a one-draft map that the map itself laid out is laid
   * out again with cards that fit the new width; a map where the writer dragged some node
   * to a place of their own keeps every position until they choose Re-layout.
   */
  private reflow(): void {
    const width = this.container.clientWidth;
    this.cy.resize();
    if (!width || Math.abs(width - this.laidOutWidth) < RESIZE_MIN_PX || this.elementNodes().length === 0) return;
    if (!this.fitsCards() || [...this.placed].some((id) => this.node(id))) return;
    void this.runLayout(false).then(() => this.events.viewport());
  }

  private listen(): void {
    const cy = this.cy;
    cy.on('tap', 'node[!isFile][!suggested]', (e) => {
      // The second click of a double-click belongs to 'dbltap' (open to the side).
      if (((e.originalEvent as MouseEvent | undefined)?.detail ?? 1) >= 2) return;
      this.events.tap(e.target.id(), false);
    });
    cy.on('dbltap', 'node[!isFile][!suggested]', (e) => this.events.tap(e.target.id(), true));
    cy.on('cxttap', 'node[!isFile]', (e) => {
      const n = e.target as NodeSingular;
      cy.$(':selected').unselect();
      n.select();
      const at = this.pageOf(e.renderedPosition ?? n.renderedPosition());
      if (n.data('suggested')) this.events.ghostContext(n.id(), at);
      else this.events.context(n.id(), at);
    });
    cy.on('mouseover', 'node[!isFile]', (e) => this.events.hover(e.target as NodeSingular));
    cy.on('mouseout', 'node', () => this.events.hover(undefined));
    cy.on('viewport', () => this.events.viewport());
    cy.on('zoom', () => {
      this.scaleTitles();
      this.followZoom();
    });
    let dragStart: Point | undefined;
    cy.on('grab', 'node[!isFile]', (e) => void (dragStart = { ...(e.target as NodeSingular).position() }));
    cy.on('drag', 'node[!isFile]', (e) => {
      // Big maps: no drop highlight while dragging (it would look at every node on each move); the drop still connects.
      if (this.large) return;
      const over = this.nodeUnder(e.target as NodeSingular);
      cy.nodes('.drop-target').forEach((n) => void (n.id() !== over?.id() && n.removeClass('drop-target')));
      over?.addClass('drop-target');
    });
    cy.on('dragfree', 'node[!isFile]', (e) => {
      const n = e.target as NodeSingular;
      const over = this.nodeUnder(n);
      cy.nodes('.drop-target').removeClass('drop-target');
      if (over && dragStart) {
        // Dropped onto another node: a connection, not a move; the node goes back where it was.
        n.position(dragStart);
        this.events.drop(n.id(), over.id());
      } else if (dragStart && (dragStart.x !== n.position().x || dragStart.y !== n.position().y)) this.placed.add(n.id());
      dragStart = undefined;
      this.events.viewport();
    });
    cy.on('render', () => void (this.lastRenderAt = performance.now()));
  }

  /** The visible element node under the dragged node's centre, if any. */
  private nodeUnder(dragged: NodeSingular): NodeSingular | undefined {
    const p = dragged.position();
    return this.elementNodes().find((n) => {
      if (n.id() === dragged.id() || n.hasClass('filtered')) return false;
      const b = n.boundingBox({ includeLabels: false, includeOverlays: false });
      return p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2;
    });
  }

  pageOf(rendered: Point): Point {
    const r = this.container.getBoundingClientRect();
    return { x: r.left + rendered.x, y: r.top + rendered.y };
  }

  /** The drafts' elements drawn (not file groups, not ghosts). */
  elementNodes(): NodeSingular[] {
    return this.cy.nodes('[!isFile][!suggested]').toArray() as NodeSingular[];
  }

  ghostNodes(): NodeSingular[] {
    return this.cy.nodes('[?suggested]').toArray() as NodeSingular[];
  }

  get ghostCount(): number {
    return this.ghosts.nodes.length;
  }

  /** Forgets the ghosts without drawing (another draft is coming: its suggestions follow it). */
  dropSuggestions(): void {
    this.ghosts = { nodes: [], edges: [] };
  }

  /** Shows these suggestions as ghosts (none to hide them); ghosts already drawn keep their places. */
  setSuggestions(nodes: SuggestedMapNode[], edges: MapEdge[]): void {
    this.ghosts = { nodes, edges };
    this.drawGhosts();
    // A map of ghosts alone (a draft with no labels yet) is fitted to them.
    if (this.elementNodes().length === 0 && nodes.length) this.fitLegibly();
    this.events.changed();
  }

  /**
   * Draws the ghosts: each at a free place beside what it answers (the placement rules new
   * nodes follow: never over a node, a group or a title), those answering real elements first,
   * then those answering other ghosts. A ghost drawn before stays where it was.
   */
  private drawGhosts(): void {
    const cy = this.cy;
    const old = new Map(this.ghostNodes().map((n) => [n.id(), { ...n.position() }]));
    cy.batch(() => {
      cy.edges('.suggested').remove();
      cy.nodes('[?suggested]').remove();
    });
    if (this.ghosts.nodes.length === 0) return;
    const edges = this.ghosts.edges;
    const targetOf = new Map(edges.map((e) => [e.source, e.target]));
    const ghostIds = new Set(this.ghosts.nodes.map((n) => n.id));
    const order = [...this.ghosts.nodes].sort((a, b) => Number(ghostIds.has(targetOf.get(a.id) ?? '')) - Number(ghostIds.has(targetOf.get(b.id) ?? '')) || a.line - b.line);
    for (const n of order) {
      if (cy.getElementById(n.id).nonempty()) continue;
      const def = this.nodeDefinition(n, { x: 0, y: 0 });
      const data = def.data as Record<string, unknown>;
      if (data.parent && cy.getElementById(String(data.parent)).empty()) delete data.parent;
      def.classes = 'suggested';
      def.grabbable = false;
      let place = old.get(n.id);
      if (!place) {
        const target = targetOf.get(n.id);
        const anchor = target ? cy.getElementById(target) : undefined;
        const size = { w: data.w as number, h: data.h as number };
        const ext = cy.extent();
        const centre = this.elementNodes().length ? { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 } : { x: 0, y: 0 };
        place = findFreePlace(this.scene(n.file), size, anchor?.nonempty() && anchor.isNode() ? this.box(anchor as NodeSingular) : undefined, centre);
      }
      def.position = place;
      cy.add(def);
    }
    cy.add(edges.filter((e) => cy.getElementById(e.source).nonempty() && cy.getElementById(e.target).nonempty() && cy.getElementById(e.id).empty()).map((e) => ({ ...this.edgeDefinition(e), classes: 'suggested' })));
  }

  visibleNodes(): NodeSingular[] {
    return this.elementNodes().filter((n) => !n.hasClass('filtered'));
  }

  node(id: string): NodeSingular | undefined {
    const n = this.cy.getElementById(id);
    return n.nonempty() && n.isNode() ? (n as NodeSingular) : undefined;
  }

  get renderedAt(): number {
    return this.lastRenderAt;
  }

  get large(): boolean {
    return this.graph.nodes.length > LARGE;
  }

  /** Files are drawn as groups in multi-file maps; not on big maps, where groups cost more than they show. */
  grouped(): boolean {
    return this.group && this.graph.files.length > 1 && this.graph.nodes.length <= LARGE;
  }

  /** Whether big maps draw text now: Cytoscape wraps every label it may draw, which costs seconds on thousands of nodes, so zoomed out they have none. */
  private labelsShown = true;

  /** Big maps of several drafts have no file groups (too costly): a title above each file's block names it instead. */
  private bigTitles(): boolean {
    return this.large && this.graph.files.length > 1;
  }

  /** Puts a title node above each file's block of nodes (big maps), as wide as the block. */
  private placeTitles(): void {
    if (!this.bigTitles()) return;
    const blocks = new Map<string, { x1: number; x2: number; y1: number }>();
    for (const n of this.elementNodes()) {
      const p = n.position();
      const f = n.data('file') as string;
      const b = blocks.get(f);
      if (!b) blocks.set(f, { x1: p.x, x2: p.x, y1: p.y });
      else {
        b.x1 = Math.min(b.x1, p.x);
        b.x2 = Math.max(b.x2, p.x);
        b.y1 = Math.min(b.y1, p.y);
      }
    }
    const titles = new Map(this.graph.files.map((f) => [f.file, f.title]));
    const add: ElementDefinition[] = [];
    this.cy.batch(() => {
      for (const [file, b] of blocks) {
        const position = { x: (b.x1 + b.x2) / 2, y: b.y1 - 45 };
        const data = { id: `file:${file}`, label: titles.get(file) ?? file, isFile: true, isTitle: true, file, titlePx: this.titlePx, titleWidth: Math.max(160, b.x2 - b.x1 + this.cardWidth) };
        const existing = this.cy.getElementById(data.id);
        if (existing.nonempty()) existing.data(data).position(position);
        else add.push({ group: 'nodes', data, position, grabbable: false, selectable: false });
      }
      if (add.length) this.cy.add(add);
    });
  }

  restyle(): void {
    this.cy.style(buildStylesheet(readPalette(), this.large, this.labelsShown) as cytoscape.StylesheetJson);
  }

  /** Big maps: text from the zoom where it reaches the minimum size (with some hysteresis, so zooming around it does not restyle on every step). */
  private followZoom(): void {
    if (!this.large) return;
    const z = this.cy.zoom();
    if ((!this.labelsShown && z >= LEGIBLE_ZOOM * 1.05) || (this.labelsShown && z < LEGIBLE_ZOOM * 0.95)) {
      this.labelsShown = !this.labelsShown;
      this.restyle();
    }
  }

  /** A card's size for its label at the current card width: its width, its text's width, and the height the wrapped text needs. */
  private cardSize(label: string, kind: string): { w: number; tw: number; h: number; drawn: string } {
    const w = this.cardWidth + (kind === 'crux' ? CRUX_EXTRA : 0);
    // A hexagon's and an ellipse's sides close in above and below the middle: their text keeps clear of them.
    const tw = kind === 'crux' ? Math.round(w * 0.72) : kind === 'question' ? Math.round(w * 0.8) : this.cardWidth - TEXT_INSET;
    // Big maps estimate by characters: measuring thousands of labels would cost more than it shows.
    const measure = this.large ? undefined : labelMeasure(kind === 'claim');
    if (!measure) return { w, tw, h: nodeHeight(label, tw), drawn: label };
    const drawn = breakLongWords(label, tw, measure);
    return { w, tw, h: wrappedHeight(drawn, tw, measure), drawn };
  }

  /** Gives every card (ghosts too) this width, and the height its text then needs; positions stay. */
  private setCardWidth(width: number): void {
    if (width === this.cardWidth) return;
    this.cardWidth = width;
    this.cy.batch(() => {
      for (const n of [...this.elementNodes(), ...this.ghostNodes()]) {
        const size = this.cardSize(String(n.data('label')), String(n.data('kind')));
        n.data(size);
        // A collapsed node's label says how much it hides: keep that, with the new breaks.
        const shown = String(n.data('shownLabel'));
        const suffix = shown.match(/ \[\+\d+\]$/)?.[0] ?? '';
        n.data('shownLabel', size.drawn + suffix);
      }
    });
  }

  /** Whether the cards follow the panel's width: a one-draft map laid out as a top-down tree (big and grouped maps keep one width). */
  private fitsCards(count = this.graph.nodes.length): boolean {
    return count <= LARGE && !this.grouped() && this.layoutName(count) === 'dagre';
  }

  /** The width, in model units, that one row of the map may take: the panel's, at the least legible zoom. */
  private rowRoom(): number {
    return Math.max(300, ((this.container.clientWidth || 700) - 60) / LEGIBLE_ZOOM);
  }

  /** The card width for the map's widest level of its widest tree in the panel's width (the first guess, before a layout measures it). */
  private fittedCardWidth(): number {
    if (!this.fitsCards()) return NODE_WIDTH;
    return cardWidthFor(Math.max(MIN_SLOTS, widestLevel(this.graph.nodes, this.graph.edges.filter((e) => e.kind !== 'disagreement'))), this.rowRoom());
  }

  /** Each tree's width (its elements joined by the edges between them, disagreements aside), from the nodes' positions and widths (no bounding boxes: cheap). */
  private treeWidths(): number[] {
    const tree = treesOf(this.graph.nodes, this.graph.edges.filter((e) => e.kind !== 'disagreement'));
    const spans = new Map<string, { x1: number; x2: number }>();
    for (const n of this.elementNodes()) {
      const t = tree.get(n.id()) ?? n.id();
      const x = n.position().x;
      const half = Number(n.data('w')) / 2;
      const s = spans.get(t);
      if (!s) spans.set(t, { x1: x - half, x2: x + half });
      else {
        s.x1 = Math.min(s.x1, x - half);
        s.x2 = Math.max(s.x2, x + half);
      }
    }
    return [...spans.values()].map((s) => s.x2 - s.x1);
  }

  /**
   * After the tree layout: the widest tree measured, in cards. The widest level is a first
   * guess; the layout may need more room (subtrees side by side) or less (levels the layout
   * ranks apart): the cards narrow, down to the minimum, until the widest tree fits a row, or
   * widen while it has room to spare. A tree still too wide at the minimum pans.
   */
  private fitCardsToRow(count: number): void {
    const room = this.rowRoom();
    const tried = new Set<number>();
    // The widest cards whose layout fitted a row.
    let best: number | undefined;
    const measure = () => {
      if (Math.max(0, ...this.treeWidths()) <= room) best = Math.max(best ?? 0, this.cardWidth);
    };
    for (let round = 0; round < 4; round++) {
      tried.add(this.cardWidth);
      const widest = Math.max(0, ...this.treeWidths());
      if (widest <= room) best = Math.max(best ?? 0, this.cardWidth);
      const next = cardWidthFor(Math.max(MIN_SLOTS, (widest + CARD_GAP) / (this.cardWidth + CARD_GAP)), room);
      if (tried.has(next) || (best !== undefined && next < best)) break;
      this.setCardWidth(next);
      this.cy.layout(this.layoutOptions(count, false)).run();
      if (round === 3) measure();
    }
    const chosen = best ?? this.cardWidth;
    if (chosen !== this.cardWidth) {
      this.setCardWidth(chosen);
      this.cy.layout(this.layoutOptions(count, false)).run();
    }
  }

  private nodeData(n: MapNode): Record<string, unknown> {
    const size = this.cardSize(n.label, n.kind);
    const data: Record<string, unknown> = { ...n, shownLabel: size.drawn, ...size, problem: n.problem ?? null };
    if (this.grouped()) data.parent = `file:${n.file}`;
    return data;
  }

  private nodeDefinition(n: MapNode, position?: Point): ElementDefinition {
    const data = this.nodeData(n);
    return position ? { group: 'nodes', data, position: { ...position } } : { group: 'nodes', data };
  }

  private fileDefinition(f: MapFile): ElementDefinition {
    return { group: 'nodes', data: { id: `file:${f.file}`, label: f.title, title: f.title, titleMax: 4000, isFile: true, file: f.file, titlePx: this.titlePx } };
  }

  /** The title font's measure at the current title size (bold, as drawn). */
  private titleMeasure(): (text: string) => number {
    if (measureContext === undefined) measureContext = document.createElement('canvas').getContext('2d');
    const ctx = measureContext;
    // Without a canvas: a generous estimate per character.
    if (!ctx) return (t) => t.length * this.titlePx * 0.65;
    ctx.font = `bold ${this.titlePx}px ${FONT_FAMILY}`;
    return (t) => ctx.measureText(t).width;
  }

  /**
   * Each file group with its nodes and its box in model units (padding and title included);
   * on the way, each title is wrapped to its group's width (two lines, then an ellipsis), so
   * no title runs past its group, over a neighbour or off the panel.
   */
  private groupRects(): { children: NodeSingular[]; box: Box }[] {
    const measure = this.titleMeasure();
    const out: { children: NodeSingular[]; box: Box }[] = [];
    this.cy.batch(() => {
      this.cy.nodes('[?isFile][!isTitle]').forEach((g) => {
        const children = (g as NodeSingular).children().toArray() as NodeSingular[];
        if (children.length === 0) return;
        const bb = (g as NodeSingular).children().boundingBox({ includeLabels: false, includeOverlays: false } as cytoscape.BoundingBoxOptions);
        const body = { x1: bb.x1 - GROUP_PADDING, x2: bb.x2 + GROUP_PADDING, y1: bb.y1 - GROUP_PADDING, y2: bb.y2 + GROUP_PADDING };
        const maxWidth = Math.max(body.x2 - body.x1, TITLE_MIN_WIDTH);
        const title = wrapTitle(String(g.data('title') ?? g.data('label')), maxWidth, measure);
        const label = title.lines.join('\n');
        if (g.data('label') !== label) g.data('label', label);
        // Cytoscape must not wrap the lines again: its limit is a little wider than the lines.
        if (g.data('titleMax') !== Math.ceil(maxWidth + this.titlePx)) g.data('titleMax', Math.ceil(maxWidth + this.titlePx));
        const th = title.lines.length * this.titlePx * TITLE_LINE + TITLE_MARGIN;
        const cx = (body.x1 + body.x2) / 2;
        out.push({ children, box: { x1: Math.min(body.x1, cx - title.width / 2), x2: Math.max(body.x2, cx + title.width / 2), y1: body.y1 - th, y2: body.y2 } });
      });
    });
    return out;
  }

  /** Pushes file groups apart (titles included) until none overlaps another; true when some moved. */
  private separateGroups(): boolean {
    const rects = this.groupRects();
    const shifts = spreadApart(rects.map((r) => r.box), GROUP_GAP);
    let moved = false;
    this.cy.batch(() => {
      rects.forEach((r, i) => {
        const { dx, dy } = shifts[i];
        if (Math.abs(dx) < 0.01 && Math.abs(dy) < 0.01) return;
        moved = true;
        for (const n of r.children) n.position({ x: n.position().x + dx, y: n.position().y + dy });
      });
    });
    return moved;
  }

  /**
   * After a layout: groups apart at the zoom the map is shown at. Fitting changes the zoom, the
   * zoom the titles' size (they keep 13 px on screen), and that their boxes: a few rounds settle it.
   */
  private spreadGroups(): void {
    for (let round = 0; round < 6; round++) {
      const moved = this.separateGroups();
      this.fitLegibly();
      if (!moved && this.groupRects().every((a, i, all) => all.every((b, j) => j <= i || spreadApart([a.box, b.box], GROUP_GAP - 1, 1).every((s) => s.dx === 0 && s.dy === 0)))) break;
    }
  }

  private edgeDefinition(e: MapEdge): ElementDefinition {
    return { group: 'edges', data: { ...e } };
  }

  /** Keeps file titles readable at any zoom: their font grows as the map is zoomed out. */
  private scaleTitles(): void {
    if (!this.grouped() && !this.bigTitles()) return;
    // Zoomed far out a big map's nodes are specks: the titles, drawn over the gaps between blocks, are what reads.
    const px = Math.round(Math.max(14, TITLE_PX / this.cy.zoom()));
    if (px === this.titlePx) return;
    this.titlePx = px;
    this.cy.batch(() => this.cy.nodes('[?isFile]').data('titlePx', px));
    if (this.grouped()) this.groupRects();
  }

  /** dagre for one small draft, fcose for bigger maps, a linear-time grid for big ones; `auto` chooses by size. */
  private layoutOptions(count: number, animate: boolean): cytoscape.LayoutOptions {
    const anim = animate && count <= LARGE ? { animate: true, animationDuration: 350, animationEasing: 'ease-in-out-cubic' } : { animate: false };
    if (this.layout === 'auto' && count > LARGE) {
      const positions = layeredGrid(this.graph.nodes, this.graph.edges.filter((e) => e.kind !== 'disagreement'));
      return { name: 'preset', positions: (n: cytoscape.NodeSingular) => positions.get(n.id()) ?? { x: 0, y: 0 }, fit: false, ...anim } as unknown as cytoscape.LayoutOptions;
    }
    const name = this.layout === 'auto' ? (this.graph.files.length <= 1 && count <= 250 ? 'dagre' : 'fcose') : this.layout;
    if (name === 'dagre') {
      // Targets above what answers them: the argument reads top-down.
      return { name: 'dagre', rankDir: 'BT', nodeSep: 30, rankSep: 60, edgeSep: 10, fit: false, ...anim } as unknown as cytoscape.LayoutOptions;
    }
    return {
      name: 'fcose',
      // 'draft' is fcose's spectral pass alone: fast enough for first paint of big maps; Re-layout refines.
      quality: count > 300 ? 'draft' : 'default',
      randomize: true,
      fit: false,
      ...anim,
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
    } as unknown as cytoscape.LayoutOptions;
  }

  /** The layout `auto` or the writer's choice gives for this many nodes. */
  private layoutName(count: number): string {
    if (this.layout === 'auto' && count > LARGE) return 'grid';
    return this.layout === 'auto' ? (this.graph.files.length <= 1 && count <= 250 ? 'dagre' : 'fcose') : this.layout;
  }

  /**
   * Lays the map out again. `animate` (Re-layout) moves the nodes from where they are to
   * their new places: the layout runs at once, then a preset layout animates to it.
   */
  async runLayout(animate = false): Promise<void> {
    const count = this.elementNodes().length;
    // Ghosts are not laid out: they are placed afterwards, beside what they answer.
    this.cy.batch(() => {
      this.cy.edges('.suggested').remove();
      this.cy.nodes('[?suggested]').remove();
    });
    if (count === 0) {
      this.drawGhosts();
      if (this.ghosts.nodes.length) this.fitLegibly();
      return;
    }
    const before = animate && count <= LARGE ? this.positions() : undefined;
    // A fresh layout: every node is where the map puts it, none where the writer dragged it.
    this.placed.clear();
    this.laidOutWidth = this.container.clientWidth;
    this.setCardWidth(this.fitsCards(count) ? this.fittedCardWidth() : NODE_WIDTH);
    performance.mark('cruxmap:layout:start');
    this.cy.layout(this.layoutOptions(count, false)).run();
    performance.measure('cruxmap:layout:first', 'cruxmap:layout:start');
    performance.mark('cruxmap:layout:laid');
    if (this.fitsCards(count)) this.fitCardsToRow(count);
    performance.measure('cruxmap:layout:fitCards', 'cruxmap:layout:laid');
    const name = this.layoutName(count);
    if (name === 'dagre' && !this.grouped()) this.stackTrees();
    this.placeTitles();
    // fcose keeps nodes apart on the whole but does not promise it: push apart what still overlaps.
    if (name === 'fcose' && count <= LARGE) this.separate();
    if (this.grouped()) this.spreadGroups();
    if (before) {
      const after = this.positions();
      this.cy.batch(() => {
        for (const n of this.elementNodes()) {
          const p = before.get(n.id());
          if (p) n.position(p);
        }
      });
      const layout = this.cy.layout({ name: 'preset', positions: (n: cytoscape.NodeSingular) => after.get(n.id()) ?? n.position(), fit: false, animate: true, animationDuration: 350, animationEasing: 'ease-in-out-cubic' } as unknown as cytoscape.LayoutOptions);
      const done = new Promise<void>((resolve) => layout.one('layoutstop', () => resolve()));
      layout.run();
      await done;
      this.drawGhosts();
      this.fitLegibly(true);
      return;
    }
    this.drawGhosts();
    this.fitLegibly();
  }

  /** Moves overlapping nodes apart, along the axis where they overlap least, until none do (or enough rounds). */
  private separate(): void {
    const nodes = this.elementNodes();
    const boxes = nodes.map((n) => this.box(n));
    const gap = 12;
    for (let round = 0; round < 30; round++) {
      let moved = false;
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          const ox = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + gap;
          const oy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + gap;
          if (ox <= 0 || oy <= 0) continue;
          moved = true;
          const alongX = ox < oy;
          const d = (alongX ? ox : oy) / 2;
          const sign = alongX ? (a.x1 + a.x2 < b.x1 + b.x2 ? -1 : 1) : a.y1 + a.y2 < b.y1 + b.y2 ? -1 : 1;
          const shift = (box: Box, s: number) => {
            if (alongX) {
              box.x1 += s;
              box.x2 += s;
            } else {
              box.y1 += s;
              box.y2 += s;
            }
          };
          shift(a, sign * d);
          shift(b, -sign * d);
        }
      }
      if (!moved) break;
    }
    this.cy.batch(() => nodes.forEach((n, i) => void n.position({ x: (boxes[i].x1 + boxes[i].x2) / 2, y: (boxes[i].y1 + boxes[i].y2) / 2 })));
  }

  /**
   * Puts the map's separate trees in rows when side by side they would be wider than
   * the panel at a legible zoom: a narrow panel reads each argument top-down, one under
   * another, instead of one wide strip.
   */
  private stackTrees(): void {
    const width = this.rowRoom();
    const all = this.cy.elements().filter((e) => !(e.isNode() && e.data('isFile')) && !(e.isEdge() && e.data('kind') === 'disagreement'));
    if (all.boundingBox({}).w <= width) return;
    const trees = all.components().map((c) => ({ c, bb: c.boundingBox({}) })).sort((a, b) => a.bb.x1 - b.bb.x1);
    const gap = 50;
    let x = 0;
    let y = 0;
    let rowHeight = 0;
    this.cy.batch(() => {
      for (const t of trees) {
        if (x > 0 && x + t.bb.w > width) {
          x = 0;
          y += rowHeight + gap * 1.5;
          rowHeight = 0;
        }
        const dx = x - t.bb.x1;
        const dy = y - t.bb.y1;
        t.c.nodes().forEach((n) => void n.position({ x: n.position().x + dx, y: n.position().y + dy }));
        x += t.bb.w + gap;
        rowHeight = Math.max(rowHeight, t.bb.h);
      }
    });
  }

  /**
   * Fits the shown nodes in the panel, but never below the zoom where labels are legible
   * on maps small enough to read whole: such a map that does not fit starts at its top
   * (where the claims are), centred, and pans. Big maps fit; their text shows from the
   * zoom where it reaches the minimum size.
   */
  fitLegibly(animate = false): void {
    // Element nodes only: a file group's box can lag behind its children until it is drawn.
    const shown = this.cy.nodes(':visible').filter((n) => !n.data('isFile'));
    if (shown.empty()) return;
    const w = this.container.clientWidth || 1;
    const h = this.container.clientHeight || 1;
    const grouped = this.grouped();
    const raw = shown.boundingBox({});
    const pad = 30;
    // Room for the groups' padding and titles around their nodes.
    let bb = grouped ? this.groupsBox(raw) : this.bigTitles() ? { x1: raw.x1 - 20, x2: raw.x2 + 20, y1: raw.y1 - 20 - this.titlePx * 1.5, y2: raw.y2 + 20, w: raw.w + 40, h: raw.h + 40 + this.titlePx * 1.5 } : raw;
    let zoom = Math.min((w - 2 * pad) / Math.max(1, bb.w), (h - 2 * pad) / Math.max(1, bb.h), 1.25);
    // Grouped: the titles' size follows the zoom, and their boxes the size; fit again until it holds.
    for (let round = 0; grouped && round < 4; round++) {
      const px = Math.round(Math.max(14, TITLE_PX / Math.max(this.cy.minZoom(), zoom)));
      if (px === this.titlePx) break;
      this.titlePx = px;
      this.cy.batch(() => this.cy.nodes('[?isFile]').data('titlePx', px));
      bb = this.groupsBox(raw);
      zoom = Math.min((w - 2 * pad) / Math.max(1, bb.w), (h - 2 * pad) / Math.max(1, bb.h), 1.25);
    }
    let pan: Point;
    // One draft of a readable size starts legible; maps of many drafts fit, with their file titles always drawn.
    if (zoom < LEGIBLE_ZOOM && this.graph.files.length <= 1 && this.elementNodes().length <= LEGIBLE_START) {
      zoom = LEGIBLE_ZOOM;
      const fitsWide = bb.w * zoom <= w - 2 * pad;
      // Too wide: start at the left, where the first argument is.
      pan = { x: fitsWide ? (w - bb.w * zoom) / 2 - bb.x1 * zoom : pad - bb.x1 * zoom, y: pad - bb.y1 * zoom };
    } else {
      pan = { x: (w - (bb.x1 + bb.x2) * zoom) / 2, y: (h - (bb.y1 + bb.y2) * zoom) / 2 };
    }
    zoom = Math.max(this.cy.minZoom(), zoom);
    this.cy.stop();
    if (animate) this.cy.animate({ zoom, pan }, { duration: 200 });
    else this.cy.viewport({ zoom, pan });
    this.scaleTitles();
  }

  /** The box around every file group, titles included (and the nodes' own box, for nodes outside groups). */
  private groupsBox(raw: { x1: number; y1: number; x2: number; y2: number }): { x1: number; y1: number; x2: number; y2: number; w: number; h: number } {
    const b = { x1: raw.x1, y1: raw.y1, x2: raw.x2, y2: raw.y2 };
    for (const r of this.groupRects()) {
      b.x1 = Math.min(b.x1, r.box.x1);
      b.y1 = Math.min(b.y1, r.box.y1);
      b.x2 = Math.max(b.x2, r.box.x2);
      b.y2 = Math.max(b.y2, r.box.y2);
    }
    return { ...b, w: b.x2 - b.x1, h: b.y2 - b.y1 };
  }

  /** Replaces the whole map; keeps known positions, lays out only when some node has none. */
  setGraph(graph: MapGraph, known: Map<string, Point>, viewport?: { zoom: number; pan: Point }): void {
    this.graph = graph;
    this.labelsShown = !this.large;
    this.restyle();
    const allKnown = graph.nodes.length > 0 && graph.nodes.every((n) => known.has(n.id));
    // Laid out afresh: the cards take the width the panel gives them from the start (known positions keep the width they were drawn at).
    if (!allKnown) this.cardWidth = this.fittedCardWidth();
    performance.mark('cruxmap:set:start');
    this.cy.batch(() => {
      this.cy.elements().remove();
      const elements: ElementDefinition[] = [];
      if (this.grouped()) for (const f of graph.files) elements.push(this.fileDefinition(f));
      for (const n of graph.nodes) elements.push(this.nodeDefinition(n, allKnown ? known.get(n.id) : undefined));
      for (const e of graph.edges) elements.push(this.edgeDefinition(e));
      this.cy.add(elements);
    });
    performance.measure('cruxmap:set:add', 'cruxmap:set:start');
    performance.mark('cruxmap:set:added');
    if (!allKnown) void this.runLayout(false);
    else this.drawGhosts();
    performance.measure('cruxmap:set:layout', 'cruxmap:set:added');
    performance.mark('cruxmap:set:laid');
    if (allKnown) {
      this.placeTitles();
      // Positions kept from before (a reload, a scope shown again) count as laid out at this width: only a later resize reflows them.
      this.laidOutWidth = this.container.clientWidth;
    }
    if (allKnown && viewport) {
      this.cy.viewport(viewport);
      this.scaleTitles();
    } else if (allKnown) this.fitLegibly();
    this.events.changed();
    performance.measure('cruxmap:set:after', 'cruxmap:set:laid');
  }

  positions(): Map<string, Point> {
    return new Map(this.elementNodes().map((n) => [n.id(), { ...n.position() }]));
  }

  /** Applies a diff without a relayout (the map's data through the core's applyMapDiff): new nodes go to a free place beside their target. */
  patch(diff: MapDiff): void {
    performance.mark('cruxmap:patch:start');
    const wasGrouped = this.grouped();
    this.graph = applyMapDiff(this.graph, diff);
    if (wasGrouped !== this.grouped()) {
      this.setGraph(this.graph, this.positions());
      return;
    }
    const cy = this.cy;
    cy.batch(() => {
      for (const id of diff.removeEdges) cy.getElementById(id).remove();
      for (const id of diff.removeNodes) cy.getElementById(id).remove();
      for (const f of diff.removeFiles) cy.getElementById(`file:${f}`).remove();
      if (this.grouped()) {
        for (const f of diff.addFiles) {
          const existing = cy.getElementById(`file:${f.file}`);
          if (existing.nonempty()) existing.data({ label: f.title, title: f.title });
          else cy.add(this.fileDefinition(f));
        }
      }
      for (const n of diff.updateNodes) cy.getElementById(n.id).data(this.nodeData(n));
    });
    // New nodes are placed one by one outside the batch: each needs the boxes of those before it.
    const edges = diff.addEdges;
    for (const n of diff.addNodes) {
      const def = this.nodeDefinition(n, { x: 0, y: 0 });
      // An accepted suggestion: the element takes the ghost's place (it turns solid where it was).
      const ghost = this.ghostNodes().find((g) => g.data('file') === n.file && g.data('line') === n.line);
      if (ghost) {
        def.position = { ...ghost.position() };
        ghost.remove();
        this.ghosts = { nodes: this.ghosts.nodes.filter((g) => g.id !== ghost.id()), edges: this.ghosts.edges.filter((e) => e.source !== ghost.id() && e.target !== ghost.id()) };
        cy.add(def);
        continue;
      }
      // The card's real size (its width follows the panel's at the last layout).
      const size = { w: (def.data as { w: number }).w, h: (def.data as { h: number }).h };
      const edge = edges.find((e) => e.source === n.id && this.node(e.target)) ?? edges.find((e) => e.target === n.id && this.node(e.source));
      const anchorId = edge ? (edge.source === n.id ? edge.target : edge.source) : undefined;
      const anchor = anchorId ? this.node(anchorId) : undefined;
      const ext = cy.extent();
      const place = findFreePlace(this.scene(n.file), size, anchor ? this.box(anchor) : undefined, { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 });
      def.position = place;
      cy.add(def);
    }
    cy.add(edges.filter((e) => this.node(e.source) && this.node(e.target) && cy.getElementById(e.id).empty()).map((e) => this.edgeDefinition(e)));
    // A group that grew or shrank, or a renamed draft: its title wraps to the new width.
    if (this.grouped()) this.groupRects();
    performance.measure('cruxmap:patch:apply', 'cruxmap:patch:start');
    performance.mark('cruxmap:patch:applied');
    this.events.changed();
    performance.measure('cruxmap:patch:after', 'cruxmap:patch:applied');
  }

  private box(n: NodeSingular): Box {
    const b = n.boundingBox({ includeLabels: false, includeOverlays: false, includeUnderlays: false } as cytoscape.BoundingBoxOptions);
    return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
  }

  /** The obstacles for a new node of `file`: every drawn node, and the file groups with their titles. */
  private scene(file: string): PlacementScene {
    const nodes = [...this.elementNodes(), ...this.ghostNodes()].filter((n) => n.visible()).map((n) => this.box(n));
    // Big maps' file titles are obstacles too.
    if (this.bigTitles()) this.cy.nodes('[?isTitle]').forEach((t) => void nodes.push(t.boundingBox({ includeLabels: true, includeOverlays: false } as cytoscape.BoundingBoxOptions)));
    const groups: PlacementScene['groups'] = [];
    if (this.grouped()) {
      this.cy.nodes('[?isFile]').forEach((g) => {
        if ((g as NodeSingular).children().empty()) return;
        const b = g.boundingBox({ includeLabels: true, includeOverlays: false } as cytoscape.BoundingBoxOptions);
        const body = g.boundingBox({ includeLabels: false, includeOverlays: false } as cytoscape.BoundingBoxOptions);
        groups.push({ box: { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 }, own: g.data('file') === file, title: { x1: b.x1, y1: b.y1, x2: b.x2, y2: body.y1 + 18 } });
      });
    }
    return { nodes, groups };
  }

  /** Shows the filters' result: hidden nodes are not drawn, faded ones faint; collapsed ones say how much they hide. */
  applyVisibility(v: Visibility): void {
    const setClass = (e: cytoscape.SingularElementArgument, name: string, on: boolean) => {
      // Cytoscape restyles every element whose classes are touched: only change what differs.
      if (e.hasClass(name) !== on) e.toggleClass(name, on);
    };
    this.cy.batch(() => {
      for (const n of this.elementNodes()) {
        const id = n.id();
        setClass(n, 'filtered', v.hidden.has(id));
        setClass(n, 'match', v.matches.has(id));
        setClass(n, 'faded', v.faded.has(id));
        const folded = v.collapsedCounts.get(id);
        setClass(n, 'collapsed', folded !== undefined);
        const drawn = String(n.data('drawn') ?? n.data('label'));
        const shown = folded !== undefined ? `${drawn} [+${folded}]` : drawn;
        if (n.data('shownLabel') !== shown) n.data('shownLabel', shown);
      }
      this.cy.edges().forEach((e) => setClass(e, 'faded', e.source().hasClass('faded') || e.target().hasClass('faded')));
    });
  }

  /** Selects a node and centres it when it is drawn. */
  reveal(id: string, select = true): void {
    const n = this.node(id);
    if (!n) return;
    if (select) {
      this.cy.$(':selected').unselect();
      n.select();
    }
    if (n.hasClass('filtered')) return;
    this.cy.stop();
    this.cy.animate({ center: { eles: n } }, { duration: 180 });
  }

  zoomBy(factor: number): void {
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 } });
  }

  /** Read-only hooks for tests and tools (the end-to-end tests click a node's real position). */
  debugHooks(): Record<string, unknown> {
    const cy = this.cy;
    return {
      nodeIds: () => this.elementNodes().map((n) => n.id()),
      renderedPosition: (id: string) => {
        const n = this.node(id);
        return n ? this.pageOf(n.renderedPosition()) : undefined;
      },
      positions: () => Object.fromEntries(this.positions()),
      visibleNodeIds: () => this.visibleNodes().map((n) => n.id()),
      matchIds: () => this.visibleNodes().filter((n) => n.hasClass('match')).map((n) => n.id()),
      selectedIds: () => cy.$('node:selected').map((n) => n.id()),
      zoom: () => cy.zoom(),
      /** When Cytoscape last finished drawing a frame (performance.now()), for benchmarks. */
      lastRenderAt: () => this.lastRenderAt,
      /** A node's rendered size, its label, the label's rendered font size in CSS px (0 when the label is too small to be drawn), the lines it is wrapped to and the lines its card has room for. */
      nodeSize: (id: string) => {
        const n = this.node(id);
        if (!n) return undefined;
        const px = parseFloat(String(n.style('font-size'))) * cy.zoom();
        const label = n.style('label') as string;
        // The lines Cytoscape wrapped the label to when it last drew it (none before the first frame), and the lines the card has room for.
        const wrapped = (n as unknown as { _private: { rscratch: { labelWrapCachedLines?: string[] } } })._private.rscratch.labelWrapCachedLines;
        const room = Math.floor((Number(n.data('h')) - NODE_PADDING) / LINE_HEIGHT + 0.01);
        // How far the widest wrapped line runs past the card's text width (model units; 0 when every line fits).
        const measure = labelMeasure(n.data('kind') === 'claim');
        const widest = measure && wrapped ? Math.max(0, ...wrapped.map((l) => measure(l.trim()))) : 0;
        const overflow = Math.max(0, widest - Number(n.data('tw')));
        return { width: n.renderedWidth(), height: n.renderedHeight(), label: label.replaceAll(ZWSP, ''), fontPx: label && px >= MIN_LABEL_PX ? px : 0, lines: wrapped?.length ?? 0, roomLines: room, overflow };
      },
      /** Every drawn element node's rendered box in page coordinates. */
      boxes: () => {
        const r = this.container.getBoundingClientRect();
        return this.visibleNodes().map((n) => {
          const b = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false, includeUnderlays: false } as cytoscape.BoundingBoxOptions);
          return { id: n.id(), file: n.data('file') as string, x1: r.left + b.x1, y1: r.top + b.y1, x2: r.left + b.x2, y2: r.top + b.y2 };
        });
      },
      /** The ghosts (suggested nodes) drawn: id, box in page coordinates, and border style and opacity. */
      ghosts: () => {
        const r = this.container.getBoundingClientRect();
        return this.ghostNodes().map((n) => {
          const b = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false, includeUnderlays: false } as cytoscape.BoundingBoxOptions);
          return { id: n.id(), kind: n.data('kind'), x1: r.left + b.x1, y1: r.top + b.y1, x2: r.left + b.x2, y2: r.top + b.y2, borderStyle: n.style('border-style'), opacity: Number(n.style('opacity')) };
        });
      },
      ghostEdgeIds: () => cy.edges('.suggested').map((e) => e.id()),
      /** File groups' titles' boxes (the label alone) in page coordinates. */
      titleBoxes: () => {
        const r = this.container.getBoundingClientRect();
        return cy.nodes('[?isFile]').map((g) => {
          const b = g.renderedBoundingBox({ includeNodes: false, includeLabels: true, includeOverlays: false, includeUnderlays: false } as cytoscape.BoundingBoxOptions);
          return { id: g.id(), label: g.data('label'), x1: r.left + b.x1, y1: r.top + b.y1, x2: r.left + b.x2, y2: r.top + b.y2 };
        });
      },
      /** File groups' boxes (title included) in page coordinates. */
      groupBoxes: () => {
        const r = this.container.getBoundingClientRect();
        return cy.nodes('[?isFile]').map((g) => {
          const b = g.renderedBoundingBox({ includeLabels: true, includeOverlays: false } as cytoscape.BoundingBoxOptions);
          return { id: g.id(), x1: r.left + b.x1, y1: r.top + b.y1, x2: r.left + b.x2, y2: r.top + b.y2 };
        });
      },
    };
  }
}
