/** A draft's or the workspace's argument as compact JSON for chat agents (the language-model tool): elements, edges, disagreements, unanswered objections and suggestions. */
import type { ArgumentGraph } from '../model';
import type { Suggestion } from './suggest';

/** The compact argument a tool returns; texts cut to keep it small. */
export interface ArgumentSummary {
  scope: string;
  elements: { id: string; kind: string; text: string; line: number }[];
  /** [source, edge kind, target] */
  edges: [string, string, string][];
  disagreements: { a: string; b: string; via: string; by: string }[];
  /** Objections no reply targets. */
  unansweredObjections: string[];
  suggestions: { file: string; line: number; kind: string; text: string; target: { file: string; line: number } | null; confidence: number }[];
}

const cut = (t: string, n = 240) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

/**
 * The argument of one file (`file`) or of the whole graph (`file` undefined): its elements,
 * the edges and disagreements touching them, its objections that no reply answers, and the
 * suggestions given for its drafts (by path).
 */
export function argumentSummary(graph: ArgumentGraph, file: string | undefined, suggestions: ReadonlyMap<string, readonly Suggestion[]>): ArgumentSummary {
  const inScope = (id: string) => file === undefined || id.startsWith(`${file}#^`);
  const nodes = graph.nodes.filter((n) => file === undefined || n.file === file);
  const answered = new Set(graph.edges.filter((e) => e.kind === 'replies').map((e) => e.target));
  const sugg: ArgumentSummary['suggestions'] = [];
  for (const [path, list] of suggestions) {
    if (file !== undefined && path !== file) continue;
    for (const s of list) sugg.push({ file: path, line: s.range.start.line, kind: s.kind, text: cut(s.text), target: s.target ? { file: path, line: s.target.line } : null, confidence: s.confidence });
  }
  return {
    scope: file ?? 'workspace',
    elements: nodes.map((n) => ({ id: n.id, kind: n.kind, text: cut(n.text), line: n.range.start.line })),
    edges: graph.edges.filter((e) => inScope(e.source) || inScope(e.target)).map((e) => [e.source, e.kind, e.target]),
    disagreements: graph.disagreements.filter((d) => inScope(d.a) || inScope(d.b)).map((d) => ({ a: d.a, b: d.b, via: d.via, by: d.by })),
    unansweredObjections: nodes.filter((n) => n.kind === 'objection' && !answered.has(n.id)).map((n) => n.id),
    suggestions: sugg,
  };
}
