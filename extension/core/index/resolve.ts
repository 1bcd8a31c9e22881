/** Name resolution (spec section 3, 1.1): wikilink names by exact path, then shortest unique suffix (as Obsidian resolves them), front matter aliases as more names, markdown links relative to the linking file, external targets never. */
import type { Reference } from '../model';
import { compareStrings } from './order';

/** How a reference resolved. */
export type Resolution =
  | { status: 'ok'; file: string; localId?: string; elementIndex?: number }
  | { status: 'missing-file' }
  | { status: 'missing-id'; file: string }
  | { status: 'ambiguous'; candidates: string[] }
  /** A URL (any `scheme:`) or `//` target: never resolved, never a diagnostic (spec 1.1 section 3). */
  | { status: 'external' };

const MD_EXT = /\.(md|markdown)$/i;

/** The resolutions that carry nothing of their own, shared (resolutions are never changed): a keystroke resolves every reference of the draft again. */
const EXTERNAL: Resolution = Object.freeze({ status: 'external' });
const MISSING_FILE: Resolution = Object.freeze({ status: 'missing-file' });

/** A path without its markdown extension. */
export function stemOf(path: string): string {
  return path.replace(MD_EXT, '');
}

/** The last `/` segment of a path. */
export function lastSegment(path: string): string {
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

/** Whether a target is external: a URL scheme (`https:`, `mailto:`, any `scheme:`) or a `//` network path. */
export function isExternalTarget(target: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(target) || target.startsWith('//');
}

/**
 * Files a wikilink or link may name that are not drafts (Obsidian's attachment formats): images, audio,
 * video, PDFs, canvases and other documents. Crux Map indexes markdown only, so it cannot know whether
 * such a file exists: a reference to one is never resolved and never a diagnostic, like a URL.
 */
const ATTACHMENT_EXT = /\.(png|jpe?g|gif|bmp|svg|webp|avif|ico|tiff?|heic|pdf|mp3|wav|m4a|ogg|oga|flac|3gp|webm|mp4|m4v|mov|mkv|ogv|avi|canvas|base|excalidraw|csv|tsv|json|ya?ml|txt|zip|html?|epub|docx?|xlsx?|pptx?|odt|ods|odp|ipynb|py|js|ts)$/i;

/** Whether a target names an attachment (a file of a non-markdown format, by its extension). */
export function isAttachmentTarget(target: string): boolean {
  return ATTACHMENT_EXT.test(target.trim().replace(/\\$/, ''));
}

/**
 * A wikilink name as it is matched: `/` separators, no leading `./` or `/`, and no trailing `\`
 * (inside a table, Obsidian writes `[[name\|alias]]` so that the pipe does not end the cell).
 */
function normalizeWikiName(rawName: string): string {
  // Most names hold no backslash and start with no `.` or `/`: the same string, without three regular expressions.
  const c = rawName.charCodeAt(0);
  if (c !== 0x2e && c !== 0x2f && !rawName.includes('\\')) return rawName;
  return rawName.replace(/\\$/, '').replace(/\\/g, '/').replace(/^\.?\//, '');
}

/**
 * The key a file name is filed under and a wikilink name looked up by: its last segment without
 * extension, lower-cased (names match case-insensitively when no file matches with the same case, as in Obsidian).
 */
export function nameKeyOf(name: string): string {
  return lastSegment(stemOf(normalizeWikiName(name))).toLowerCase();
}

/**
 * The names files answer to, filed by last segment, and the resolution of wikilink names
 * against them: the exact path without extension, else the one file whose path ends with it.
 * A front matter alias is one more name of its file, as if the file also lay in its folder
 * under that name: `aliases: [Other]` on `posts/a.md` answers to `[[Other]]` and `[[posts/Other]]`,
 * by the same rule (so a name two files answer to is ambiguous).
 */
export class NameTable {
  /** Name key -> path -> the file's names (paths without extension) filed under that key. */
  private readonly byKey = new Map<string, Map<string, string[]>>();
  /** Path -> all its names. */
  private readonly namesOf = new Map<string, string[]>();

  /** Files a path under its own name and its aliases, replacing what it had; returns the name keys whose files changed. */
  set(path: string, aliases: readonly string[] = []): string[] {
    const names = namesFor(path, aliases);
    const old = this.namesOf.get(path);
    if (old && old.length === names.length && old.every((n, i) => n === names[i])) return [];
    const changed = old ? this.delete(path) : [];
    this.namesOf.set(path, names);
    for (const name of names) {
      const key = lastSegment(name).toLowerCase();
      let files = this.byKey.get(key);
      if (!files) this.byKey.set(key, (files = new Map()));
      const list = files.get(path);
      if (list) list.push(name);
      else files.set(path, [name]);
      if (!changed.includes(key)) changed.push(key);
    }
    return changed;
  }

  /** Files a path under its own name (keeping aliases it has); see set. */
  add(path: string): string[] {
    return this.namesOf.has(path) ? [] : this.set(path);
  }

  /** Forgets a path's names; returns the name keys whose files changed. */
  delete(path: string): string[] {
    const names = this.namesOf.get(path);
    if (!names) return [];
    this.namesOf.delete(path);
    const keys: string[] = [];
    for (const name of names) {
      const key = lastSegment(name).toLowerCase();
      const files = this.byKey.get(key);
      if (files?.delete(path) && files.size === 0) this.byKey.delete(key);
      if (!keys.includes(key)) keys.push(key);
    }
    return keys;
  }

  clear(): void {
    this.byKey.clear();
    this.namesOf.clear();
  }

  /** How many names are filed (for tests of boundedness). */
  get size(): number {
    let n = 0;
    for (const names of this.namesOf.values()) n += names.length;
    return n;
  }

  /** Resolves a wikilink name (without `#^id`): with the same case first, then ignoring case. */
  resolve(rawName: string): Resolution {
    const name = normalizeWikiName(rawName);
    const files = this.byKey.get(lastSegment(stemOf(name)).toLowerCase());
    if (!files) return { status: 'missing-file' };
    const sameCase = matchName(files, name, (n) => n);
    if (sameCase.status !== 'missing-file') return sameCase;
    return matchName(files, name, (n) => n.toLowerCase());
  }
}

/** The exact path (or name) without extension, else the one file whose name ends with it, comparing names through `fold`. */
function matchName(files: ReadonlyMap<string, readonly string[]>, name: string, fold: (n: string) => string): Resolution {
  const wanted = fold(name);
  const stem = fold(stemOf(name));
  const exact: string[] = [];
  for (const [path, names] of files) if (fold(path) === wanted || names.some((n) => fold(n) === stem)) exact.push(path);
  if (exact.length === 1) return { status: 'ok', file: exact[0] };
  const suffix = exact.length > 1 ? exact : [];
  if (exact.length === 0) for (const [path, names] of files) if (names.some((n) => fold(n).endsWith(`/${stem}`))) suffix.push(path);
  if (suffix.length === 1) return { status: 'ok', file: suffix[0] };
  if (suffix.length > 1) return { status: 'ambiguous', candidates: suffix.sort(compareStrings) };
  return { status: 'missing-file' };
}

/** A file's names: its path without extension, then each alias in its folder, without duplicates. */
function namesFor(path: string, aliases: readonly string[]): string[] {
  const own = stemOf(path);
  const names = [own];
  const folder = path.slice(0, path.lastIndexOf('/') + 1);
  for (const alias of aliases) {
    const name = stemOf(normalizeWikiName(alias.trim()));
    if (name === '' || name.endsWith('/')) continue;
    const full = folder + name;
    if (!names.includes(full)) names.push(full);
  }
  return names;
}

/**
 * Resolves the file part of a reference written in `fromPath`: external for a URL, the same file for
 * an empty target, a markdown link relative to the file, a wikilink by name (`resolveName`, e.g. a cached NameTable).
 */
export function resolveFilePart(
  fromPath: string,
  reference: Pick<Reference, 'syntax' | 'target'>,
  has: (path: string) => boolean,
  resolveName: (name: string) => Resolution,
): Resolution {
  const target = reference.target;
  if (isExternalTarget(target) || isAttachmentTarget(target)) return EXTERNAL;
  if (target === '') return has(fromPath) ? { status: 'ok', file: fromPath } : MISSING_FILE;
  if (reference.syntax === 'link') {
    const path = resolveRelativePath(fromPath, target);
    return path !== undefined && has(path) ? { status: 'ok', file: path } : MISSING_FILE;
  }
  return resolveName(target);
}

/** Resolves the id part of a reference whose file resolved: the element index from the file's ids, or missing-id. */
export function resolveIdPart(file: Resolution, reference: Pick<Reference, 'blockId'>, idsOf: (file: string) => ReadonlyMap<string, number> | undefined): Resolution {
  if (file.status !== 'ok' || reference.blockId === undefined) return file;
  const elementIndex = idsOf(file.file)?.get(reference.blockId) ?? -1;
  if (elementIndex < 0) return { status: 'missing-id', file: file.file };
  return { status: 'ok', file: file.file, localId: reference.blockId, elementIndex };
}
