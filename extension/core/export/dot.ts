/** exportDot: the argument graph as Graphviz DOT, a cluster a file, nodes shaped and coloured by kind, each with its file and line. */
import type { ArgumentGraph, EdgeKind, ElementKind } from '../model';
import { escapeDot } from './escape';

const SHAPE: Record<ElementKind, string> = { claim: 'box', support: 'box', objection: 'box', reply: 'box', crux: 'hexagon', question: 'ellipse' };
const FILL: Record<ElementKind, string> = { claim: '#dbe9f6', support: '#dcf2dc', objection: '#f8dcdc', reply: '#fbe8d3', crux: '#eadcf5', question: '#fbf3c9' };
const EDGE_COLOR: Record<EdgeKind, string> = { supports: '#2e7d32', objects: '#c62828', replies: '#ef6c00', questions: '#9e9d24', crux: '#6a1b9a', mentions: '#607d8b' };

function wrap(text: string, width = 40): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** Writes the graph as a DOT digraph (edges point from an element to what it answers, drawn bottom to top). */
export function exportDot(graph: ArgumentGraph): string {
  const q = (s: string) => `"${escapeDot(s)}"`;
  const out = ['digraph cruxmap {', '  graph [rankdir=BT, fontname="Helvetica", compound=true];', '  node [style="rounded,filled", fontname="Helvetica", fontsize=11];', '  edge [fontname="Helvetica", fontsize=9];'];
  const byFile = new Map<string, typeof graph.nodes>();
  for (const n of graph.nodes) {
    if (!byFile.has(n.file)) byFile.set(n.file, []);
    byFile.get(n.file)!.push(n);
  }
  const titles = new Map(graph.files.map((f) => [f.file, f.title]));
  let i = 0;
  for (const [file, nodes] of byFile) {
    out.push(`  subgraph ${q(`cluster_${i++}`)} {`, `    label=${q(`${titles.get(file) ?? file} (${file})`)};`, '    style="rounded,dashed";');
    for (const n of nodes) {
      const line = n.range.start.line + 1;
      const label = `${n.kind.toUpperCase()}\n${wrap(n.text)}`;
      out.push(`    ${q(n.id)} [label=${q(label)}, shape=${SHAPE[n.kind]}, fillcolor=${q(FILL[n.kind])}, tooltip=${q(`${file}:${line}`)}, cruxmap_kind=${q(n.kind)}, cruxmap_file=${q(file)}, cruxmap_line=${line}];`);
    }
    out.push('  }');
  }
  for (const e of graph.edges) {
    out.push(`  ${q(e.source)} -> ${q(e.target)} [label=${q(e.kind)}, color=${q(EDGE_COLOR[e.kind])}${e.kind === 'crux' ? ', style=dashed' : ''}];`);
  }
  out.push('}', '');
  return out.join('\n');
}
