/** Which files are drafts (cruxmap.include, cruxmap.exclude, cruxmap.maxFileSize): one filter shared by the workspace scan and the file watcher. No vscode import, so it is tested on its own. */

/** The settings the filter is made of. */
export interface DraftFilterSettings {
  include: readonly string[];
  exclude: readonly string[];
  maxFileSize: number;
}

/** Decides whether a file is a draft to index, by its path relative to its workspace folder and its size. */
export interface DraftFilter {
  /** Whether a folder-relative path (with `/`) matches an include glob and no exclude glob. */
  accepts(relativePath: string): boolean;
  /** Whether a file of this many bytes is small enough. */
  fits(size: number): boolean;
}

/** The filter of these settings. */
export function createDraftFilter(settings: DraftFilterSettings): DraftFilter {
  const include = settings.include.map(globToRegExp);
  const exclude = settings.exclude.map(globToRegExp);
  return {
    accepts: (path) => {
      const p = path.replace(/\\/g, '/').replace(/^\/+/, '');
      return include.some((re) => re.test(p)) && !exclude.some((re) => re.test(p));
    },
    fits: (size) => size <= settings.maxFileSize,
  };
}

/**
 * A glob as VS Code's findFiles reads one, as a regular expression over the whole relative path:
 * `**` any number of folders, `*` and `?` within one path segment, `{a,b}` alternatives,
 * `[abc]` / `[!abc]` one character of a set. Matching is case-sensitive, as findFiles is on Linux.
 */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob.replace(/\\/g, '/').replace(/^\.\//, ''))}$`);
}

function translate(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      let j = i + 2;
      while (glob[j] === '*') j++;
      if (atStart && glob[j] === '/') {
        out += '(?:[^/]*/)*'; // `**/`: no folder or any number of them
        i = j + 1;
      } else if (atStart && j === glob.length) {
        out += '.*'; // a trailing `**`: everything below
        i = j;
      } else {
        out += '[^/]*'; // `**` inside a name is a `*`
        i = j;
      }
      continue;
    }
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = closing(glob, i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${splitTopLevel(glob.slice(i + 1, end)).map(translate).join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        let set = glob.slice(i + 1, end);
        const negated = set.startsWith('!') || set.startsWith('^');
        if (negated) set = set.slice(1);
        out += `[${negated ? '^/' : ''}${set.replace(/[\\\]]/g, '\\$&')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\/]/g, '\\$&');
    i++;
  }
  return out;
}

/** The index of the `}` that closes the `{` at `open`, or -1. */
function closing(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `a,b{c,d},e` -> [`a`, `b{c,d}`, `e`]. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}
