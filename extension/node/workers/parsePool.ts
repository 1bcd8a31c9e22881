/** Parses many drafts at once, spread over worker threads (Node only): used for cold indexing by the CLI and the extension host. */
import { availableParallelism, cpus } from 'node:os';
import type { Draft, ParseOptions } from '../../core/model';
import { parseDraft } from '../../core/parse/parse';
import { decodeDraft } from '../../core/codec/draftCodec';

/** Parses one draft, with the workspace's parse options when there are any (parseDraft's signature). */
export type ParseFn = (text: string, path: string, options?: ParseOptions) => Draft;

/**
 * The draft of a file whose parse threw (a bug, or input beyond the parser's limits): no
 * elements, and one warning on its first line saying why, so that one file never stops a
 * run or an index; every other file is read as usual.
 */
export function unparsedDraft(text: string, path: string, error: unknown): Draft {
  const bom = text.charCodeAt(0) === 0xfeff;
  const eolMatch = /\r\n|\n|\r/.exec(bom ? text.slice(1) : text);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    path,
    title: name.replace(/\.[^.]*$/, '') || name,
    topics: [],
    elements: [],
    references: [],
    diagnostics: [
      {
        file: path,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'warning',
        code: 'too-deep',
        message: `Crux Map could not read this file (${why.slice(0, 200)}), so it shows none of its elements.`,
      },
    ],
    eol: eolMatch && eolMatch[0] === '\r\n' ? '\r\n' : '\n',
    bom,
  };
}

/** `parse` made total: a throw gives the file's unparsedDraft instead. */
export function parseSafely(text: string, path: string, parse: ParseFn = parseDraft, options?: ParseOptions): Draft {
  try {
    return parse(text, path, options);
  } catch (e) {
    return unparsedDraft(text, path, e);
  }
}

/** One file to parse. */
export interface ParseJob {
  path: string;
  text: string;
  /** The workspace's parse options for this file (its folder's label words); none: the spec's words alone. */
  options?: ParseOptions;
}

/** Below this many bytes in all, starting workers costs more than it saves. */
const MIN_BYTES_FOR_WORKERS = 2_000_000;

/** Splits jobs into `n` groups of similar total size (largest first, into the lightest group). */
function balance(jobs: ParseJob[], n: number): number[][] {
  const groups = Array.from({ length: n }, () => ({ bytes: 0, items: [] as number[] }));
  const order = jobs.map((j, i) => i).sort((a, b) => jobs[b].text.length - jobs[a].text.length);
  for (const i of order) {
    const g = groups.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    g.items.push(i);
    g.bytes += jobs[i].text.length;
  }
  return groups.map((g) => g.items.sort((a, b) => a - b));
}

/** How parseMany may use this thread. */
export interface ParseManyOptions {
  /** Threads in all (this one included); default: the machine's cores, at most 8. */
  threads?: number;
  /** Whether this thread parses a share too (the CLI: yes; the extension host: no, it must stay responsive). */
  mainThread?: boolean;
  /** When parsing here, hand the event loop back this often (ms); undefined parses in one go. */
  yieldMs?: number;
  /** Told how many worker threads parsed (0: all on this thread). */
  onWorkers?: (count: number) => void;
  /** The parse used on this thread (default parseDraft; tests pass a failing one). Workers always use parseDraft. */
  parse?: ParseFn;
}

/** Parses jobs on this thread, yielding to the event loop every `yieldMs` when asked. */
async function parseHere(jobs: ParseJob[], indices: number[], out: Draft[], yieldMs: number | undefined, parse: ParseFn): Promise<void> {
  let since = Date.now();
  for (const i of indices) {
    out[i] = out[i] ?? parseSafely(jobs[i].text, jobs[i].path, parse, jobs[i].options);
    if (yieldMs !== undefined && Date.now() - since >= yieldMs) {
      await new Promise((resolve) => setImmediate(resolve));
      since = Date.now();
    }
  }
}

/**
 * Parses every job, in order. With enough work and more than one core, parsing runs in
 * worker threads (`workerFile` is the built dist/parseWorker.js), and on this thread at once
 * unless `mainThread` is false; any failure to start a worker falls back to parsing here.
 */
export async function parseMany(jobs: ParseJob[], workerFile: string | undefined, options: ParseManyOptions | number = {}): Promise<Draft[]> {
  const { threads = defaultThreads(), mainThread = true, yieldMs, onWorkers, parse = parseDraft } = typeof options === 'number' ? ({ threads: options } as ParseManyOptions) : options;
  const out = new Array<Draft>(jobs.length);
  const all = jobs.map((_, i) => i);
  const bytes = jobs.reduce((n, j) => n + j.text.length, 0);
  // Beside this thread, workers pay only from three threads up: with two cores, this thread and one worker
  // slow each other down more than they gain (npm run bench shows both). Without this thread (the extension
  // host, which must stay free), one worker is used on any machine with two cores or more.
  const workers = mainThread ? (threads >= 3 ? threads - 1 : 0) : Math.max(1, threads - 1);
  if (!workerFile || threads < 2 || workers === 0 || bytes < MIN_BYTES_FOR_WORKERS) {
    await parseHere(jobs, all, out, yieldMs, parse);
    onWorkers?.(0);
    return out;
  }
  let Worker: typeof import('node:worker_threads').Worker;
  try {
    ({ Worker } = await import('node:worker_threads'));
  } catch {
    await parseHere(jobs, all, out, yieldMs, parse);
    onWorkers?.(0);
    return out;
  }
  let fellBack = 0;
  const groups = balance(jobs, workers + (mainThread ? 1 : 0));
  const inWorkers = groups.slice(mainThread ? 1 : 0).map(
    (group) =>
      new Promise<void>((resolve) => {
        let settled = false;
        const finish = (fallback: boolean) => {
          if (settled) return;
          settled = true;
          if (fallback) {
            fellBack++;
            // parseHere never throws (parseSafely), but whatever it did, this share must settle: parseMany never hangs.
            parseHere(jobs, group, out, yieldMs, parse).then(resolve, (e: unknown) => {
              for (const i of group) out[i] ??= unparsedDraft(jobs[i].text, jobs[i].path, e);
              resolve();
            });
          }
          else resolve();
        };
        try {
          const worker = new Worker(workerFile, { workerData: group.map((i) => jobs[i]) });
          worker.once('message', (encoded: string[]) => {
            void worker.terminate();
            try {
              group.forEach((i, k) => (out[i] = decodeDraft(jobs[i].path, JSON.parse(encoded[k]))));
              finish(false);
            } catch {
              finish(true); // a malformed answer: parse that share here
            }
          });
          worker.once('error', () => finish(true));
          // After its message this is a no-op; an exit without one falls back to parsing here.
          worker.once('exit', () => finish(true));
        } catch {
          finish(true);
        }
      }),
  );
  // This thread takes the first share itself instead of waiting idle.
  if (mainThread) await parseHere(jobs, groups[0], out, yieldMs, parse);
  await Promise.all(inWorkers);
  onWorkers?.(inWorkers.length - fellBack);
  return out;
}

function defaultThreads(): number {
  const n = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(n, 8));
}
