/** Finds and reads the drafts the CLI was pointed at: directory walking, .gitignore, and the checks that skip unreadable files. */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { DraftSource } from '../node/loadWorkspace';
import { CONFIG_FILE, readConfig, type WorkspaceConfig } from '../core/config';

const MARKDOWN = /\.(md|markdown)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** A draft found on disk: its path relative to the root (with `/`) and its text. */
export interface FoundDraft {
  path: string;
  text: string;
}

export interface CollectResult {
  root: string;
  drafts: FoundDraft[];
  /** One line each: files skipped and why. */
  warnings: string[];
}

/** A usage problem: the CLI prints it and exits 2. */
export class UsageError extends Error {}

function toSlash(p: string): string {
  return p.split(sep).join('/');
}

/** The markdown files the arguments name, before reading: each one's path relative to the root and where it is. */
export interface ListedDrafts {
  root: string;
  /** Whether the root is a directory argument (else the current directory, when only files were named). */
  rootIsArgument: boolean;
  files: { path: string; file: string }[];
}

/**
 * Lists the markdown files named by the arguments (files or directories), sorted.
 * Paths are relative to the first directory argument, or to `cwd` when there is none.
 */
export function listDrafts(args: string[], cwd: string): ListedDrafts {
  const absolute = args.map((a) => resolve(cwd, a));
  for (let i = 0; i < args.length; i++) {
    if (!existsSync(absolute[i])) throw new UsageError(`no such file or directory: ${args[i]}`);
  }
  const firstDir = absolute.find((a) => statSync(a).isDirectory());
  const root = firstDir ?? cwd;
  const files = new Set<string>();
  for (const a of absolute) {
    if (statSync(a).isDirectory()) walk(a, [], files);
    else files.add(a);
  }
  return { root, rootIsArgument: firstDir !== undefined, files: [...files].sort().map((file) => ({ path: toSlash(relative(root, file)) || file, file })) };
}

/** The listed drafts as loadWorkspace reads them, through node fs; each file skipped is said in `warnings`. */
export function fileSource(listed: ListedDrafts, maxFileSize: number, warnings: string[]): DraftSource {
  const where = new Map(listed.files.map((f) => [f.path, f.file]));
  return {
    list: async () => listed.files.map((f) => f.path),
    read: async (path) => {
      const file = where.get(path);
      return file === undefined ? undefined : readDraft(file, path, maxFileSize, warnings);
    },
  };
}

/** Collects and reads the markdown files named by the arguments (see listDrafts). */
export function collectDrafts(args: string[], cwd: string, maxFileSize: number): CollectResult {
  const { root, files } = listDrafts(args, cwd);
  const warnings: string[] = [];
  const drafts: FoundDraft[] = [];
  for (const { path, file } of files) {
    const text = readDraft(file, path, maxFileSize, warnings);
    if (text !== undefined) drafts.push({ path, text });
  }
  return { root, drafts, warnings };
}

/** Reads a file as UTF-8 text, or explains why it is skipped. */
function readDraft(file: string, rel: string, maxFileSize: number, warnings: string[]): string | undefined {
  try {
    const size = statSync(file).size;
    if (size > maxFileSize) {
      warnings.push(`${rel}: skipped, ${size} bytes is over the size limit of ${maxFileSize} bytes (--max-file-size)`);
      return undefined;
    }
    const bytes = readFileSync(file);
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

/** Walks a directory for markdown files, honouring every .gitignore on the way down. */
function walk(dir: string, rules: { base: string; ig: Ignore }[], out: Set<string>): void {
  const gitignore = join(dir, '.gitignore');
  let here = rules;
  if (existsSync(gitignore)) {
    try {
      here = [...rules, { base: dir, ig: ignore().add(readFileSync(gitignore, 'utf8')) }];
    } catch {
      // an unreadable .gitignore ignores nothing
    }
  }
  let entries;
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
    if (isDir) walk(full, here, out);
    else if (entry.isFile() && MARKDOWN.test(entry.name)) out.add(full);
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

/**
 * The workspace's `.cruxmap.json`: `--config FILE` when given (it must exist), else the one in the
 * first directory argument, if there is one; its diagnostics name it relative to the root.
 */
export function readWorkspaceConfig(listed: ListedDrafts, cwd: string, configArg: string | undefined): WorkspaceConfig | undefined {
  const file = configArg !== undefined ? resolve(cwd, configArg) : listed.rootIsArgument ? join(listed.root, CONFIG_FILE) : undefined;
  if (file === undefined) return undefined;
  let text: string;
  try {
    if (configArg === undefined && !existsSync(file)) return undefined;
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the config file ${configArg ?? file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return readConfig(text, toSlash(relative(listed.root, file)) || file);
}
