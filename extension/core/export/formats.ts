/** The export formats peer tools read, by name: one entry point for the CLI and the map's export menu. */
import type { ArgumentGraph } from '../model';
import { exportAif } from './aif';
import { exportArgdown } from './argdown';
import { exportCanvas } from './canvas';
import { exportDot } from './dot';
import { exportGraphml } from './graphml';
import { exportMermaid } from './mermaid';

export type PeerFormat = 'argdown' | 'dot' | 'mermaid' | 'graphml' | 'aif' | 'canvas';
export const PEER_FORMATS: readonly PeerFormat[] = ['argdown', 'dot', 'mermaid', 'graphml', 'aif', 'canvas'];

/** File extension and a short name of each format, for save dialogs. */
export const PEER_FORMAT_INFO: Record<PeerFormat, { extension: string; name: string }> = {
  argdown: { extension: 'argdown', name: 'Argdown' },
  dot: { extension: 'dot', name: 'Graphviz DOT' },
  mermaid: { extension: 'mmd', name: 'Mermaid flowchart' },
  graphml: { extension: 'graphml', name: 'GraphML' },
  aif: { extension: 'json', name: 'AIF JSON (AIFdb, OVA)' },
  canvas: { extension: 'canvas', name: 'JSON Canvas (Obsidian)' },
};

export function isPeerFormat(format: string | undefined): format is PeerFormat {
  return format !== undefined && (PEER_FORMATS as readonly string[]).includes(format);
}

/** Writes a graph (the whole workspace's, or one scope's) in a peer tool's format. */
export function exportGraphAs(graph: ArgumentGraph, format: PeerFormat): string {
  switch (format) {
    case 'argdown':
      return exportArgdown(graph);
    case 'dot':
      return exportDot(graph);
    case 'mermaid':
      return exportMermaid(graph);
    case 'graphml':
      return exportGraphml(graph);
    case 'aif':
      return exportAif(graph);
    case 'canvas':
      return exportCanvas(graph);
  }
}

/**
 * The part of a graph inside some files (a map scope, from `filesInScope`): their files,
 * their nodes, the edges and disagreements with both ends inside, their diagnostics.
 * What the map's export menu hands `exportGraphAs` for the current scope.
 */
export function scopeGraph(graph: ArgumentGraph, files: ReadonlySet<string>): ArgumentGraph {
  const ids = new Set(graph.nodes.filter((n) => files.has(n.file)).map((n) => n.id));
  return {
    version: 1,
    files: graph.files.filter((f) => files.has(f.file)),
    nodes: graph.nodes.filter((n) => ids.has(n.id)),
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    disagreements: graph.disagreements.filter((d) => ids.has(d.a) && ids.has(d.b)),
    diagnostics: graph.diagnostics.filter((d) => files.has(d.file)),
  };
}
