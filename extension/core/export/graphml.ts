/** exportGraphml: the argument graph as GraphML (yEd, Gephi, graphology), with kind, text, file, line and topics as data. */
import type { ArgumentGraph } from '../model';
import { escapeXml } from './escape';

const NODE_KEYS = [
  ['kind', 'string'],
  ['text', 'string'],
  ['label', 'string'],
  ['file', 'string'],
  ['line', 'int'],
  ['localId', 'string'],
  ['topics', 'string'],
] as const;

/** Writes well-formed GraphML 1.0: one directed graph, node ids are the global ids, edge kind as data. */
export function exportGraphml(graph: ArgumentGraph): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [name, type] of NODE_KEYS) out.push(`  <key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>`);
  out.push('  <key id="e_kind" for="edge" attr.name="kind" attr.type="string"/>');
  out.push('  <graph id="cruxmap" edgedefault="directed">');
  for (const n of graph.nodes) {
    const values: Record<string, string> = {
      kind: n.kind,
      text: n.text,
      label: `${n.kind}: ${n.text}`,
      file: n.file,
      line: String(n.range.start.line + 1),
      localId: n.localId,
      topics: n.topics.join(' '),
    };
    out.push(`    <node id="${escapeXml(n.id)}">`);
    for (const [name] of NODE_KEYS) out.push(`      <data key="n_${name}">${escapeXml(values[name])}</data>`);
    out.push('    </node>');
  }
  graph.edges.forEach((e, i) => {
    out.push(`    <edge id="e${i}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}"><data key="e_kind">${e.kind}</data></edge>`);
  });
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
