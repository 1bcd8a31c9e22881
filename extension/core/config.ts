/** Reads a workspace's `.cruxmap.json` (markup spec 1.1 section 1): its label words and phrases, and a `bad-config` warning for whatever is wrong in it. */
import { ELEMENT_KINDS, type Diagnostic, type ElementKind, type ParseOptions, type Position, type Range } from './model';

/** The name of the file, at the root of a workspace folder (or of the CLI's first directory). */
export const CONFIG_FILE = '.cruxmap.json';

/** What a `.cruxmap.json` gives: label words (lower-cased phrase -> kind) and its problems. */
export interface WorkspaceConfig {
  labels: Record<string, ElementKind>;
  diagnostics: Diagnostic[];
}

/**
 * Reads the text of a `.cruxmap.json` at `path` (workspace-relative, for the diagnostics).
 * `labels` maps each label word or phrase, lower-cased with its white space collapsed, to its kind.
 * Invalid JSON gives no labels and one `bad-config` warning; a label mapped to an unknown kind
 * (or one that can never be a label: empty, or holding a colon) is left out with a warning of its
 * own, the other labels still apply; keys other than `labels` are ignored. Never throws.
 */
export function readConfig(text: string, path: string): WorkspaceConfig {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const labels: Record<string, ElementKind> = {};
  const diagnostics: Diagnostic[] = [];
  const warn = (range: Range, message: string) => diagnostics.push({ file: path, range, severity: 'warning', code: 'bad-config', message });
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/\s+/g, ' ').trim() : 'unreadable';
    const at = /position (\d+)/.exec(reason);
    const offset = at ? Math.min(Number(at[1]), src.length) : 0;
    warn(pointRange(src, offset), `${CONFIG_FILE} is not valid JSON (${reason}); its label words are ignored.`);
    return { labels, diagnostics };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    warn(pointRange(src, firstNonSpace(src)), `${CONFIG_FILE} must hold a JSON object, such as { "labels": { "Upshot": "claim" } }; it is ignored.`);
    return { labels, diagnostics };
  }
  const given = (value as Record<string, unknown>).labels;
  if (given === undefined) return { labels, diagnostics };
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    warn(keyRange(src, 'labels'), `"labels" in ${CONFIG_FILE} must map label words to kinds, such as { "Upshot": "claim" }; it is ignored.`);
    return { labels, diagnostics };
  }
  for (const [label, kind] of Object.entries(given as Record<string, unknown>)) {
    const phrase = label.trim().replace(/\s+/g, ' ').toLowerCase();
    const known = typeof kind === 'string' ? ELEMENT_KINDS.find((k) => k === kind.trim().toLowerCase()) : undefined;
    if (phrase === '' || phrase.includes(':')) {
      warn(keyRange(src, label), `Label ${JSON.stringify(label)} in ${CONFIG_FILE} can never start an element (${phrase === '' ? 'it has no words' : 'the colon after it ends a label'}); it is ignored.`);
    } else if (!known) {
      warn(keyRange(src, label), `Label ${JSON.stringify(label)} in ${CONFIG_FILE} maps to ${JSON.stringify(kind) ?? String(kind)}, which is no kind (${ELEMENT_KINDS.join(', ')}); it is ignored.`);
    } else {
      labels[phrase] = known;
    }
  }
  return { labels, diagnostics };
}

/** The parse options of a read config: its labels, or none when it has none. */
export function parseOptionsOf(config: WorkspaceConfig | undefined): ParseOptions | undefined {
  return config && Object.keys(config.labels).length > 0 ? { labels: config.labels } : undefined;
}

function position(src: string, offset: number): Position {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && src.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

/** One character at an offset (none at the end of the text). */
function pointRange(src: string, offset: number): Range {
  return { start: position(src, offset), end: position(src, Math.min(src.length, offset + 1)) };
}

function firstNonSpace(src: string): number {
  const m = /\S/.exec(src);
  return m ? m.index : 0;
}

/** Where a key is written (as JSON writes it), else the start of the file. */
function keyRange(src: string, key: string): Range {
  const written = JSON.stringify(key);
  const at = src.indexOf(written);
  if (at < 0) return pointRange(src, firstNonSpace(src));
  return { start: position(src, at), end: position(src, at + written.length) };
}
