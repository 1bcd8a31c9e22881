/** The `cruxmap` command line: check and export drafts with the core alone. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { version } from '../../package.json';
import { WorkspaceIndex, graphToJson } from '../core/index/workspaceIndex';
import type { ArgumentGraph, Diagnostic } from '../core/model';
import { renderStandaloneHtml } from '../core/export/exportHtml';
import { escapeControls, fileSource, formatDiagnostic, listDrafts, readWorkspaceConfig, UsageError } from './cliFiles';

export { formatDiagnostic };
import { parseOptionsOf } from '../core/config';
import { plural } from '../core/wording';
import { parseDraft } from '../core/parse/parse';
import { parseMany, parseSafely, type ParseJob } from '../node/workers/parsePool';
import { folderCacheStore } from '../node/cache/parseCache';
import { loadWorkspace } from '../node/loadWorkspace';
import type { LabelMode, LinkMode } from '../core/export/publish';
import { checkPublishArgs, importArgdown, isPeerFormat, PEER_FORMATS, exportPeerFormat, publishFile, publishInputs } from './cliPublish';
import { runSuggest } from './cliSuggest';

const HELP = `cruxmap ${version}: the argument map of markdown drafts (Crux Map)

Usage:
  cruxmap check  <dir-or-files...> [--max-warnings N] [--format text|json]
  cruxmap export <dir-or-files...> [--format json|html|argdown|dot|mermaid|graphml|aif|canvas] [-o FILE]
  cruxmap publish <file> [<dir>] [--labels keep|bold|drop] [--links url|text] [-o FILE]
  cruxmap import <file.argdown> [-o draft.md]
  cruxmap suggest <dir-or-files...> [--format text|json] [--min-confidence C] [--config FILE]

Commands:
  check    print one line a problem (path:line:col: severity code: message);
           exit 1 on an error or on more warnings than --max-warnings allows
  export   write the argument graph: JSON (the default) or a standalone
           interactive HTML map; to standard output, or to FILE with -o;
           or for a peer tool: argdown, dot (Graphviz), mermaid, graphml,
           aif (AIFdb/OVA JSON), canvas (JSON Canvas, Obsidian)
  publish  write the draft as a post: no ^ids, references as links to the
           target's front matter url: (or as text), labels in bold (or kept,
           or dropped), no front matter; the rest unchanged. The drafts it
           references are looked up in <dir> (default: the file's folder)
  import   turn an Argdown file into a Crux Map draft with explicit ids
  suggest  suggest labels for unlabeled blocks (see cruxmap suggest --help)

Options:
  --format F          text|json for check; for export json|html|argdown|dot|
                      mermaid|graphml|aif|canvas
  --labels L          with publish: keep|bold|drop (default bold)
  --links L           with publish: url|text (default url)
  -o, --output FILE   write the export to FILE
  --max-warnings N    with check: fail when there are more than N warnings
  --max-file-size B   skip files larger than B bytes (default 5000000)
  --config FILE       the workspace's label words (default: .cruxmap.json in the
                      first directory argument)
  --cache DIR         keep parsed drafts and the graph in DIR; later runs re-parse only
                      changed files, and none when no file changed
  -h, --help          show this help
  -v, --version       show the version

Directories are searched for *.md and *.markdown, skipping node_modules, .git
and whatever .gitignore files ignore. Paths in the output are relative to the
first directory argument (or the current directory).

Exit codes: 0 ok, 1 check found errors (or too many warnings), 2 usage error.
`;

interface Options {
  command: 'check' | 'export' | 'publish' | 'import';
  labels?: LabelMode;
  links?: LinkMode;
  inputs: string[];
  format?: string;
  output?: string;
  maxWarnings?: number;
  maxFileSize: number;
  cache?: string;
  config?: string;
}

/** What a run printed and how it ended; `main` is pure apart from the file system so it can be tested in-process too. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const inputs: string[] = [];
  let command: string | undefined;
  const opts: Partial<Options> = { maxFileSize: 5_000_000 };
  const valueOf = (flag: string, i: number, inline: string | undefined): [string, number] => {
    if (inline !== undefined) return [inline, i];
    const v = argv[i + 1];
    if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`${flag} needs a value`);
    return [v, i + 1];
  };
  const wholeNumber = (flag: string, v: string) => {
    if (!/^\d+$/.test(v)) throw new UsageError(`${flag} takes a whole number, not '${v}'`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '-v' || arg === '--version') return 'version';
    if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const flag = eq >= 0 ? arg.slice(0, eq) : arg;
      const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      let v: string;
      switch (flag) {
        case '--format':
          [v, i] = valueOf(flag, i, inline);
          opts.format = v;
          break;
        case '-o':
        case '--output':
          [v, i] = valueOf(flag, i, inline);
          opts.output = v;
          break;
        case '--max-warnings':
          [v, i] = valueOf(flag, i, inline);
          opts.maxWarnings = wholeNumber(flag, v);
          break;
        case '--cache':
          [v, i] = valueOf(flag, i, inline);
          opts.cache = v;
          break;
        case '--config':
          [v, i] = valueOf(flag, i, inline);
          opts.config = v;
          break;
        case '--labels':
        case '--links':
          [v, i] = valueOf(flag, i, inline);
          opts[flag === '--labels' ? 'labels' : 'links'] = v as never;
          break;
        case '--max-file-size':
          [v, i] = valueOf(flag, i, inline);
          opts.maxFileSize = wholeNumber(flag, v);
          break;
        default:
          throw new UsageError(`unknown option '${arg}' (see cruxmap --help)`);
      }
    } else if (command === undefined) {
      command = arg;
    } else {
      inputs.push(arg);
    }
  }
  if (command === undefined) throw new UsageError('a command is needed: check, export, publish, import or suggest (see cruxmap --help)');
  if (command !== 'check' && command !== 'export' && command !== 'publish' && command !== 'import') throw new UsageError(`unknown command '${command}': use check, export, publish, import or suggest`);
  if (inputs.length === 0) throw new UsageError(`${command} needs at least one directory or file`);
  if (command === 'publish' || command === 'import') checkPublishArgs(command, inputs, opts);
  else if (opts.labels !== undefined || opts.links !== undefined) throw new UsageError('--labels and --links are for publish');
  const formats = command === 'check' ? ['text', 'json'] : command === 'export' ? ['json', 'html', ...PEER_FORMATS] : [];
  if (opts.format !== undefined && !formats.includes(opts.format)) {
    throw new UsageError(`${command} --format takes ${formats.join(' or ')}, not '${opts.format}'`);
  }
  if (command === 'check' && opts.output !== undefined) throw new UsageError('-o is for export; check prints to standard output');
  if (command === 'export' && opts.maxWarnings !== undefined) throw new UsageError('--max-warnings is for check');
  return { ...opts, command, inputs } as Options;
}

/**
 * Where `-o` writes, checked before any work: not a folder, in a folder that exists, and not one
 * of the drafts read (the same file by any name, links included), which an export would destroy.
 */
function outputTarget(output: string, cwd: string, drafts: readonly { path: string; file: string }[]): string {
  const target = resolve(cwd, output);
  const shown = escapeControls(output);
  const st = statSync(target, { throwIfNoEntry: false });
  if (st?.isDirectory()) throw new UsageError(`cannot write ${shown}: it is a folder; give a file name (e.g. ${escapeControls(join(output, 'map.json'))})`);
  if (!existsSync(dirname(target))) throw new UsageError(`cannot write ${shown}: its folder does not exist`);
  if (st) {
    for (const d of drafts) {
      const ds = statSync(d.file, { throwIfNoEntry: false });
      if (d.file === target || (ds && ds.dev === st.dev && ds.ino === st.ino)) throw new UsageError(`-o ${shown} is one of the drafts read (${escapeControls(d.path)}); the export would overwrite it`);
    }
  }
  return target;
}

/** Reads the built webview bundle that sits beside dist/cli.js. */
function webviewAssets(): { script: string; css: string } {
  const dir = join(__dirname, 'webview');
  if (!existsSync(join(dir, 'main.js'))) throw new UsageError(`the webview bundle is missing (${join(dir, 'main.js')}); run npm run build`);
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
  // The page is offline and its CSP allows fonts only as data: URLs, so the codicon font travels inline.
  const font = join(dir, 'codicon.ttf');
  const codicons = existsSync(font)
    ? read('codicon.css').replace(/url\(["']?\.\/codicon\.ttf[^)"']*["']?\)/g, `url("data:font/ttf;base64,${readFileSync(font).toString('base64')}")`)
    : '';
  return { script: read('main.js'), css: `${codicons}\n${read('style.css')}` };
}

/** Runs the CLI on arguments (without `node cruxmap`); never throws. */
export async function main(argv: string[], cwd = process.cwd()): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  try {
    if (argv[0] === 'suggest') return runSuggest(argv.slice(1), cwd);
    const parsed = parseArgs(argv);
    if (parsed === 'help') return { code: 0, stdout: HELP, stderr: '' };
    if (parsed === 'version') return { code: 0, stdout: `${version}\n`, stderr: '' };
    if (parsed.command === 'import') return await importArgdown(parsed.inputs[0], parsed.output, cwd);
    const listed = listDrafts(parsed.command === 'publish' ? publishInputs(parsed.inputs, cwd) : parsed.inputs, cwd);
    for (const w of listed.warnings) err.push(`cruxmap: warning: ${w}`);
    // Files skipped on reading, and damaged cache lines: said before the results.
    const warnings: string[] = [];
    const target = (parsed.command === 'export' || parsed.command === 'publish') && parsed.output !== undefined ? outputTarget(parsed.output, cwd, listed.files) : undefined;
    // The workspace's own label words (.cruxmap.json) go into every parse; its problems are reported with the drafts'.
    const config = readWorkspaceConfig(listed, cwd, parsed.config);
    const parseOptions = parseOptionsOf(config);
    // parseSafely also for drafts the index parses itself (a damaged cache line after a start from the snapshot).
    const index = new WorkspaceIndex((text, path) => parseSafely(text, path, parseDraft, parseOptions));
    // Big workspaces are parsed in worker threads (dist/parseWorker.js beside this file).
    const parse = (jobs: ParseJob[]) => parseMany(jobs, join(__dirname, 'parseWorker.js'));
    const cacheName = parsed.cache === undefined ? '' : escapeControls(parsed.cache);
    const { saved } = await loadWorkspace(index, {
      source: fileSource(listed, parsed.maxFileSize, warnings),
      parse,
      version,
      optionsFor: () => parseOptions,
      cache: parsed.cache ? folderCacheStore(resolve(cwd, parsed.cache)) : undefined,
      log: (line) => warnings.push(`${cacheName}: ${escapeControls(line)}`),
    });
    for (const w of warnings) err.push(`cruxmap: warning: ${w}`);
    const problem = await saved;
    // The results stand without the cache; the next run is only slower.
    if (problem) err.push(`cruxmap: warning: could not write the cache in ${cacheName} (${escapeControls(problem)}); the next run parses everything again`);
    if (parsed.command === 'publish') return await publishFile(index, parsed, cwd, err);
    const graph = withConfigDiagnostics(index.getGraph(), config?.diagnostics ?? []);
    if (parsed.command === 'export') {
      const body = parsed.format === 'html' ? renderStandaloneHtml(graph, webviewAssets()) : isPeerFormat(parsed.format) ? exportPeerFormat(graph, parsed.format) : graphToJson(graph);
      if (parsed.output !== undefined && target !== undefined) {
        try {
          writeFileSync(target, body);
        } catch (e) {
          throw new UsageError(`cannot write ${escapeControls(parsed.output)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        }
        err.push(`cruxmap: wrote ${escapeControls(parsed.output)} (${plural(graph.nodes.length, 'element')}, ${plural(graph.edges.length, 'edge')} from ${plural(graph.files.length, 'file')})`);
      } else {
        out.push(body);
      }
      return { code: 0, stdout: out.join(''), stderr: err.map((l) => `${l}\n`).join('') };
    }
    return { ...check(graph, parsed, out, err) };
  } catch (e) {
    const message = e instanceof UsageError ? e.message : `unexpected failure: ${(e as Error)?.message ?? String(e)}`;
    err.push(`cruxmap: ${message}`);
    return { code: 2, stdout: out.join(''), stderr: err.map((l) => `${l}\n`).join('') };
  }
}

/** The graph with the config file's diagnostics among the drafts' (sorted by file, then position, as spec section 8 wants). */
function withConfigDiagnostics(graph: ArgumentGraph, extra: Diagnostic[]): ArgumentGraph {
  if (extra.length === 0) return graph;
  const at = (d: Diagnostic) => [d.range.start.line, d.range.start.character];
  const diagnostics = [...graph.diagnostics, ...extra].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : at(a)[0] - at(b)[0] || at(a)[1] - at(b)[1]));
  return { ...graph, diagnostics };
}

function check(graph: ArgumentGraph, opts: Options, out: string[], err: string[]): CliResult {
  const count = (s: string) => graph.diagnostics.filter((d) => d.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const tooManyWarnings = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
  const code = errors > 0 || tooManyWarnings ? 1 : 0;
  if (opts.format === 'json') {
    out.push(`${JSON.stringify({ version: 1, errors, warnings, infos, diagnostics: graph.diagnostics }, null, 2)}\n`);
  } else {
    for (const d of graph.diagnostics) out.push(`${formatDiagnostic(d)}\n`);
  }
  err.push(
    `cruxmap: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info in ${plural(graph.files.length, 'file')} (${plural(graph.nodes.length, 'element')})` +
      (tooManyWarnings ? `; more warnings than --max-warnings ${opts.maxWarnings} allows` : ''),
  );
  return { code, stdout: out.join(''), stderr: err.map((l) => `${l}\n`).join('') };
}

/** Runs the CLI on this process's arguments and exits with its code (the program dist/cli.js calls this). */
export function runAsProgram(): void {
  // A reader that stops early (`cruxmap export . | head`) closes the pipe: that ends the output, it is no crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  void main(process.argv.slice(2)).then((result) => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.code;
  });
}

if (require.main === module) runAsProgram();
