/** The workspace index: holds parsed drafts, resolves references and computes the argument graph incrementally. */
import type { ArgumentGraph, Diagnostic, Draft, DraftElement, GraphEdge, GraphNode, Position, Reference } from './model';

/** How a reference resolved. */
export type Resolution =
  | { status: 'ok'; file: string; localId?: string; elementIndex?: number }
  | { status: 'missing-file' }
  | { status: 'missing-id'; file: string }
  | { status: 'ambiguous'; candidates: string[] };

/** An element located in a draft. */
export interface ElementHit {
  draft: Draft;
  index: number;
  element: DraftElement;
  id: string;
}

/** A reference located in a draft. */
export interface ReferenceHit {
  file: string;
  reference: Reference;
  resolution: Resolution;
}

/**
 * The index of a workspace's drafts. Add, update and remove one draft at a time:
 * only that draft is parsed; resolution, edges and diagnostics are recomputed
 * lazily, on the next query that needs them.
 *
 * API contract (implemented in this file):
 * - `setDraft(path, text): Draft` parse one file and add or replace it
 * - `removeDraft(path): boolean`, `renameDraft(from, to)`
 * - `getDraft(path)`, `paths()` (sorted), `size`
 * - `getGraph(): ArgumentGraph` sorted as spec section 8, cached until a change
 * - `getNode(globalId)`, `getElement(globalId): ElementHit`
 * - `elementAt(path, position)`: the innermost element whose range holds the position
 * - `referenceAt(path, position)`: the reference whose range holds the position
 * - `resolveReference(fromPath, reference): Resolution`
 * - `incomingReferences(globalId): ReferenceHit[]`, `incomingEdges(globalId)`, `outgoingEdges(globalId)`
 * - `findByIdPrefix(prefix): GraphNode[]` (prefix of the local id)
 * - `diagnosticsFor(path): Diagnostic[]`
 * - `parseCount`: how many parses ran (for tests of incrementality)
 */
export class WorkspaceIndex {
  parseCount = 0;
}

export type { ArgumentGraph, Diagnostic, Draft, GraphEdge, GraphNode, Position };
