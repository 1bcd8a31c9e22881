/** exportMermaid: the argument graph as a Mermaid flowchart, a subgraph a file, each node's file and line in a comment beside it. */
import type { ArgumentGraph, ElementKind } from '../model';
import { escapeMermaid } from './escape';

const CLASS_STYLE: Record<ElementKind, string> = {
  claim: 'fill:#dbe9f6,stroke:#1565c0',
  support: 'fill:#dcf2dc,stroke:#2e7d32',
  objection: 'fill:#f8dcdc,stroke:#c62828',
  reply: 'fill:#fbe8d3,stroke:#ef6c00',
  crux: 'fill:#eadcf5,stroke:#6a1b9a',
  question: 'fill:#fbf3c9,stroke:#9e9d24',
};

/** Node shapes: a hexagon for a crux, a stadium for a question, a box otherwise. */
function shape(kind: ElementKind, label: string): string {
  if (kind === 'crux') return `{{"${label}"}}`;
  if (kind === 'question') return `(["${label}"])`;
  return `["${label}"]`;
}

/** A comment line: Mermaid's `%%` comments run to the end of the line, so line breaks are dropped. */
function comment(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** Writes the graph as a Mermaid flowchart; node ids are n0, n1… (Mermaid ids cannot hold paths), edges are labelled by kind. */
export function exportMermaid(graph: ArgumentGraph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const titles = new Map(graph.files.map((f) => [f.file, f.title]));
  const out = ['flowchart BT'];
  const byFile = new Map<string, typeof graph.nodes>();
  for (const n of graph.nodes) {
    if (!byFile.has(n.file)) byFile.set(n.file, []);
    byFile.get(n.file)!.push(n);
  }
  let i = 0;
  for (const [file, nodes] of byFile) {
    out.push(`  subgraph f${i++}["${escapeMermaid(titles.get(file) ?? file)}"]`);
    for (const n of nodes) {
      out.push(`    %% ${ids.get(n.id)}: ${comment(n.id)} at ${comment(file)}:${n.range.start.line + 1}`);
      out.push(`    ${ids.get(n.id)}${shape(n.kind, `${n.kind}: ${escapeMermaid(n.text)}`)}:::${n.kind}`);
    }
    out.push('  end');
  }
  for (const e of graph.edges) {
    const s = ids.get(e.source);
    const t = ids.get(e.target);
    if (s && t) out.push(`  ${s} ${e.kind === 'crux' ? '-.' : '--'} ${e.kind} ${e.kind === 'crux' ? '.->' : '-->'} ${t}`);
  }
  for (const [kind, style] of Object.entries(CLASS_STYLE)) out.push(`  classDef ${kind} ${style}`);
  out.push('');
  return out.join('\n');
}
