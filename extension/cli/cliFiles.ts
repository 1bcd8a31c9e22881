/** Finds and reads the drafts the CLI was pointed at: directory walking, .gitignore, and the checks that skip unreadable files. */
import { readdirSync, statSync, existsSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { kindOf, readBounded } from '../node/readBounded';
import type { DraftSource } from '../node/loadWorkspace';
import { CONFIG_FILE, readConfig, type WorkspaceConfig } from '../core/config';
import type { Diagnostic } from '../core/model';

const MARKDOWN = /\.(md|markdown)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** A draft found on disk: its path relative to the root (with `/`) and its text. */
export interface FoundDraft {
  path: string;
  text: string;
  /** The absolute path it was read from. */
  file: string;
}

export interface CollectResult {
  root: string;
  drafts: FoundDraft[];
  /** One line each: files skipped and why. */
  warnings: string[];
}

/** A usage problem: the CLI prints it and exits 2. */
export class UsageError extends Error {}

/** Largest .cruxmap.json read. */
const MAX_CONFIG_BYTES = 1_000_000;

/** Largest .gitignore read (a bigger one ignores nothing). */
const MAX_GITIGNORE_BYTES = 1_000_000;

/**
 * A file name (or any text from a file) made safe for one line of output: control characters,
 * DEL, C1 controls and the Unicode line and paragraph separators become `\xNN` / `\uNNNN`, so a
 * newline in a name cannot start a line of its own (a fake `path:line:col: error` line).
 */
export function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

function toSlash(p: string): string {
  return p.split(sep).join('/');
}

/** The markdown files the arguments name, before reading: each one's path relative to the root and where it is. */
export interface ListedDrafts {
  root: string;
  /** Whether the root is a directory argument (else the current directory, when only files were named). */
  rootIsArgument: boolean;
  files: { path: string; file: string }[];
  /** One line each: what the walk passed by (symbolic links, special files). */
  warnings: string[];
}

/**
 * Lists the markdown files named by the arguments (files or directories), sorted.
 * Paths are relative to the first directory argument, or to `cwd` when there is none.
 */
export function listDrafts(args: string[], cwd: string): ListedDrafts {
  const absolute = args.map((a) => resolve(cwd, a));
  for (let i = 0; i < args.length; i++) {
    if (!existsSync(absolute[i])) throw new UsageError(`no such file or directory: ${escapeControls(args[i])}`);
  }
  const firstDir = absolute.find((a) => statSync(a).isDirectory());
  const root = firstDir ?? cwd;
  const warnings: string[] = [];
  const files = new Set<string>();
  const skipped: Skipped = { links: [], special: [] };
  for (const a of absolute) {
    if (statSync(a).isDirectory()) walk(a, [], files, skipped);
    else files.add(a); // named on the command line: read only if it is a regular file (readDraft says why not)
  }
  const rel = (file: string) => escapeControls(toSlash(relative(root, file)) || file);
  for (const { file, what } of skipped.special) warnings.push(`${rel(file)}: skipped, ${what} is not a regular file`);
  if (skipped.links.length > 0) {
    const n = skipped.links.length;
    const shown = skipped.links.slice(0, 5).map(rel).join(', ');
    warnings.push(`skipped ${n} symbolic link${n > 1 ? 's' : ''} inside folders (not followed; name the target to check it): ${shown}${n > 5 ? ', …' : ''}`);
  }
  return { root, rootIsArgument: firstDir !== undefined, files: [...files].sort().map((file) => ({ path: toSlash(relative(root, file)) || file, file })), warnings };
}

/** The listed drafts as loadWorkspace reads them, through node fs; each file skipped is said in `warnings`. */
export function fileSource(listed: ListedDrafts, maxFileSize: number, warnings: string[]): DraftSource {
  const where = new Map(listed.files.map((f) => [f.path, f.file]));
  return {
    list: async () => listed.files.map((f) => f.path),
    read: async (path) => {
      const file = where.get(path);
      return file === undefined ? undefined : readDraft(file, escapeControls(path), maxFileSize, warnings);
    },
  };
}

/** 1-based, compiler-style: `path:line:col: severity code: message`, always one line (control characters in names and messages escaped). */
export function formatDiagnostic(d: Diagnostic): string {
  return escapeControls(`${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message}`);
}

/** Collects and reads the markdown files named by the arguments (see listDrafts). */
export function collectDrafts(args: string[], cwd: string, maxFileSize: number): CollectResult {
  return readListedDrafts(listDrafts(args, cwd), maxFileSize);
}

/** Reads the markdown files listDrafts found; each file skipped is said in `warnings`, after the listing's own. */
export function readListedDrafts(listed: ListedDrafts, maxFileSize: number): CollectResult {
  const warnings = [...listed.warnings];
  const drafts: FoundDraft[] = [];
  for (const { path, file } of listed.files) {
    const text = readDraft(file, escapeControls(path), maxFileSize, warnings);
    if (text !== undefined) drafts.push({ path, text, file });
  }
  return { root: listed.root, drafts, warnings };
}

/**
 * The workspace's `.cruxmap.json`: `--config FILE` when given (it must exist), else the one in the
 * first directory argument, if there is one; its diagnostics name it relative to the root.
 */
export function readWorkspaceConfig(listed: ListedDrafts, cwd: string, configArg: string | undefined): WorkspaceConfig | undefined {
  const file = configArg !== undefined ? resolve(cwd, configArg) : listed.rootIsArgument ? join(listed.root, CONFIG_FILE) : undefined;
  if (file === undefined) return undefined;
  if (configArg === undefined && !existsSync(file)) return undefined;
  const read = readBounded(file, MAX_CONFIG_BYTES);
  if (!('bytes' in read)) {
    const why = read.skipped === 'too-large' ? `over ${MAX_CONFIG_BYTES} bytes` : read.skipped === 'not-regular' ? `${read.what} is not a regular file` : (/^([A-Z]+):/.exec(read.message)?.[1] ?? read.message);
    throw new UsageError(`cannot read the config file ${escapeControls(configArg ?? file)} (${escapeControls(why)})`);
  }
  return readConfig(new TextDecoder().decode(read.bytes), toSlash(relative(listed.root, file)) || file);
}

/** Reads a regular file of at most maxFileSize bytes as UTF-8 text, or explains why it is skipped. */
function readDraft(file: string, rel: string, maxFileSize: number, warnings: string[]): string | undefined {
  try {
    const read = readBounded(file, maxFileSize);
    if ('skipped' in read) {
      if (read.skipped === 'too-large') warnings.push(`${rel}: skipped, ${read.size !== undefined ? `${read.size} bytes is ` : ''}over the size limit of ${maxFileSize} bytes (--max-file-size)`);
      else if (read.skipped === 'not-regular') warnings.push(`${rel}: skipped, ${read.what} is not a regular file`);
      else warnings.push(`${rel}: skipped, cannot be read (${read.message})`);
      return undefined;
    }
    const bytes = read.bytes;
    if (bytes.includes(0)) {
      warnings.push(`${rel}: skipped, not a text file (it holds NUL bytes)`);
      return undefined;
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      warnings.push(`${rel}: skipped, not valid UTF-8`);
      return undefined;
    }
  } catch (e) {
    warnings.push(`${rel}: skipped, cannot be read (${(e as Error).message})`);
    return undefined;
  }
}

/** What a walk passed by without reading: symbolic links (said once, together) and special files. */
interface Skipped {
  links: string[];
  special: { file: string; what: string }[];
}

/** Walks a directory for markdown files, honouring every .gitignore on the way down. */
function walk(dir: string, rules: { base: string; ig: Ignore }[], out: Set<string>, skipped: Skipped): void {
  const gitignore = readBounded(join(dir, '.gitignore'), MAX_GITIGNORE_BYTES);
  let here = rules;
  // A missing, special (FIFO...), huge or unreadable .gitignore ignores nothing.
  if ('bytes' in gitignore) here = [...rules, { base: dir, ig: ignore().add(new TextDecoder().decode(gitignore.bytes)) }];
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    const isDir = entry.isDirectory();
    if (isDir && SKIP_DIRS.has(entry.name)) continue;
    if (isIgnored(here, full, isDir)) continue;
    if (isDir) walk(full, here, out, skipped);
    else if (entry.isFile()) {
      if (MARKDOWN.test(entry.name)) out.add(full);
    } else if (entry.isSymbolicLink()) {
      // Not followed (a link can loop or leave the workspace); said when it would have mattered.
      if (MARKDOWN.test(entry.name) || isFolder(full)) skipped.links.push(full);
    } else if (MARKDOWN.test(entry.name)) {
      skipped.special.push({ file: full, what: kindOf(statSync(full, { throwIfNoEntry: false }) ?? entry) });
    }
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** As git decides: the deepest .gitignore with a matching rule wins, so `!name` in a subfolder re-includes what a parent ignored. */
function isIgnored(rules: { base: string; ig: Ignore }[], full: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { base, ig } of rules) {
    const verdict = ig.test(toSlash(relative(base, full)) + (isDir ? '/' : ''));
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}
