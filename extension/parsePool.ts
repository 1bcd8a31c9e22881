/** Parses many drafts at once, spread over worker threads (Node only): used for cold indexing by the CLI and the extension host. */
import { availableParallelism, cpus } from 'node:os';
import type { Draft } from './core/model';
import { parseDraft } from './core/parse';

/** One file to parse. */
export interface ParseJob {
  path: string;
  text: string;
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

/**
 * Parses every job, in order. With enough work and more than one core, parsing runs in
 * worker threads (`workerFile` is the built dist/parseWorker.js) and on this thread at once;
 * any failure to start a worker falls back to parsing here.
 */
export async function parseMany(jobs: ParseJob[], workerFile: string | undefined, threads = defaultThreads()): Promise<Draft[]> {
  const bytes = jobs.reduce((n, j) => n + j.text.length, 0);
  if (!workerFile || threads < 2 || bytes < MIN_BYTES_FOR_WORKERS) return jobs.map((j) => parseDraft(j.text, j.path));
  let Worker: typeof import('node:worker_threads').Worker;
  try {
    ({ Worker } = await import('node:worker_threads'));
  } catch {
    return jobs.map((j) => parseDraft(j.text, j.path));
  }
  const groups = balance(jobs, threads);
  const out = new Array<Draft>(jobs.length);
  const inWorkers = groups.slice(1).map(
    (group) =>
      new Promise<void>((resolve) => {
        const fallback = () => {
          for (const i of group) out[i] = out[i] ?? parseDraft(jobs[i].text, jobs[i].path);
          resolve();
        };
        try {
          const worker = new Worker(workerFile, { workerData: group.map((i) => jobs[i]) });
          worker.once('message', (drafts: Draft[]) => {
            group.forEach((i, k) => (out[i] = drafts[k]));
            void worker.terminate();
            resolve();
          });
          worker.once('error', fallback);
          worker.once('exit', (code) => (code !== 0 ? fallback() : undefined));
        } catch {
          fallback();
        }
      }),
  );
  // This thread takes the first share itself instead of waiting idle.
  for (const i of groups[0]) out[i] = parseDraft(jobs[i].text, jobs[i].path);
  await Promise.all(inWorkers);
  return out;
}

function defaultThreads(): number {
  const n = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(n, 8));
}
