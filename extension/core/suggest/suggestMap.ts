/** Suggested blocks as map-model items (nodes and edges the map can draw dashed and faded), so the webview can show ghost nodes beside the real ones. */
import type { Draft, EdgeKind, ElementKind } from '../model';
import { globalId } from '../model';
import type { MapEdge, MapNode } from '../map/mapModel';
import { truncateLabel } from '../map/mapModel';
import type { Suggestion } from './suggest';

/** A suggested node: a map node marked as a suggestion, with why. */
export interface SuggestedMapNode extends MapNode {
  suggested: true;
  confidence: number;
  cue: string;
}

const EDGE: Record<ElementKind, EdgeKind> = {
  claim: 'supports',
  support: 'supports',
  objection: 'objects',
  reply: 'replies',
  question: 'questions',
  crux: 'crux',
};

/** The map id of a suggested block: never a global id (those hold `#^`). */
export function suggestionNodeId(file: string, line: number): string {
  return `${file}#?L${line}`;
}

/**
 * Map nodes for the suggestions at or above `threshold`, and an edge from each to its target
 * (an element's global id, or another shown suggestion). Plain data, as the map model's.
 */
export function suggestedMapItems(draft: Draft, suggestions: readonly Suggestion[], threshold: number): { nodes: SuggestedMapNode[]; edges: MapEdge[] } {
  const shown = suggestions.filter((s) => s.confidence >= threshold);
  const shownLines = new Set(shown.map((s) => s.range.start.line));
  const nodes: SuggestedMapNode[] = shown.map((s) => ({
    id: suggestionNodeId(draft.path, s.range.start.line),
    kind: s.kind,
    text: s.text,
    label: truncateLabel(s.text),
    file: draft.path,
    line: s.range.start.line,
    topics: [...draft.topics],
    suggested: true,
    confidence: s.confidence,
    cue: s.cue,
  }));
  const edges: MapEdge[] = [];
  for (const s of shown) {
    if (!s.target) continue;
    const source = suggestionNodeId(draft.path, s.range.start.line);
    let target: string | undefined;
    if (s.target.element >= 0) target = globalId(draft.path, draft.elements[s.target.element].localId);
    else if (shownLines.has(s.target.line)) target = suggestionNodeId(draft.path, s.target.line);
    if (!target) continue;
    const kind = EDGE[s.kind];
    edges.push({ id: `${source}|${kind}|${target}`, source, target, kind });
  }
  return { nodes, edges };
}
