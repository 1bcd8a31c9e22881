/** exportArgdown: the argument graph as Argdown text (statements with their Crux Map data, relations under them), as @argdown/core reads it. */
import type { ArgumentGraph, EdgeKind, GraphNode } from '../model';
import { argdownTitle, escapeArgdownText } from './escape';

/**
 * Argdown's relation for each edge kind. Argdown has no relation for a question, a crux
 * or a mention: they are written as undercuts (`_>`), and the element's Crux Map kind
 * travels in the statement's data, so an import gives the same kinds and edges back.
 */
export const ARGDOWN_RELATION: Record<EdgeKind, '+>' | '->' | '_>'> = {
  supports: '+>',
  objects: '->',
  replies: '->',
  questions: '_>',
  crux: '_>',
  mentions: '_>',
};

/** A YAML flow string that Argdown's data token cannot end early: JSON quoting, with braces as \u escapes. */
function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[{}]/g, (c) => (c === '{' ? '\\u007b' : '\\u007d'));
}

/** Unique Argdown statement titles for every node: the file stem and the local id, made safe for `[…]`. */
export function argdownTitles(nodes: readonly GraphNode[]): Map<string, string> {
  const titles = new Map<string, string>();
  const used = new Set<string>();
  for (const n of nodes) {
    const base = argdownTitle(`${n.file.replace(/\.(md|markdown)$/i, '')} ${n.localId}`);
    let title = base;
    for (let i = 2; used.has(title); i++) title = `${base} ${i}`;
    used.add(title);
    titles.set(n.id, title);
  }
  return titles;
}

/**
 * Writes the graph as Argdown: a section a file (with its path and topics as data), one statement an element (its text,
 * and `{kind, id, file, line}` data with the 1-based line), and each edge as an outgoing
 * relation under its source statement. Every element is one statement and every edge
 * one relation in Argdown's model.
 */
export function exportArgdown(graph: ArgumentGraph): string {
  const titles = argdownTitles(graph.nodes);
  const out: string[] = ['===', 'title: Crux Map export', 'generator: cruxmap', '===', ''];
  const fileTitle = new Map(graph.files.map((f) => [f.file, f.title]));
  const fileTopics = new Map(graph.files.map((f) => [f.file, f.topics]));
  const outgoing = new Map<string, { target: string; kind: EdgeKind }[]>();
  for (const e of graph.edges) {
    if (!outgoing.has(e.source)) outgoing.set(e.source, []);
    outgoing.get(e.source)!.push({ target: e.target, kind: e.kind });
  }
  let file: string | undefined;
  for (const n of graph.nodes) {
    if (n.file !== file) {
      file = n.file;
      const topics = (fileTopics.get(n.file) ?? []).map(yamlString).join(', ');
      out.push(`# ${escapeArgdownText(fileTitle.get(n.file) ?? n.file)} {file: ${yamlString(n.file)}, topics: [${topics}]}`, '');
    }
    const data = `{kind: ${n.kind}, id: ${yamlString(n.localId)}, file: ${yamlString(n.file)}, line: ${n.range.start.line + 1}}`;
    // The element's own #tags are in its text (escaped, so Argdown keeps them as words); the file's topics are on its section.
    out.push(`[${titles.get(n.id)}]: ${escapeArgdownText(n.text) || escapeArgdownText(`(${n.kind})`)} ${data}`);
    for (const r of outgoing.get(n.id) ?? []) {
      const t = titles.get(r.target);
      if (t !== undefined) out.push(`  ${ARGDOWN_RELATION[r.kind]} [${t}]`);
    }
    out.push('');
  }
  return out.join('\n');
}
