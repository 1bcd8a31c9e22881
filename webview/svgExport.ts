/** Serialises the visible map to a standalone SVG: node shapes, wrapped labels and edges with arrow heads, in the theme's colours. */
import type { Core, NodeSingular } from 'cytoscape';
import type { Palette } from './theme';

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Wraps a label into lines of at most `width` characters. */
export function wrapLabel(label: string, width = 30): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Where the segment from a node's centre towards (tx, ty) leaves the node's box. */
function borderPoint(n: NodeSingular, tx: number, ty: number): { x: number; y: number } {
  const p = n.position();
  const w = n.width() / 2;
  const h = n.height() / 2;
  const dx = tx - p.x;
  const dy = ty - p.y;
  if (dx === 0 && dy === 0) return p;
  const t = Math.min(dx === 0 ? Infinity : w / Math.abs(dx), dy === 0 ? Infinity : h / Math.abs(dy));
  return { x: p.x + dx * t, y: p.y + dy * t };
}

const r = (v: number) => Math.round(v * 10) / 10;

/** The visible map as an SVG document. */
export function mapToSvg(cy: Core, palette: Palette): string {
  const visible = cy.elements().filter((e) => !e.hasClass('filtered'));
  const bb = visible.boundingBox({});
  const pad = 24;
  const x0 = bb.x1 - pad;
  const y0 = bb.y1 - pad;
  const width = Math.max(1, bb.w + 2 * pad);
  const height = Math.max(1, bb.h + 2 * pad);
  const parts: string[] = [];
  const colors = new Set<string>();
  for (const e of visible.edges().toArray()) colors.add(palette.edges[e.data('kind') as keyof Palette['edges']]);
  const markerId = (c: string) => `arrow-${[...colors].indexOf(c)}`;
  parts.push('<defs>');
  for (const c of colors) {
    parts.push(`<marker id="${markerId(c)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${escapeXml(c)}"/></marker>`);
  }
  parts.push('</defs>');
  parts.push(`<rect x="${r(x0)}" y="${r(y0)}" width="${r(width)}" height="${r(height)}" fill="${escapeXml(palette.background)}"/>`);
  for (const n of visible.nodes('[?isFile]').toArray() as NodeSingular[]) {
    const b = n.boundingBox({ includeLabels: false });
    // A big map's file title is text alone; a group is a box with its title.
    parts.push(`<g class="file">${n.data('isTitle') ? '' : `<rect x="${r(b.x1)}" y="${r(b.y1)}" width="${r(b.w)}" height="${r(b.h)}" rx="8" fill="none" stroke="${escapeXml(palette.border)}"/>`}`);
    parts.push(`<text x="${r(b.x1 + b.w / 2)}" y="${r(b.y1 - 6)}" text-anchor="middle" font-size="14" font-weight="bold" fill="${escapeXml(palette.muted)}">${escapeXml(String(n.data('label')))}</text></g>`);
  }
  for (const e of visible.edges().toArray()) {
    const s = e.source() as NodeSingular;
    const t = e.target() as NodeSingular;
    const kind = e.data('kind') as keyof Palette['edges'];
    const color = palette.edges[kind];
    const a = borderPoint(s, t.position().x, t.position().y);
    const z = borderPoint(t, s.position().x, s.position().y);
    const dash = kind === 'disagreement' || kind === 'replies' ? ' stroke-dasharray="8 5"' : kind === 'questions' || kind === 'mentions' ? ' stroke-dasharray="2 4"' : '';
    const marker = kind === 'disagreement' ? '' : ` marker-end="url(#${markerId(color)})"`;
    parts.push(`<line class="edge ${kind}" x1="${r(a.x)}" y1="${r(a.y)}" x2="${r(z.x)}" y2="${r(z.y)}" stroke="${escapeXml(color)}" stroke-width="${kind === 'disagreement' ? 3 : 1.8}"${dash}${marker}/>`);
  }
  for (const n of visible.nodes('[!isFile]').toArray() as NodeSingular[]) {
    const p = n.position();
    const w = n.width();
    const h = n.height();
    const kind = n.data('kind') as keyof Palette['kinds'];
    const color = palette.kinds[kind];
    const shape =
      kind === 'question'
        ? `<ellipse cx="${r(p.x)}" cy="${r(p.y)}" rx="${r(w / 2)}" ry="${r(h / 2)}"`
        : `<rect x="${r(p.x - w / 2)}" y="${r(p.y - h / 2)}" width="${r(w)}" height="${r(h)}" rx="${kind === 'claim' ? 8 : kind === 'reply' ? 4 : 0}"`;
    parts.push(`<g class="node ${kind}">${shape} fill="${escapeXml(color)}" fill-opacity="0.16" stroke="${escapeXml(color)}" stroke-width="${kind === 'claim' || kind === 'crux' ? 2.5 : 1.5}"/>`);
    // The lines as the map wrapped them (cards follow the panel's width); before the map drew them, as many characters as the card has room for (30 in a 200-unit card).
    const drawn = (n as unknown as { _private: { rscratch: { labelWrapCachedLines?: string[] } } })._private.rscratch.labelWrapCachedLines;
    const lines = drawn?.length ? drawn.map((l) => l.replace(/\u200b/g, '').trim()) : wrapLabel(String(n.data('label')), Math.max(12, Math.round((30 * (Number(n.data('tw')) || 178)) / 178)));
    const top = p.y - ((lines.length - 1) * 15) / 2;
    parts.push(
      `<text x="${r(p.x)}" y="${r(top)}" text-anchor="middle" dominant-baseline="middle" font-size="12" font-family="system-ui, sans-serif"${kind === 'claim' ? ' font-weight="bold"' : ''} fill="${escapeXml(palette.foreground)}">` +
        lines.map((l, i) => `<tspan x="${r(p.x)}" dy="${i === 0 ? 0 : 15}">${escapeXml(l)}</tspan>`).join('') +
        '</text></g>',
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${r(width)}" height="${r(height)}" viewBox="${r(x0)} ${r(y0)} ${r(width)} ${r(height)}">${parts.join('')}</svg>\n`;
}
