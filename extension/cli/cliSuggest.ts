/** `cruxmap suggest`: the suggester's opinions on unlabeled blocks, as compiler-style lines or the issue's JSON (version 1). */
import { parseDraft } from '../core/parse/parse';
import { parseOptionsOf } from '../core/config';
import { DEFAULT_THRESHOLD, suggestDraft, type Suggestion } from '../core/suggest/suggest';
import { escapeControls, formatDiagnostic, listDrafts, readListedDrafts, readWorkspaceConfig, UsageError } from './cliFiles';

export const SUGGEST_HELP = `Usage:
  cruxmap suggest <dir-or-files...> [--format text|json] [--min-confidence C] [--config FILE]

Suggests a kind (claim, support, objection, reply, question, crux) and a target for
each unlabeled paragraph, list item, quote paragraph or heading that reads as part of
the argument, from the discourse markers in it ("but", "because", "for example" ...)
and its place. Lists those at or above the confidence C (0-1, default ${DEFAULT_THRESHOLD});
--min-confidence 0 lists every block the suggester has an opinion on.
The workspace's label words (.cruxmap.json in the first directory argument, or
--config FILE) mark elements as in check and export: those blocks get no suggestion;
problems in the file are warned about on standard error (bad-config).
Text: path:line:col: suggestion kind: text (→ line N), lines 1-based. JSON: {"version": 1,
"suggestions": [...]}, lines 0-based as in ranges; target null when there is none.
Exit codes: 0 ok, 2 usage error.
`;

/** One suggestion in the CLI's JSON (the issue's schema): target line 0-based, as ranges. */
export interface SuggestionJson {
  file: string;
  range: Suggestion['range'];
  kind: Suggestion['kind'];
  text: string;
  target: { file: string; line: number } | null;
  confidence: number;
  cue: string;
}

interface SuggestOptions {
  inputs: string[];
  format: 'text' | 'json';
  minConfidence: number;
  maxFileSize: number;
  config?: string;
}

function parseSuggestArgs(argv: string[]): SuggestOptions | 'help' {
  const o: SuggestOptions = { inputs: [], format: 'text', minConfidence: DEFAULT_THRESHOLD, maxFileSize: 5_000_000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return 'help';
    if (!arg.startsWith('-') || arg === '-') {
      o.inputs.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      if (eq >= 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || (v.startsWith('-') && !/^-?\d/.test(v))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json') throw new UsageError(`suggest --format takes text or json, not '${v}'`);
      o.format = v;
    } else if (flag === '--min-confidence') {
      const v = value();
      const n = Number(v);
      if (!/^\s*[\d.]+\s*$/.test(v) || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--min-confidence takes a number from 0 to 1, not '${v}'`);
      o.minConfidence = n;
    } else if (flag === '--config') {
      o.config = value();
    } else if (flag === '--max-file-size') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new UsageError(`--max-file-size takes a whole number, not '${v}'`);
      o.maxFileSize = Number(v);
    } else throw new UsageError(`unknown option '${arg}' for suggest (see cruxmap suggest --help)`);
  }
  if (o.inputs.length === 0) throw new UsageError('suggest needs at least one directory or file');
  return o;
}

/** Runs `cruxmap suggest` (arguments after the command word); usage errors are thrown as UsageError. */
export function runSuggest(argv: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const opts = parseSuggestArgs(argv);
  if (opts === 'help') return { code: 0, stdout: SUGGEST_HELP, stderr: '' };
  const listed = listDrafts(opts.inputs, cwd);
  // The workspace's label words, found and read as check and export read them; its problems are said on
  // standard error (standard output holds only suggestions, in the issue's JSON when asked for).
  const config = readWorkspaceConfig(listed, cwd, opts.config);
  const parseOptions = parseOptionsOf(config);
  const { drafts, warnings } = readListedDrafts(listed, opts.maxFileSize);
  const err = warnings.map((w) => `cruxmap: warning: ${w}\n`);
  for (const d of config?.diagnostics ?? []) err.push(`cruxmap: ${formatDiagnostic(d)}\n`);
  const list: SuggestionJson[] = [];
  // listDrafts sorts by path, and each draft's suggestions come in source order: sorted by file, then line.
  for (const d of [...drafts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    for (const s of suggestDraft(d.text, parseDraft(d.text, d.path, parseOptions))) {
      if (s.confidence < opts.minConfidence) continue;
      list.push({ file: d.path, range: s.range, kind: s.kind, text: s.text, target: s.target ? { file: d.path, line: s.target.line } : null, confidence: s.confidence, cue: s.cue });
    }
  }
  const stdout =
    opts.format === 'json'
      ? `${JSON.stringify({ version: 1, suggestions: list }, null, 2)}\n`
      : // One line a suggestion, as check's lines: control characters in names and texts escaped.
        list.map((s) => `${escapeControls(`${s.file}:${s.range.start.line + 1}:${s.range.start.character + 1}: suggestion ${s.kind}: ${s.text}`)}${s.target ? ` (→ line ${s.target.line + 1})` : ''}\n`).join('');
  const files = new Set(list.map((s) => s.file)).size;
  err.push(`cruxmap: ${list.length} suggestion${list.length === 1 ? '' : 's'} in ${files} of ${drafts.length} file${drafts.length === 1 ? '' : 's'} (min-confidence ${opts.minConfidence})\n`);
  return { code: 0, stdout, stderr: err.join('') };
}
