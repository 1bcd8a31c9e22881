/** The map's colours and Cytoscape stylesheet, read from VS Code's theme variables so light, dark and high-contrast themes all read well. */
import type { ElementKind } from '../extension/core/model';
import type { MapEdgeKind } from '../extension/core/map/mapModel';

export interface Palette {
  background: string;
  foreground: string;
  muted: string;
  border: string;
  focus: string;
  error: string;
  warning: string;
  info: string;
  highContrast: boolean;
  kinds: Record<ElementKind, string>;
  edges: Record<MapEdgeKind, string>;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

/** Reads the palette from the page's CSS variables (VS Code sets them on the webview's root). */
export function readPalette(): Palette {
  const s = getComputedStyle(document.documentElement);
  const b = getComputedStyle(document.body);
  const get = (name: string, fallback: string) => cssVar(b, name, cssVar(s, name, fallback));
  const kinds: Record<ElementKind, string> = {
    claim: get('--vscode-charts-blue', '#1a85ff'),
    support: get('--vscode-charts-green', '#388a34'),
    objection: get('--vscode-charts-red', '#e51400'),
    reply: get('--vscode-charts-orange', '#d18616'),
    crux: get('--vscode-charts-purple', '#652d90'),
    question: get('--vscode-charts-yellow', '#bf8803'),
  };
  const foreground = get('--vscode-editor-foreground', '#333333');
  return {
    background: get('--vscode-editor-background', '#ffffff'),
    foreground,
    muted: get('--vscode-descriptionForeground', '#717171'),
    border: get('--vscode-panel-border', '#80808059'),
    focus: get('--vscode-focusBorder', '#0090f1'),
    error: get('--vscode-editorError-foreground', '#e51400'),
    warning: get('--vscode-editorWarning-foreground', '#bf8803'),
    info: get('--vscode-editorInfo-foreground', '#1a85ff'),
    highContrast: document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light'),
    kinds,
    edges: {
      supports: kinds.support,
      objects: kinds.objection,
      replies: kinds.reply,
      questions: kinds.question,
      crux: kinds.crux,
      mentions: get('--vscode-descriptionForeground', '#717171'),
      disagreement: get('--vscode-editorError-foreground', '#e51400'),
    },
  };
}

/** Node shapes by kind, so the map reads without colour too. */
export const SHAPES: Record<ElementKind, string> = {
  claim: 'round-rectangle',
  support: 'rectangle',
  objection: 'cut-rectangle',
  reply: 'bottom-round-rectangle',
  crux: 'hexagon',
  question: 'ellipse',
};

/** Arrow heads by edge kind. */
const ARROWS: Record<MapEdgeKind, string> = {
  supports: 'triangle',
  objects: 'tee',
  replies: 'vee',
  questions: 'circle',
  crux: 'diamond',
  mentions: 'chevron',
  disagreement: 'none',
};

const LINE_STYLES: Record<MapEdgeKind, string> = {
  supports: 'solid',
  objects: 'solid',
  replies: 'dashed',
  questions: 'dotted',
  crux: 'solid',
  mentions: 'dotted',
  disagreement: 'dashed',
};

/** Node width on the map, in model pixels, where it does not follow the panel (big maps, several drafts); a one-draft map's cards fit the panel (cardWidth.ts). */
export const NODE_WIDTH = 200;
/** A label wraps this much narrower than its card (the card's padding). */
export const TEXT_INSET = 22;
/** The width a label wraps at inside a node. */
export const TEXT_WIDTH = NODE_WIDTH - TEXT_INSET;
/** A crux's hexagon is this much wider than other cards, so its text clears the slanted sides. */
export const CRUX_EXTRA = 30;
/** Label font size in model pixels (rendered size = this times the zoom). */
export const FONT_PX = 13;
/** Labels are never drawn smaller than this many CSS pixels: below it they are not drawn at all. */
export const MIN_LABEL_PX = 11;
/** The smallest zoom at which element labels are legible. */
export const LEGIBLE_ZOOM = MIN_LABEL_PX / FONT_PX;
export const LINE_HEIGHT = 17;
/** Padding above and below a node's text. */
export const NODE_PADDING = 22;
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", sans-serif';
const CHARS_PER_LINE = 26;

/** The node height its label needs (labels wrap at the text width), estimated by characters where no canvas measures it. */
export function nodeHeight(label: string, textWidth = TEXT_WIDTH): number {
  const perLine = Math.max(8, Math.round((CHARS_PER_LINE * textWidth) / TEXT_WIDTH));
  const words = label.split(/\s+/);
  let lines = 1;
  let col = 0;
  for (const w of words) {
    const len = w.length + (col ? 1 : 0);
    if (col + len > perLine && col > 0) {
      lines++;
      col = w.length;
    } else col += len;
  }
  return lines * LINE_HEIGHT + NODE_PADDING;
}

/**
 * The Cytoscape stylesheet for a palette. `large` trades detail for speed on big maps;
 * `labels` false draws nodes without text (big maps zoomed out, where text would be unreadable anyway).
 */
export function buildStylesheet(p: Palette, large: boolean, labels = true): unknown[] {
  const kindStyles = (Object.keys(SHAPES) as ElementKind[]).map((k) => ({
    selector: `node[kind = "${k}"]`,
    style: { shape: SHAPES[k], 'background-color': p.kinds[k], 'border-color': p.kinds[k] },
  }));
  const edgeStyles = (Object.keys(ARROWS) as MapEdgeKind[]).map((k) => ({
    selector: `edge[kind = "${k}"]`,
    style: { 'line-color': p.edges[k], 'target-arrow-color': p.edges[k], 'target-arrow-shape': ARROWS[k], 'line-style': LINE_STYLES[k] },
  }));
  return [
    {
      selector: 'node[h]',
      style: {
        // Each card's width and text width are its data: a one-draft map's cards follow the panel's width.
        width: 'data(w)',
        height: 'data(h)',
        label: labels ? 'data(shownLabel)' : '',
        'text-wrap': 'wrap',
        'text-max-width': 'data(tw)',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': FONT_PX,
        'line-height': LINE_HEIGHT / FONT_PX,
        'font-family': FONT_FAMILY,
        color: p.foreground,
        'background-opacity': p.highContrast ? 0 : 0.16,
        'border-width': p.highContrast ? 2 : 1.5,
        // The same minimum in every theme and at every size: text is legible or not drawn.
        'min-zoomed-font-size': MIN_LABEL_PX,
      },
    },
    ...kindStyles,
    { selector: 'node[kind = "claim"]', style: { 'border-width': 2.5, 'font-weight': 'bold' } },
    { selector: 'node[kind = "crux"]', style: { 'border-width': 2.5 } },
    { selector: 'node[problem = "error"]', style: { 'border-style': 'double', 'border-width': 5, 'border-color': p.error } },
    { selector: 'node[problem = "warning"]', style: { 'border-style': 'dashed', 'border-color': p.warning } },
    {
      selector: 'node[?isFile]',
      style: {
        shape: 'round-rectangle',
        'background-color': p.foreground,
        'background-opacity': 0.04,
        'border-color': p.border,
        'border-width': 1,
        label: 'data(label)',
        'text-valign': 'top',
        'text-halign': 'center',
        'font-weight': 'bold',
        // File titles show at every zoom: the map scales their font so they stay at least 13 px on screen.
        'font-size': 'data(titlePx)',
        color: p.highContrast ? p.foreground : p.muted,
        'text-margin-y': -6,
        // The map wraps each title to its group's width (two lines at most); Cytoscape keeps those lines.
        'text-wrap': 'wrap',
        'text-max-width': 'data(titleMax)',
        'line-height': 1.2,
        padding: '18px',
        'min-zoomed-font-size': 0,
      },
    },
    {
      // Big maps' file titles (no groups there): text alone above each file's block, cut to the block's width.
      selector: 'node[?isTitle]',
      style: { width: 1, height: 1, padding: '0px', 'background-opacity': 0, 'border-width': 0, 'text-valign': 'top', 'text-wrap': 'ellipsis', 'text-max-width': 'data(titleWidth)', events: 'no' },
    },
    {
      selector: 'edge',
      style: {
        width: 1.8,
        // Haystack edges are Cytoscape's fastest; on big maps arrows show once zoomed in (with the labels).
        'curve-style': large ? (labels ? 'straight' : 'haystack') : 'bezier',
        'arrow-scale': 1.1,
        'target-arrow-fill': 'filled',
        opacity: 0.9,
      },
    },
    ...edgeStyles,
    { selector: 'edge[kind = "disagreement"]', style: { width: 3, 'curve-style': 'unbundled-bezier', 'control-point-distances': 60, 'line-dash-pattern': [8, 5], opacity: 0.75 } },
    { selector: 'edge[kind = "crux"]', style: { width: 2.2 } },
    { selector: '.match', style: { 'border-width': 4, 'border-color': p.focus, 'underlay-color': p.focus, 'underlay-opacity': 0.25, 'underlay-padding': 6 } },
    { selector: '.faded', style: { opacity: 0.18 } },
    // A collapsed node: a thicker double border says something is folded under it (its label counts what).
    { selector: 'node.collapsed', style: { 'border-style': 'double', 'border-width': 5 } },
    // Suggested (ghost) elements, not yet in any draft: drawn faint and dashed ("Show suggestions"), with their suggested edges.
    { selector: 'node.suggested', style: { 'background-opacity': 0, 'border-style': 'dashed', opacity: 0.7 } },
    { selector: 'edge.suggested', style: { 'line-style': 'dashed', opacity: 0.5 } },
    { selector: 'node.drop-target', style: { 'underlay-color': p.focus, 'underlay-opacity': 0.5, 'underlay-padding': 10 } },
    { selector: '.filtered', style: { display: 'none' } },
    { selector: 'node:selected', style: { 'underlay-color': p.focus, 'underlay-opacity': 0.35, 'underlay-padding': 8, 'border-color': p.focus, 'border-width': 3 } },
    { selector: 'node.keyboard', style: { 'outline-color': p.focus, 'outline-width': 3, 'outline-offset': 4, 'outline-opacity': 1 } },
  ];
}
