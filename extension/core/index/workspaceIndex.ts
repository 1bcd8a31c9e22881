/** The workspace index: holds the parsed drafts and each one's share of the graph, drops what a change makes stale, and answers the queries of the graph, the editor and the CLI. */
import type { ArgumentGraph, Diagnostic, Disagreement, Draft, DraftElement, FileInfo, GraphEdge, GraphNode, Position, Reference } from '../model';
import { globalId, splitGlobalId } from '../model';
import { parseDraft } from '../parse/parse';
import { comparePos, compareStrings } from './order';
import { NameTable, nameKeyOf, resolveFilePart, resolveIdPart, stemOf, type Resolution } from './resolve';
import { buildFilePart, type FilePart, type ReferenceHit } from './filePart';
import { compareDiagnostics, unansweredObjections } from './diagnostics';

export type { Resolution } from './resolve';
export type { ReferenceHit } from './filePart';
export { resolveRelativePath } from './resolve';

/** An element located in a draft. */
export interface ElementHit {
  draft: Draft;
  index: number;
  element: DraftElement;
  id: string;
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

/** A draft's part as the index keeps it: with the lookup keys (see WorkspaceIndex.keyUsers) its resolution consulted. */
interface IndexedPart extends FilePart {
  keys: string[];
  /** The wikilink names it holds in the name cache. */
  names: string[];
}

/** The function the index parses a file with (parseDraft, or one that adds the workspace's label words); injectable so tests can count parses. */
export type ParseFunction = (text: string, path: string) => Draft;
/** @deprecated The old name of ParseFunction (parse.ts has a class of that name). */
export type DraftParser = ParseFunction;

/**
 * The index of a workspace's drafts. Add, update and remove one draft at a time: only that
 * draft is parsed, and only the parts of the drafts whose resolution it can change are dropped
 * (those that reference it, or looked up its names or path). `update`, `remove` and `rename`
 * rebuild those parts at once and return the paths whose share changed; `setDraft`,
 * `setParsedDraft` and `removeDraft` leave them to the next query (for loading many drafts).
 * Holds no global state; safe to run in a worker.
 */
export class WorkspaceIndex {
  /** How many parses ran (for tests of incrementality). */
  parseCount = 0;
  private readonly drafts = new Map<string, Draft>();
  private readonly texts = new Map<string, string>();
  /** The names files answer to, for wikilink lookup. */
  private readonly names = new NameTable();
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
  /** Per draft: its share of the graph (see FilePart), with the lookup keys and names it depends on. */
  private readonly parts = new Map<string, IndexedPart>();
  /** File -> drafts whose parts reference it, so a change re-resolves only those. */
  private readonly dependents = new Map<string, Set<string>>();
  /**
   * Lookup key -> drafts whose parts' resolution consulted it: `w:<name key>` for a wikilink name
   * (see nameKeyOf), `p:<path>` for a markdown link's path. A file that comes or goes re-resolves
   * only the drafts that looked up its names or its path.
   */
  private readonly keyUsers = new Map<string, Set<string>>();
  /** While an update runs: the parts it dropped, as they were, to tell what changed. */
  private dropped: Map<string, FilePart> | undefined;
  /** While an update runs: the shares it dropped, as they were, kept again for the files it did not affect. */
  private droppedShares: Map<string, FileShare> | undefined;
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
    // Its aliases were not known before (no wikilink has resolved since the restore: see resolveWikiName).
    const keys = this.names.set(path, loaded.aliases);
    if (keys.length > 0) this.namesChanged(path, keys);
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
    for (const map of [this.drafts, this.texts, this.nodeMap, this.nodeCache, this.idIndex, this.parts, this.shares, this.dependents, this.keyUsers, this.nameCache]) map.clear();
    this.names.clear();
    for (const f of files) this.texts.set(f.path, f.text);
    this.sortedPaths = paths;
    for (const path of paths) this.names.add(path);
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

  /** Drops a file's share (gathered again when asked for); during an update, it is kept aside. */
  private dropShare(path: string): void {
    const share = this.shares.get(path);
    if (share === undefined) return;
    if (this.droppedShares && !this.droppedShares.has(path)) this.droppedShares.set(path, share);
    this.shares.delete(path);
  }

  /** Drops a draft's part (forgetting what it depends on) and the shares of the files it contributed to. */
  private dropPart(path: string): void {
    const part = this.parts.get(path);
    if (!part) return;
    this.parts.delete(path);
    if (this.dropped && !this.dropped.has(path)) this.dropped.set(path, part);
    // A share lists its sources from `dependents`, which the part's refFiles fed: those shares go too.
    for (const f of part.into.keys()) this.dropShare(f);
    for (const f of part.refFiles) {
      this.dropShare(f);
      deleteFrom(this.dependents, f, path);
    }
    for (const k of part.keys) deleteFrom(this.keyUsers, k, path);
    for (const name of part.names) {
      const entry = this.nameCache.get(name);
      if (entry && --entry.users === 0) this.nameCache.delete(name);
    }
  }

  /** Drops the parts that looked up a key (their names may resolve differently now). */
  private dropUsersOf(key: string): void {
    const users = this.keyUsers.get(key);
    if (users) for (const d of [...users]) this.dropPart(d);
  }

  /** A file came or went under these name keys: what resolved by them, or by its path, resolves again. */
  private namesChanged(path: string, keys: readonly string[]): void {
    // Every part that holds a name filed under one of these keys looked that key up: dropping them empties its cache entries.
    for (const k of keys) this.dropUsersOf(`w:${k}`);
    this.dropUsersOf(`p:${path}`);
  }

  constructor(private readonly parser: ParseFunction = parseDraft) {}

  /** Parses one file and adds or replaces it (lazily: see update for the paths a change affects). */
  setDraft(path: string, text: string): Draft {
    this.parseCount++;
    return this.setParsedDraft(path, text, this.parser(text, path));
  }

  /** Adds or replaces a file that was parsed elsewhere (e.g. in a worker thread) with parseDraft; nothing is resolved until a query needs it (for loading many). */
  setParsedDraft(path: string, text: string, draft: Draft): Draft {
    this.restoredDiagnostics = undefined;
    if (!this.texts.has(path)) {
      this.namesChanged(path, this.names.set(path, draft.aliases));
      this.sortedPaths = undefined;
    } else {
      // The drafts pointing into this one use its element ids, their order and nothing else of it (the node ids, and
      // positions only to order its elements): while those stay (a keystroke in an element's text), their parts stand.
      const sameIds = sameLocalIds(this.nodeCache.get(path), draft.elements);
      this.dropPart(path);
      if (!sameIds) for (const other of [...(this.dependents.get(path) ?? [])]) this.dropPart(other);
      // Aliases written or deleted: what resolved by those names resolves again.
      const keys = this.names.set(path, draft.aliases);
      if (keys.length > 0) this.namesChanged(path, keys);
    }
    this.dropShare(path);
    this.drafts.set(path, draft);
    this.texts.set(path, text);
    this.idIndex.delete(path);
    this.setNodes(path, draft);
    this.graph = undefined;
    return draft;
  }

  /** Removes a file; false when it was not indexed. */
  removeDraft(path: string): boolean {
    if (!this.texts.has(path)) return false;
    this.restoredDiagnostics = undefined;
    this.dropPart(path);
    for (const other of [...(this.dependents.get(path) ?? [])]) this.dropPart(other);
    this.texts.delete(path);
    this.drafts.delete(path);
    this.dropShare(path);
    this.namesChanged(path, this.names.delete(path));
    this.sortedPaths = undefined;
    this.idIndex.delete(path);
    this.setNodes(path, undefined);
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

  /**
   * Adds or replaces a draft (parsing `text` unless `draft` is given) and brings every part up
   * to date now. Returns the paths, sorted, whose share changed: diagnostics, nodes, edges from or
   * into the file, references into it, disagreements, title or topics, or the file coming or going.
   * Every other file answers every query exactly as before, so Problems and the map need to look
   * at these alone.
   */
  update(path: string, text: string, draft?: Draft): string[] {
    return this.affecting(path, () => {
      if (draft === undefined) this.setDraft(path, text);
      else this.setParsedDraft(path, text, draft);
    });
  }

  /** Removes a draft; the paths whose share changed (see update), none when it was not indexed. */
  remove(path: string): string[] {
    if (!this.texts.has(path)) return [];
    return this.affecting(path, () => this.removeDraft(path));
  }

  /** Moves a draft to a new path; the paths whose share changed (see update), none when `from` was not indexed. */
  rename(from: string, to: string): string[] {
    const text = this.texts.get(from);
    if (text === undefined) return [];
    const out = new Set([...this.remove(from), ...this.update(to, text)]);
    return [...out].sort(compareStrings);
  }

  /** Runs a change of `path` with every part built before and after it, and tells which files' shares differ. */
  private affecting(path: string, change: () => void): string[] {
    // Every part is built first, so that what the caller last saw is what the index held.
    this.buildParts();
    const dropped = new Map<string, FilePart>();
    const droppedShares = new Map<string, FileShare>();
    this.dropped = dropped;
    this.droppedShares = droppedShares;
    let affected: Set<string>;
    try {
      try {
        change();
      } finally {
        this.dropped = undefined;
      }
      // ... and after it, so that the parts it dropped can be compared with what replaces them.
      this.buildParts();
      affected = new Set<string>([path]);
      for (const [d, old] of dropped) changedShares(d, old, this.parts.get(d), affected);
      // A draft that is new has no old part: all it contributes is new.
      const added = dropped.has(path) ? undefined : this.parts.get(path);
      if (added) for (const f of added.into.keys()) changedInto(f, undefined, added, affected);
      for (const r of added?.resolutions ?? []) if (r.status === 'ok' || r.status === 'missing-id') affected.add(r.file);
    } finally {
      this.droppedShares = undefined;
    }
    // A file the change did not affect answers as before: its share stands (after a keystroke in a draft that points
    // into many files, their shares are not gathered again).
    for (const [f, share] of droppedShares) if (!affected.has(f) && !this.shares.has(f) && this.texts.has(f)) this.shares.set(f, share);
    return [...affected].sort(compareStrings);
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

  /**
   * How many entries each of the index's maps holds (for tests and the benchmark): every one is
   * bounded by the drafts it holds now, whatever edits came before.
   */
  entryCounts(): Record<string, number> {
    let dependents = 0;
    let keyUsers = 0;
    for (const s of this.dependents.values()) dependents += s.size;
    for (const s of this.keyUsers.values()) keyUsers += s.size;
    return {
      drafts: this.drafts.size,
      texts: this.texts.size,
      nodes: this.nodeMap.size,
      nodeLists: this.nodeCache.size,
      idIndex: this.idIndex.size,
      parts: this.parts.size,
      shares: this.shares.size,
      dependents,
      keyUsers,
      nameCache: this.nameCache.size,
      names: this.names.size,
    };
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
    return resolveIdPart(this.resolveFile(fromPath, reference), reference, (file) => this.idsOf(file));
  }

  /** Resolves the file part of a reference. */
  resolveFile(fromPath: string, reference: Pick<Reference, 'syntax' | 'target'>): Resolution {
    return resolveFilePart(fromPath, reference, (p) => this.texts.has(p), (name) => this.resolveWikiName(name));
  }

  /**
   * Wikilink names held by built parts, resolved once for all of them (many references share a
   * name), with how many parts hold each: a name no part holds any more is dropped, so typing
   * many names one after another does not grow it. Names a file came or went under leave with
   * the parts that looked them up (see namesChanged).
   */
  private readonly nameCache = new Map<string, { resolution: Resolution; users: number }>();

  /** Resolves a wikilink name: the exact path (or alias) without extension, else the unique file whose path (or alias) ends with it. */
  resolveWikiName(rawName: string): Resolution {
    this.loadAliases();
    return this.nameCache.get(rawName)?.resolution ?? this.names.resolve(rawName);
  }

  /** Every draft's aliases are names: after a restore, the drafts not loaded yet are loaded before a name resolves. */
  private loadAliases(): void {
    if (this.loadDraft === undefined) return;
    for (const p of this.orderedPaths()) this.draftOf(p);
    // All loaded (also when the last unloaded ones were replaced by edits, which draftOf does not see).
    this.loadDraft = undefined;
  }

  /** Resolves a name for a part being built, which then holds it in the cache (`held`: the names it holds so far). */
  private holdName(rawName: string, held: Set<string>): Resolution {
    this.loadAliases();
    let entry = this.nameCache.get(rawName);
    if (!entry) this.nameCache.set(rawName, (entry = { resolution: this.names.resolve(rawName), users: 0 }));
    if (!held.has(rawName)) {
      held.add(rawName);
      entry.users++;
    }
    return entry.resolution;
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
    // Every draft that resolves a reference into it depends on it (see partOf).
    for (const from of this.dependents.get(path) ?? []) {
      if (from !== path && this.parts.get(from)!.resolutions.some((r) => r.status === 'ok' && r.file === path)) linked.add(from);
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

  /** Orders node ids by file, then position. */
  private readonly compareNodes = (a: string, b: string): number => {
    const na = this.nodesById().get(a)!;
    const nb = this.nodesById().get(b)!;
    return compareStrings(na.file, nb.file) || comparePos(na.range.start, nb.range.start);
  };

  /** A draft's part, built when missing. */
  private partOf(path: string): IndexedPart {
    let part = this.parts.get(path);
    if (!part) {
      const keys = new Set<string>();
      // Resolves as resolveReference does, noting every name and path it looks up.
      // Each path and name noted once (a draft names the same few many times; each note makes a string).
      const paths = new Set<string>();
      const has = (p: string) => {
        if (!paths.has(p)) {
          paths.add(p);
          keys.add(`p:${p}`);
        }
        return this.texts.has(p);
      };
      const held = new Set<string>();
      const byName = (name: string) => {
        if (!held.has(name)) keys.add(`w:${nameKeyOf(name)}`);
        return this.holdName(name, held);
      };
      const idsOf = (file: string) => this.idsOf(file);
      const built = buildFilePart({
        path,
        draft: this.draftOf(path)!,
        nodes: this.nodeCache.get(path)!,
        resolve: (ref) => resolveIdPart(resolveFilePart(path, ref, has, byName), ref, idsOf),
        nodesOf: (file) => this.nodeCache.get(file)!,
        compareNodes: this.compareNodes,
      });
      part = { ...built, keys: [...keys], names: [...held] };
      this.parts.set(path, part);
      for (const f of part.refFiles) addTo(this.dependents, f, path);
      for (const k of part.keys) addTo(this.keyUsers, k, path);
      // The files it points into gather their shares anew (none is gathered yet while a whole workspace is loaded).
      if (this.shares.size > 0) {
        for (const f of part.into.keys()) this.dropShare(f);
        for (const f of part.refFiles) this.dropShare(f);
      }
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
        : // A Set, not indexOf: a file many drafts point into has its share gathered again after each keystroke in any of them.
          [...new Set([path, ...dependents])].filter((p) => this.parts.has(p)).sort(compareStrings);
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
      append(diagnostics, unansweredObjections(nodes, answered));
    }
    if (diagnostics.length > 1) diagnostics.sort(compareDiagnostics);
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
}

/** Appends a list; natively in one call when it is not huge (a help when this runs before the JIT has warmed up). */
function append<T>(out: T[], list: readonly T[]): void {
  if (list.length < 10_000) out.push(...list);
  else for (const x of list) out.push(x);
}

/** Whether a draft's new elements have the local ids of its old nodes, in the same order. */
function sameLocalIds(nodes: readonly GraphNode[] | undefined, elements: readonly DraftElement[]): boolean {
  if (!nodes || nodes.length !== elements.length) return false;
  for (let i = 0; i < nodes.length; i++) if (nodes[i].localId !== elements[i].localId) return false;
  return true;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function deleteFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set && set.delete(value) && set.size === 0) map.delete(key);
}

/**
 * Adds to `out` the files whose share differs because draft `d`'s part went from `old` to `now`
 * (undefined: the draft is gone): `d` itself when its diagnostics, edges or resolutions differ,
 * every file whose contribution from it differs, and the files a changed resolution points into.
 */
function changedShares(d: string, old: FilePart, now: FilePart | undefined, out: Set<string>): void {
  if (!now) {
    for (const f of old.into.keys()) changedInto(f, old, undefined, out);
    for (const r of old.resolutions) if (r.status === 'ok' || r.status === 'missing-id') out.add(r.file);
    return;
  }
  // The edited draft is affected anyway: its own lists (the bulk of a big draft) need no comparing.
  if (!out.has(d) && (!sameJson(old.diagnostics, now.diagnostics) || !sameJson(old.edges, now.edges))) out.add(d);
  // A reference that now resolves elsewhere links other files (linkedFiles), also when it names no element.
  for (let i = 0; i < Math.max(old.resolutions.length, now.resolutions.length); i++) {
    const a = old.resolutions[i];
    const b = now.resolutions[i];
    if (sameJson(a, b)) continue;
    out.add(d);
    for (const r of [a, b]) if (r && (r.status === 'ok' || r.status === 'missing-id')) out.add(r.file);
  }
  for (const [f, c] of old.into) {
    const n = now.into.get(f);
    // Into an affected file itself, only its disagreements matter here (for the files at their other ends).
    if (f === d && out.has(d) ? !sameJson(c.disagreements, n?.disagreements) : !sameJson(c, n)) changedInto(f, old, now, out);
  }
  for (const f of now.into.keys()) if (!old.into.has(f)) changedInto(f, old, now, out);
}

/** Adds a file whose contribution from a part changed, and the files at the other end of the disagreements in it. */
function changedInto(f: string, old: FilePart | undefined, now: FilePart | undefined, out: Set<string>): void {
  out.add(f);
  for (const c of [old?.into.get(f), now?.into.get(f)]) {
    for (const d of c?.disagreements ?? []) out.add(splitGlobalId(d.b)!.file);
  }
}

/** Deep equality of JSON-like values (plain objects, arrays, primitives); shared objects compare at once. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
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
