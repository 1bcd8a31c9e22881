/** Name resolution (spec section 3): wikilink names by exact path, then shortest unique suffix (as Obsidian resolves them), and markdown links relative to the linking file. */
import type { Reference } from '../model';
import { compareStrings } from './order';

/** How a reference resolved. */
export type Resolution =
  | { status: 'ok'; file: string; localId?: string; elementIndex?: number }
  | { status: 'missing-file' }
  | { status: 'missing-id'; file: string }
  | { status: 'ambiguous'; candidates: string[] };

const MD_EXT = /\.(md|markdown)$/i;

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

/** A wikilink name as it is matched: `/` separators, no leading `./` or `/`. */
function normalizeWikiName(rawName: string): string {
  return rawName.replace(/\\/g, '/').replace(/^\.?\//, '');
}

/** The key a file name is filed under and a wikilink name looked up by: its last segment without extension. */
export function nameKeyOf(name: string): string {
  return lastSegment(stemOf(normalizeWikiName(name)));
}

/**
 * The names files answer to, filed by last segment, and the resolution of wikilink names
 * against them: the exact path without extension, else the one file whose path ends with it.
 */
export class NameTable {
  private readonly byKey = new Map<string, Set<string>>();

  /** Files a path under its name; returns the name keys whose files changed. */
  add(path: string): string[] {
    const key = nameKeyOf(path);
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(path);
    return [key];
  }

  /** Forgets a path's name; returns the name keys whose files changed. */
  delete(path: string): string[] {
    const key = nameKeyOf(path);
    const set = this.byKey.get(key);
    set?.delete(path);
    if (set && set.size === 0) this.byKey.delete(key);
    return [key];
  }

  clear(): void {
    this.byKey.clear();
  }

  /** Resolves a wikilink name (without `#^id`). */
  resolve(rawName: string): Resolution {
    const name = normalizeWikiName(rawName);
    const stem = stemOf(name);
    const candidates = [...(this.byKey.get(lastSegment(stem)) ?? [])];
    const exact = candidates.filter((p) => stemOf(p) === stem || p === name);
    if (exact.length === 1) return { status: 'ok', file: exact[0] };
    const suffix = exact.length > 1 ? exact : candidates.filter((p) => stemOf(p).endsWith(`/${stem}`));
    if (suffix.length === 1) return { status: 'ok', file: suffix[0] };
    if (suffix.length > 1) return { status: 'ambiguous', candidates: suffix.sort(compareStrings) };
    return { status: 'missing-file' };
  }
}

/**
 * Resolves the file part of a reference written in `fromPath`: the same file for an empty target,
 * a markdown link relative to the file, a wikilink by name (`resolveName`, e.g. a cached NameTable).
 */
export function resolveFilePart(
  fromPath: string,
  reference: Pick<Reference, 'syntax' | 'target'>,
  has: (path: string) => boolean,
  resolveName: (name: string) => Resolution,
): Resolution {
  const target = reference.target;
  if (target === '') return has(fromPath) ? { status: 'ok', file: fromPath } : { status: 'missing-file' };
  if (reference.syntax === 'link') {
    const path = resolveRelativePath(fromPath, target);
    return path !== undefined && has(path) ? { status: 'ok', file: path } : { status: 'missing-file' };
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
