/** The workspace index: holds parsed drafts, resolves references and computes the argument graph incrementally. */
import type {
  ArgumentGraph,
  Diagnostic,
  Disagreement,
  Draft,
  DraftElement,
  EdgeKind,
  ElementKind,
  FileInfo,
  GraphEdge,
  GraphNode,
  Position,
  Reference,
} from '../model';
import { globalId } from '../model';
import { comparePos, parseDraft } from '../parse/parse';

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

/** What one draft contributes to the graph; rebuilt only when it or a draft it references changes. */
interface FilePart {
  resolutions: Resolution[];
  edges: GraphEdge[];
  diagnostics: Diagnostic[];
  /** Files its references point into (resolved, or missing an id). */
  refFiles: Set<string>;
  /** What it contributes to each file's share: edges and references into it, disagreements whose `a` is there. */
  into: Map<string, Contribution>;
}

interface Contribution {
  edges: GraphEdge[];
  hits: [string, ReferenceHit][];
  disagreements: Disagreement[];
}

/** Everything that points into one file, gathered from the parts of the drafts that reference it. */
interface FileShare {
  /** The drafts whose parts contribute to the file, in path order. */
  sources: string[];
  /** All the file's diagnostics (its own, its references', unanswered objections), sorted. */
  diagnostics: Diagnostic[];
  /** Disagreements whose `a` is in the file, sorted. */
  disagreements: Disagreement[];
  /** Edges and references into the file's elements by target id; gathered on the first query that needs them (a graph does not). */
  incoming?: { edges: Map<string, GraphEdge[]>; refs: Map<string, ReferenceHit[]> };
}

/** The function the index parses a file with (parseDraft, or one that adds the workspace's label words); injectable so tests can count parses. */
export type ParseFunction = (text: string, path: string) => Draft;
/** @deprecated The old name of ParseFunction (parse.ts has a class of that name). */
export type DraftParser = ParseFunction;


const EDGE_OF: Record<Exclude<ElementKind, 'claim'>, EdgeKind> = {
  support: 'supports',
  objection: 'objects',
  reply: 'replies',
  question: 'questions',
  crux: 'crux',
};

const MD_EXT = /\.(md|markdown)$/i;

/** A path without its markdown extension. */
function stemOf(path: string): string {
  return path.replace(MD_EXT, '');
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins a relative link path to the folder of the linking file; undefined when it leaves the root. */
export function resolveRelativePath(fromPath: string, linkPath: string): string | undefined {
  const parts = linkPath.startsWith('/') ? [] : fromPath.split('/').slice(0, -1);
  for (const seg of linkPath.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/** Code-unit order of strings (not locale order), for deterministic output. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The index of a workspace's drafts. Add, update and remove one draft at a time:
 * only that draft is parsed; resolution, edges and diagnostics are recomputed
 * lazily (in time linear in the workspace), on the next query that needs them.
 * Holds no global state; safe to run in a worker.
 */
export class WorkspaceIndex {
  /** How many parses ran (for tests of incrementality). */
  parseCount = 0;
  private readonly drafts = new Map<string, Draft>();
  private readonly texts = new Map<string, string>();
  /** Last path segment without extension -> paths, for wikilink name lookup. */
  private readonly byName = new Map<string, Set<string>>();
  /** The assembled graph, until the next change. */
  private graph: ArgumentGraph | undefined;
  /** Indexed paths in code-unit order, until a file comes or goes. */
  private sortedPaths: string[] | undefined;
  /** Every node by global id, kept in step with the drafts; after a restore, filled when first needed (see nodesById). */
  private readonly nodeMap = new Map<string, GraphNode>();
  private nodeMapFilled = true;
  /** Per file: what points into it; dropped when a part contributing to it changes. */
  private readonly shares = new Map<string, FileShare>();
  /** Per draft: local id -> element index (built once per parse). */
  private readonly idIndex = new Map<string, Map<string, number>>();
  /** Per draft: its share of the graph (see FilePart). */
  private readonly parts = new Map<string, FilePart>();
  /** File -> drafts whose parts reference it, so a change re-resolves only those. */
  private readonly dependents = new Map<string, Set<string>>();
  /** Per draft: its graph nodes, built once per parse and reused by every graph (no garbage while typing). */
  private readonly nodeCache = new Map<string, GraphNode[]>();
  /** After restore: gets a draft not loaded yet (see draftOf). */
  private loadDraft: ((path: string) => Draft | undefined) | undefined;
  /** After restore and until the first change: the snapshot's diagnostics by file. */
  private restoredDiagnostics: Map<string, Diagnostic[]> | undefined;

  /** A draft, loaded now when the index was restored and nothing has needed it yet. */
  private draftOf(path: string): Draft | undefined {
    const draft = this.drafts.get(path);
    if (draft !== undefined || this.loadDraft === undefined) return draft;
    const text = this.texts.get(path);
    if (text === undefined) return undefined;
    let loaded = this.loadDraft(path);
    if (loaded === undefined) {
      this.parseCount++;
      loaded = this.parser(text, path);
    }
    this.drafts.set(path, loaded);
    if (this.drafts.size === this.texts.size) this.loadDraft = undefined;
    return loaded;
  }

  /**
   * Starts the index anew from a snapshot: every draft's text and the graph getGraph built from
   * exactly these texts (with this parser), and a way to get each parsed draft (e.g. from a parse
   * cache; undefined parses its text). Nothing is parsed or resolved now: the graph, diagnostics,
   * nodes and paths come from the snapshot, and each draft is loaded when a query first needs it
   * (a change needs them all; prepare loads them ahead, a few at a time).
   */
  restore(files: readonly { path: string; text: string }[], graph: ArgumentGraph, loadDraft: (path: string) => Draft | undefined): void {
    const paths = files.map((f) => f.path).sort(compareStrings);
    if (graph.files.length !== paths.length || graph.files.some((f, i) => f.file !== paths[i] || (i > 0 && paths[i - 1] === paths[i]))) {
      throw new Error('the snapshot is of other files');
    }
    // Whatever the index held is replaced.
    for (const map of [this.drafts, this.texts, this.byName, this.nodeMap, this.nodeCache, this.idIndex, this.parts, this.shares, this.dependents, this.nameCache]) map.clear();
    for (const f of files) this.texts.set(f.path, f.text);
    this.sortedPaths = paths;
    for (const path of paths) this.addName(path);
    // Nodes come file by file, each file's in element order: exactly the node lists setNodes makes.
    const nodes = graph.nodes;
    for (let i = 0; i < nodes.length; ) {
      const file = nodes[i].file;
      let j = i;
      while (j < nodes.length && nodes[j].file === file) j++;
      this.nodeCache.set(file, nodes.slice(i, j));
      i = j;
    }
    for (const path of paths) if (!this.nodeCache.has(path)) this.nodeCache.set(path, []);
    const diagnostics = new Map<string, Diagnostic[]>();
    for (const d of graph.diagnostics) push(diagnostics, d.file, d);
    this.restoredDiagnostics = diagnostics;
    this.nodeMapFilled = false;
    this.loadDraft = loadDraft;
    this.graph = graph;
  }

  /**
   * Does ahead, `limit` drafts at a time, what a change would otherwise do all at once: loads
   * the drafts a restore left unloaded and builds every draft's part. True while work is left.
   */
  prepare(limit: number): boolean {
    let n = 0;
    if (this.loadDraft !== undefined) {
      for (const path of this.orderedPaths()) {
        if (this.drafts.has(path)) continue;
        if (n++ === limit) return true;
        this.draftOf(path);
      }
      this.loadDraft = undefined;
    }
    this.nodesById();
    if (this.parts.size === this.texts.size) return false;
    for (const path of this.orderedPaths()) {
      if (this.parts.has(path)) continue;
      if (n++ === limit) return true;
      this.partOf(path);
    }
    return false;
  }

  /** The nodes by global id (filled now when a restore left it empty). */
  private nodesById(): Map<string, GraphNode> {
    if (!this.nodeMapFilled) {
      this.nodeMapFilled = true;
      for (const nodes of this.nodeCache.values()) for (const n of nodes) this.nodeMap.set(n.id, n);
    }
    return this.nodeMap;
  }

  private setNodes(path: string, draft: Draft | undefined): void {
    const byId = this.nodesById();
    for (const old of this.nodeCache.get(path) ?? []) byId.delete(old.id);
    if (!draft) {
      this.nodeCache.delete(path);
      return;
    }
    const nodes: GraphNode[] = [];
    for (const e of draft.elements) {
      const node: GraphNode = { id: globalId(path, e.localId), localId: e.localId, explicitId: e.explicitId, kind: e.kind, text: e.text, file: path, topics: e.topics, range: e.range };
      nodes.push(node);
      byId.set(node.id, node);
    }
    this.nodeCache.set(path, nodes);
  }

  /** Forgets everything derived from all drafts (names may resolve differently now). */
  private resetDerived(): void {
    this.nameCache.clear();
    this.parts.clear();
    this.dependents.clear();
    this.shares.clear();
    this.sortedPaths = undefined;
  }

  /** Drops a draft's part and the shares of the files it contributed to. */
  private dropPart(path: string): void {
    const part = this.parts.get(path);
    if (!part) return;
    this.parts.delete(path);
    for (const f of part.into.keys()) this.shares.delete(f);
  }

  constructor(private readonly parser: ParseFunction = parseDraft) {}

  /** Parses one file and adds or replaces it. */
  setDraft(path: string, text: string): Draft {
    this.parseCount++;
    return this.setParsedDraft(path, text, this.parser(text, path));
  }

  /** Adds or replaces a file that was parsed elsewhere (e.g. in a worker thread) with parseDraft. */
  setParsedDraft(path: string, text: string, draft: Draft): Draft {
    this.restoredDiagnostics = undefined;
    if (!this.texts.has(path)) {
      // A new file can change how names resolve anywhere: rebuild every part.
      this.addName(path);
      this.resetDerived();
    } else {
      this.dropPart(path);
      for (const other of this.dependents.get(path) ?? []) this.dropPart(other);
      this.shares.delete(path);
    }
    this.drafts.set(path, draft);
    this.texts.set(path, text);
    this.idIndex.delete(path);
    this.setNodes(path, draft);
    this.graph = undefined;
    return draft;
  }

  /** Removes a file; false when it was not indexed. */
  removeDraft(path: string): boolean {
    if (!this.texts.delete(path)) return false;
    this.restoredDiagnostics = undefined;
    this.drafts.delete(path);
    this.resetDerived();
    this.idIndex.delete(path);
    this.setNodes(path, undefined);
    const set = this.byName.get(this.nameKey(path));
    set?.delete(path);
    if (set && set.size === 0) this.byName.delete(this.nameKey(path));
    this.graph = undefined;
    return true;
  }

  /** Moves a file to a new path (its text is parsed again under the new path: ids and titles may depend on it). */
  renameDraft(from: string, to: string): Draft | undefined {
    const text = this.texts.get(from);
    if (text === undefined) return undefined;
    this.removeDraft(from);
    return this.setDraft(to, text);
  }

  getDraft(path: string): Draft | undefined {
    return this.draftOf(path);
  }

  /** The text a draft was parsed from. */
  getText(path: string): string | undefined {
    return this.texts.get(path);
  }

  /** Indexed paths, sorted. */
  paths(): string[] {
    return [...this.orderedPaths()];
  }

  private orderedPaths(): string[] {
    if (!this.sortedPaths) this.sortedPaths = [...this.texts.keys()].sort(compareStrings);
    return this.sortedPaths;
  }

  get size(): number {
    return this.texts.size;
  }

  /** The whole argument graph, exactly the JSON of spec section 8, sorted; cached until a change. */
  getGraph(): ArgumentGraph {
    if (this.graph) return this.graph;
    this.buildParts();
    const files: FileInfo[] = [];
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const disagreements: Disagreement[] = [];
    const diagnostics: Diagnostic[] = [];
    // Every list is sorted by file first: concatenating the files' shares in path order keeps it sorted.
    for (const path of this.orderedPaths()) {
      const draft = this.draftOf(path)!;
      files.push({ file: path, title: draft.title, topics: draft.topics });
      append(nodes, this.nodeCache.get(path)!);
      append(edges, this.parts.get(path)!.edges);
      const share = this.shareOf(path);
      append(disagreements, share.disagreements);
      append(diagnostics, share.diagnostics);
    }
    this.graph = { version: 1, files, nodes, edges, disagreements, diagnostics };
    return this.graph;
  }

  getNode(id: string): GraphNode | undefined {
    return this.nodesById().get(id);
  }

  /** An element by global id, with its draft. */
  getElement(id: string): ElementHit | undefined {
    const node = this.getNode(id);
    if (!node) return undefined;
    const draft = this.draftOf(node.file)!;
    const index = this.idsOf(node.file)?.get(node.localId) ?? -1;
    return index < 0 ? undefined : { draft, index, element: draft.elements[index], id };
  }

  /** The element whose range holds a position (ends inclusive), or undefined. */
  elementAt(path: string, position: Position): ElementHit | undefined {
    const draft = this.draftOf(path);
    if (!draft) return undefined;
    const els = draft.elements;
    // Elements are in document order and their ranges do not overlap: binary search.
    let lo = 0;
    let hi = els.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = els[mid].range;
      if (comparePos(position, r.start) < 0) hi = mid - 1;
      else if (comparePos(position, r.end) > 0) lo = mid + 1;
      else return { draft, index: mid, element: els[mid], id: globalId(path, els[mid].localId) };
    }
    return undefined;
  }

  /** The reference whose range holds a position (ends inclusive), with its resolution. */
  referenceAt(path: string, position: Position): ReferenceHit | undefined {
    const draft = this.draftOf(path);
    if (!draft) return undefined;
    const i = draft.references.findIndex((r) => comparePos(position, r.range.start) >= 0 && comparePos(position, r.range.end) <= 0);
    if (i < 0) return undefined;
    const resolution = this.partOf(path).resolutions[i] ?? this.resolveReference(path, draft.references[i]);
    return { file: path, reference: draft.references[i], resolution };
  }

  /** Resolves one reference written in `fromPath` (spec section 3). */
  resolveReference(fromPath: string, reference: Reference): Resolution {
    const file = this.resolveFile(fromPath, reference);
    if (file.status !== 'ok') return file;
    if (reference.blockId === undefined) return file;
    const elementIndex = this.idsOf(file.file)?.get(reference.blockId) ?? -1;
    if (elementIndex < 0) return { status: 'missing-id', file: file.file };
    return { status: 'ok', file: file.file, localId: reference.blockId, elementIndex };
  }

  /** Resolves the file part of a reference. */
  resolveFile(fromPath: string, reference: Pick<Reference, 'syntax' | 'target'>): Resolution {
    const target = reference.target;
    if (target === '') return this.texts.has(fromPath) ? { status: 'ok', file: fromPath } : { status: 'missing-file' };
    if (reference.syntax === 'link') {
      const path = resolveRelativePath(fromPath, target);
      return path !== undefined && this.texts.has(path) ? { status: 'ok', file: path } : { status: 'missing-file' };
    }
    return this.resolveWikiName(target);
  }

  /** Wikilink names resolved since the last change (many references share a name). */
  private readonly nameCache = new Map<string, Resolution>();

  /** Resolves a wikilink name: the exact path without extension, else the unique file whose path ends with it. */
  resolveWikiName(rawName: string): Resolution {
    const cached = this.nameCache.get(rawName);
    if (cached) return cached;
    const r = this.resolveWikiNameUncached(rawName);
    this.nameCache.set(rawName, r);
    return r;
  }

  private resolveWikiNameUncached(rawName: string): Resolution {
    const name = rawName.replace(/\\/g, '/').replace(/^\.?\//, '');
    const stem = stemOf(name);
    const candidates = [...(this.byName.get(lastSegment(stem)) ?? [])];
    const exact = candidates.filter((p) => stemOf(p) === stem || p === name);
    if (exact.length === 1) return { status: 'ok', file: exact[0] };
    const suffix = exact.length > 1 ? exact : candidates.filter((p) => stemOf(p).endsWith(`/${stem}`));
    if (suffix.length === 1) return { status: 'ok', file: suffix[0] };
    if (suffix.length > 1) return { status: 'ambiguous', candidates: suffix.sort(compareStrings) };
    return { status: 'missing-file' };
  }

  /** The shortest wikilink name that resolves to `path` (the bare name when unique). */
  wikiNameFor(path: string): string {
    const stem = stemOf(path);
    const segments = stem.split('/');
    for (let i = segments.length - 1; i >= 0; i--) {
      const name = segments.slice(i).join('/');
      const r = this.resolveWikiName(name);
      if (r.status === 'ok' && r.file === path) return name;
    }
    return stem;
  }

  /** Every resolved reference to an element. */
  incomingReferences(id: string): ReferenceHit[] {
    const node = this.nodesById().get(id);
    return (node && this.incomingOf(node.file).refs.get(id)) ?? [];
  }

  incomingEdges(id: string): GraphEdge[] {
    const node = this.nodesById().get(id);
    return (node && this.incomingOf(node.file).edges.get(id)) ?? [];
  }

  outgoingEdges(id: string): GraphEdge[] {
    const node = this.nodesById().get(id);
    return node ? this.partOf(node.file).edges.filter((e) => e.source === id) : [];
  }

  /** The files a draft is linked with by resolved references, in either direction (one hop), sorted. */
  linkedFiles(path: string): string[] {
    if (!this.texts.has(path)) return [];
    this.buildParts();
    const linked = new Set<string>();
    for (const r of this.partOf(path).resolutions) if (r.status === 'ok' && r.file !== path) linked.add(r.file);
    for (const [from, part] of this.parts) {
      if (from !== path && part.resolutions.some((r) => r.status === 'ok' && r.file === path)) linked.add(from);
    }
    return [...linked].sort(compareStrings);
  }

  /** Nodes whose local id starts with a prefix, in graph order. */
  findByIdPrefix(prefix: string): GraphNode[] {
    return this.getGraph().nodes.filter((n) => n.localId.startsWith(prefix));
  }

  /** All diagnostics of one file (file-local and workspace ones), sorted. */
  diagnosticsFor(path: string): Diagnostic[] {
    if (this.restoredDiagnostics) return this.texts.has(path) ? (this.restoredDiagnostics.get(path) ?? []) : [];
    return this.texts.has(path) ? this.shareOf(path).diagnostics : [];
  }

  /** A draft's local ids -> element indexes, made when first needed after each parse (its nodes are in element order). */
  private idsOf(path: string): Map<string, number> | undefined {
    let ids = this.idIndex.get(path);
    if (ids) return ids;
    const nodes = this.nodeCache.get(path);
    if (!nodes) return undefined;
    ids = new Map();
    for (let i = 0; i < nodes.length; i++) ids.set(nodes[i].localId, i);
    this.idIndex.set(path, ids);
    return ids;
  }

  private nameKey(path: string): string {
    return lastSegment(stemOf(path));
  }

  private addName(path: string): void {
    const key = this.nameKey(path);
    let set = this.byName.get(key);
    if (!set) this.byName.set(key, (set = new Set()));
    set.add(path);
  }

  /** Orders node ids by file, then position. */
  private readonly compareNodes = (a: string, b: string): number => {
    const na = this.nodesById().get(a)!;
    const nb = this.nodesById().get(b)!;
    return compareStrings(na.file, nb.file) || comparePos(na.range.start, nb.range.start);
  };

  /** A draft's part, built when missing. */
  private partOf(path: string): FilePart {
    let part = this.parts.get(path);
    if (!part) {
      part = this.buildPart(path);
      this.parts.set(path, part);
      for (const f of part.refFiles) {
        let set = this.dependents.get(f);
        if (!set) this.dependents.set(f, (set = new Set()));
        set.add(path);
      }
      // The files it points into gather their shares anew (none is gathered yet while a whole workspace is loaded).
      if (this.shares.size > 0) for (const f of part.into.keys()) this.shares.delete(f);
    }
    return part;
  }

  /** Builds every missing part, so that `dependents` knows every draft that points anywhere. */
  private buildParts(): void {
    if (this.parts.size === this.texts.size) return;
    for (const path of this.orderedPaths()) this.partOf(path);
  }

  /** What points into a file: from its own part and the parts of the drafts that reference it, in path order. */
  private shareOf(path: string): FileShare {
    this.buildParts();
    let share = this.shares.get(path);
    if (share) return share;
    const dependents = this.dependents.get(path);
    // Most files are pointed into by nothing but themselves.
    const sources =
      !dependents || (dependents.size === 1 && dependents.has(path))
        ? [path]
        : [path, ...dependents].filter((p, i, all) => all.indexOf(p) === i && this.parts.has(p)).sort(compareStrings);
    const disagreements: Disagreement[] = [];
    for (let k = 0; k < sources.length; k++) {
      const c = this.parts.get(sources[k])!.into.get(path);
      if (c && c.disagreements.length > 0) append(disagreements, c.disagreements);
    }
    if (disagreements.length > 1) disagreements.sort((x, y) => this.compareNodes(x.a, y.a) || this.compareNodes(x.b, y.b) || this.compareNodes(x.by, y.by));
    const own = this.draftOf(path)!.diagnostics;
    const found = this.parts.get(path)!.diagnostics;
    const diagnostics = own.length === 0 ? found.slice() : own.concat(found);
    const nodes = this.nodeCache.get(path) ?? [];
    let objections = false;
    for (let k = 0; k < nodes.length && !objections; k++) objections = nodes[k].kind === 'objection';
    if (objections) {
      // An objection is answered when a reply points at it, from any file.
      const answered = new Set<string>();
      for (let k = 0; k < sources.length; k++) {
        const c = this.parts.get(sources[k])!.into.get(path);
        if (c) for (const e of c.edges) if (e.kind === 'replies') answered.add(e.target);
      }
      for (const node of nodes) {
        if (node.kind !== 'objection' || answered.has(node.id)) continue;
        diagnostics.push({
          file: node.file,
          range: node.range,
          severity: 'info',
          code: 'unanswered-objection',
          message: 'No reply answers this objection yet.',
        });
      }
    }
    if (diagnostics.length > 1) {
      diagnostics.sort(
        (x, y) =>
          comparePos(x.range.start, y.range.start) ||
          comparePos(x.range.end, y.range.end) ||
          compareStrings(x.code, y.code) ||
          compareStrings(x.message, y.message),
      );
    }
    share = { sources, diagnostics, disagreements };
    this.shares.set(path, share);
    return share;
  }

  /** The edges and references into a file's elements, by target id (in path order of their sources). */
  private incomingOf(path: string): NonNullable<FileShare['incoming']> {
    const share = this.shareOf(path);
    if (share.incoming) return share.incoming;
    const edges = new Map<string, GraphEdge[]>();
    const refs = new Map<string, ReferenceHit[]>();
    for (const source of share.sources) {
      const c = this.parts.get(source)!.into.get(path);
      if (!c) continue;
      for (const e of c.edges) push(edges, e.target, e);
      for (const [id, hit] of c.hits) push(refs, id, hit);
    }
    share.incoming = { edges, refs };
    return share.incoming;
  }

  /** One draft's share of the graph: its resolved references, outgoing edges and the diagnostics they give. */
  private buildPart(path: string): FilePart {
    const compareNodes = this.compareNodes;
    const draft = this.draftOf(path)!;
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
    // Node ids are made once per parse (nodeCache); reusing them spares building and hashing new strings.
    const targetIds: (string | undefined)[] = [];
    const targetFiles: string[] = [];
    const resolutions: Resolution[] = [];
    for (const ref of draft.references) {
      const r = this.resolveReference(path, ref);
      resolutions.push(r);
      if (r.status === 'ok' || r.status === 'missing-id') refFiles.add(r.file);
      if (r.status === 'ok' && r.elementIndex !== undefined) {
        const id = this.nodeCache.get(r.file)![r.elementIndex].id;
        targetIds.push(id);
        targetFiles.push(r.file);
        contribution(r.file).hits.push([id, { file: path, reference: ref, resolution: r }]);
      } else {
        targetIds.push(undefined);
        targetFiles.push('');
        if (r.status !== 'ok') diagnostics.push(this.referenceDiagnostic(path, ref, r));
      }
    }
    const ownIds = this.nodeCache.get(path)!;
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
        if (draft.references[i].blockId === undefined) continue;
        viaRule1 = true;
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
        if (count < 2) {
          diagnostics.push({
            file: path,
            range: e.range,
            severity: 'warning',
            code: 'crux-needs-two',
            message:
              count === 0
                ? 'This crux names no element it decides between; reference two or more, e.g. [[a#^x]] vs [[b#^y]].'
                : 'This crux decides between only one element; reference at least two.',
          });
        }
      } else if (count === 0 && e.kind !== 'claim') {
        diagnostics.push({
          file: path,
          range: e.range,
          severity: 'warning',
          code: 'orphan-element',
          message: `This ${e.kind} has no target: nest it under an element, put it after a fitting element in its section, or reference one with [[#^id]].`,
        });
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

  private referenceDiagnostic(path: string, ref: Reference, r: Resolution): Diagnostic {
    const written = ref.syntax === 'wikilink' ? `[[${ref.target}${ref.blockId !== undefined ? `#^${ref.blockId}` : ''}]]` : `${ref.target}${ref.blockId !== undefined ? `#^${ref.blockId}` : ''}`;
    if (r.status === 'ambiguous') {
      return {
        file: path,
        range: ref.range,
        severity: 'warning',
        code: 'ambiguous-ref',
        message: `'${ref.target}' matches ${r.candidates.length} files (${r.candidates.join(', ')}); write more of the path.`,
      };
    }
    const message =
      r.status === 'missing-id'
        ? `No element '^${ref.blockId}' in ${r.file} (${written}).`
        : `No file '${ref.target}' in the workspace (${written}).`;
    return { file: path, range: ref.range, severity: 'error', code: 'dangling-ref', message };
  }
}

/** Appends a list; natively in one call when it is not huge (a help when this runs before the JIT has warmed up). */
function append<T>(out: T[], list: readonly T[]): void {
  if (list.length < 10_000) out.push(...list);
  else for (const x of list) out.push(x);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The graph as the CLI writes it: 2-space JSON and a final newline. */
export function graphToJson(graph: ArgumentGraph): string {
  return `${JSON.stringify(graph, null, 2)}\n`;
}

export type { ArgumentGraph, Diagnostic, Draft, GraphEdge, GraphNode, Position };
