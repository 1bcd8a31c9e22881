/** The CLI's publish and import commands and its peer export formats (kept apart from cli.ts so its hunks stay small). */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import type { ArgumentGraph } from '../core/model';
import type { LabelMode, LinkMode } from '../core/export/publish';
import { exportGraphAs, isPeerFormat as isPeer, PEER_FORMATS as FORMATS, type PeerFormat } from '../core/export/formats';
import { UsageError } from './cliFiles';

export const PEER_FORMATS = FORMATS;
export const isPeerFormat = isPeer;

/** What the CLI's main returns. */
interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Checks publish's and import's arguments; the shared parser has read the flags already. */
export function checkPublishArgs(command: 'publish' | 'import', inputs: string[], opts: { format?: string; labels?: string; links?: string; maxWarnings?: number; cache?: string }): void {
  if (opts.format !== undefined) throw new UsageError(`--format is for check and export, not ${command}`);
  if (opts.maxWarnings !== undefined) throw new UsageError('--max-warnings is for check');
  if (command === 'import') {
    if (inputs.length !== 1) throw new UsageError('import takes one Argdown file');
    if (opts.labels !== undefined || opts.links !== undefined) throw new UsageError('--labels and --links are for publish');
    return;
  }
  if (inputs.length > 2) throw new UsageError('publish takes one draft and, optionally, the folder of the drafts it references');
  if (opts.labels !== undefined && !['keep', 'bold', 'drop'].includes(opts.labels)) throw new UsageError(`--labels takes keep, bold or drop, not '${opts.labels}'`);
  if (opts.links !== undefined && !['url', 'text'].includes(opts.links)) throw new UsageError(`--links takes url or text, not '${opts.links}'`);
}

/** The folder publish indexes: the second argument, or the draft's own folder. */
export function publishInputs(inputs: string[], cwd: string): string[] {
  const file = resolve(cwd, inputs[0]);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such draft: ${inputs[0]}`);
  const dir = inputs[1] ?? dirname(inputs[0]);
  if (!existsSync(resolve(cwd, dir)) || !statSync(resolve(cwd, dir)).isDirectory()) throw new UsageError(`no such folder: ${dir}`);
  return [dir];
}

function writeOut(body: string, output: string | undefined, cwd: string, out: string[], err: string[], what: string, input: string): void {
  if (!output) {
    out.push(body);
    return;
  }
  const target = resolve(cwd, output);
  // The draft itself is never overwritten by its post (or an Argdown file by its import): that would lose it.
  if (target === resolve(cwd, input)) throw new UsageError(`-o ${output} is the input file itself; choose another file`);
  if (!existsSync(dirname(target))) throw new UsageError(`cannot write ${output}: its folder does not exist`);
  writeFileSync(target, body);
  err.push(`cruxmap: wrote ${output} (${what})`);
}

const lines = (err: string[]) => err.map((l) => `${l}\n`).join('');

/** `cruxmap publish`: the draft for posting; dangling references are said on stderr and published as text. */
export async function publishFile(index: WorkspaceIndex, opts: { inputs: string[]; output?: string; labels?: LabelMode; links?: LinkMode }, cwd: string, err: string[]): Promise<Result> {
  const root = resolve(cwd, opts.inputs[1] ?? dirname(opts.inputs[0]));
  const rel = relative(root, resolve(cwd, opts.inputs[0])).split(sep).join('/');
  if (rel.startsWith('../') || index.getText(rel) === undefined) throw new UsageError(`${opts.inputs[0]} is not a draft inside ${opts.inputs[1] ?? dirname(opts.inputs[0])} (or it was skipped)`);
  // The publish export (remark) is loaded only for publish, so other commands start without compiling it.
  const { publishDraft } = await import('../core/export/publish');
  const result = publishDraft(index, rel, { labels: opts.labels, links: opts.links });
  for (const p of result.problems) err.push(`${rel}:${p.range.start.line + 1}:${p.range.start.character + 1}: warning dangling-ref: ${p.message}`);
  const out: string[] = [];
  const n = result.problems.length;
  writeOut(result.text, opts.output, cwd, out, err, `${result.edits.length} change${result.edits.length === 1 ? '' : 's'}${n ? `, ${n} dangling reference${n === 1 ? '' : 's'} as text` : ''}`, opts.inputs[0]);
  return { code: 0, stdout: out.join(''), stderr: lines(err) };
}

/** `cruxmap import`: an Argdown file as a Crux Map draft. */
export async function importArgdown(input: string, output: string | undefined, cwd: string): Promise<Result> {
  const file = resolve(cwd, input);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such file: ${input}`);
  // Argdown's parser (about 1 MB with its grammar library) is loaded only for an import, so other commands start as fast as before.
  const { importArgdown: argdownToDraft } = await import('../core/export/argdownImport');
  const result = argdownToDraft(readFileSync(file, 'utf8'));
  const err = result.warnings.map((w) => `${input}: warning: ${w}`);
  const out: string[] = [];
  writeOut(result.text, output, cwd, out, err, `${result.elements} elements, ${result.edges} edges`, input);
  return { code: 0, stdout: out.join(''), stderr: lines(err) };
}

/** `cruxmap export --format <peer format>`. */
export function exportPeerFormat(graph: ArgumentGraph, format: PeerFormat): string {
  return exportGraphAs(graph, format);
}
