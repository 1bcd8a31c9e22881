/** Worker thread entry: parses the drafts it is given and posts them back (see parsePool.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { parseDraft } from './core/parse';
import type { ParseJob } from './parsePool';

const jobs = workerData as ParseJob[];
parentPort?.postMessage(jobs.map((j) => parseDraft(j.text, j.path)));
