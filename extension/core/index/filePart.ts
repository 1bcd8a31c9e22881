/** One draft's share of the argument graph (spec section 4), as a pure function of the draft and of how its references resolve: its edges, what it contributes to each file it points into, and the diagnostics they give. */
import type { Diagnostic, Disagreement, Draft, EdgeKind, ElementKind, GraphEdge, GraphNode, Reference } from '../model';
import type { Resolution } from './resolve';
import { cruxNeedsTwoDiagnostic, orphanDiagnostic, referenceDiagnostic } from './diagnostics';

/** A reference located in a draft. */
export interface ReferenceHit {
  file: string;
  reference: Reference;
  resolution: Resolution;
}

/** What one draft contributes to one file's share: edges and references into its elements, disagreements whose `a` is there. */
export interface Contribution {
  edges: GraphEdge[];
  hits: [string, ReferenceHit][];
  disagreements: Disagreement[];
}

/** What one draft contributes to the graph; rebuilt only when it or a draft it references changes. */
export interface FilePart {
  /** How each of the draft's references resolved, in reference order. */
  resolutions: Resolution[];
  /** Its outgoing edges, sorted by source, then target. */
  edges: GraphEdge[];
  /** Diagnostics of its references and elements (not the parser's, not unanswered-objection). */
  diagnostics: Diagnostic[];
  /** Files its references point into (resolved, or missing an id). */
  refFiles: Set<string>;
  /** What it contributes to each file's share; always holds its own file. */
  into: Map<string, Contribution>;
}

/** What building a part needs from the index. */
export interface PartInput {
  path: string;
  draft: Draft;
  /** The draft's graph nodes, in element order. */
  nodes: readonly GraphNode[];
  /** Resolves one of the draft's references. */
  resolve: (reference: Reference) => Resolution;
  /** The nodes of an indexed file, in element order. */
  nodesOf: (file: string) => readonly GraphNode[];
  /** Orders node ids by file, then position. */
  compareNodes: (a: string, b: string) => number;
}

const EDGE_OF: Record<Exclude<ElementKind, 'claim'>, EdgeKind> = {
  support: 'supports',
  objection: 'objects',
  reply: 'replies',
  question: 'questions',
  crux: 'crux',
};

/**
 * Builds one draft's part: resolves its references, applies rule 1 over the parser's rules 2-4,
 * derives disagreements. Embeds resolve (and dangle) like the same wikilink and are references
 * into their target, but make no edge; external targets are skipped.
 */
export function buildFilePart({ path, draft, nodes: ownIds, resolve, nodesOf, compareNodes }: PartInput): FilePart {
  const diagnostics: Diagnostic[] = [];
  const edges: GraphEdge[] = [];
  /** The file of each edge's target, so that no edge looks its target up again. */
  const edgeFiles: string[] = [];
  const refFiles = new Set<string>();
  const into = new Map<string, Contribution>();
  const contribution = (file: string) => {
    let c = into.get(file);
    if (!c) into.set(file, (c = { edges: [], hits: [], disagreements: [] }));
    return c;
  };
  // Node ids are made once per parse; reusing them spares building and hashing new strings.
  const targetIds: (string | undefined)[] = [];
  const targetFiles: string[] = [];
  const resolutions: Resolution[] = [];
  for (const ref of draft.references) {
    const r = resolve(ref);
    resolutions.push(r);
    if (r.status === 'ok' || r.status === 'missing-id') refFiles.add(r.file);
    if (r.status === 'ok' && r.elementIndex !== undefined) {
      const id = nodesOf(r.file)[r.elementIndex].id;
      targetIds.push(id);
      targetFiles.push(r.file);
      contribution(r.file).hits.push([id, { file: path, reference: ref, resolution: r }]);
    } else {
      targetIds.push(undefined);
      targetFiles.push('');
      if (r.status !== 'ok' && r.status !== 'external') diagnostics.push(referenceDiagnostic(path, ref, r));
    }
  }
  const elements = draft.elements;
  // A plain loop over plain arrays: at a warm start this runs for every element of the workspace before the JIT has warmed up.
  for (let index = 0; index < elements.length; index++) {
    const e = elements[index];
    const source = ownIds[index].id;
    let targets: string[] | undefined;
    let files: string[] | undefined;
    let viaRule1 = false;
    for (let k = 0; k < e.references.length; k++) {
      const i = e.references[k];
      // Rule 1 counts element references: not file references, not embeds, not external targets.
      const ref = draft.references[i];
      if (ref.blockId === undefined || ref.embed === true || resolutions[i].status === 'external') continue;
      viaRule1 = true;
      // A reference to the element itself makes no edge and no crux target (spec 1.1).
      const t = targetIds[i];
      if (t === undefined || t === source || targets?.includes(t)) continue;
      (targets ??= []).push(t);
      (files ??= []).push(targetFiles[i]);
    }
    if (!viaRule1 && e.kind !== 'crux' && e.structuralTarget >= 0) {
      targets = [ownIds[e.structuralTarget].id];
      files = [path];
    }
    const count = targets?.length ?? 0;
    const kind: EdgeKind = e.kind === 'claim' ? (viaRule1 ? 'mentions' : 'supports') : EDGE_OF[e.kind];
    if (count > 1) {
      // Drafts and their elements come in order, so edges are sorted by source already; sort each element's targets.
      const order = targets!.map((_, k) => k).sort((a, b) => compareNodes(targets![a], targets![b]));
      targets = order.map((k) => targets![k]);
      files = order.map((k) => files![k]);
    }
    for (let k = 0; k < count; k++) {
      edges.push({ source, target: targets![k], kind });
      edgeFiles.push(files![k]);
    }
    if (e.kind === 'crux') {
      for (let i = 0; i < count; i++) {
        for (let j = i + 1; j < count; j++) {
          // targets are sorted, so targets[i] comes first
          contribution(files![i]).disagreements.push({ a: targets![i], b: targets![j], via: 'crux', by: source });
        }
      }
      if (count < 2) diagnostics.push(cruxNeedsTwoDiagnostic(path, e.range, count));
    } else if (count === 0 && e.kind !== 'claim') {
      diagnostics.push(orphanDiagnostic(path, e.range, e.kind));
    }
  }
  for (let k = 0; k < edges.length; k++) {
    const edge = edges[k];
    const targetFile = edgeFiles[k];
    contribution(targetFile).edges.push(edge);
    if ((edge.kind === 'objects' || edge.kind === 'replies') && targetFile !== path) {
      contribution(path).disagreements.push({ a: edge.source, b: edge.target, via: edge.kind, by: edge.source });
    }
  }
  // Its own file's share lists its own diagnostics, so the part always contributes there.
  contribution(path);
  return { resolutions, edges, diagnostics, refFiles, into };
}
