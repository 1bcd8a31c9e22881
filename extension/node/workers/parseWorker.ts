/**
 * Worker thread entry: parses the drafts it is given and posts them back (see parsePool.ts)
 * (a file whose parse throws gives its unparsedDraft, the others are not lost)
 * in the parse cache's compact form, one JSON string per draft: strings cross threads as one
 * copy, where the drafts' many small objects would be cloned one by one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeDraft } from '../../core/codec/draftCodec';
import { parseSafely, type ParseJob } from './parsePool';

const jobs = workerData as ParseJob[];
parentPort?.postMessage(jobs.map((j) => JSON.stringify(encodeDraft(parseSafely(j.text, j.path, undefined, j.options)))));
