// The baseline of the cold-index ratio: a fresh process that reads the files the CLI would read and parses each with plain single-thread remark-parse; prints its own read and parse times as JSON.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { performance } from 'node:perf_hooks';
import { collectDrafts } from '../extension/cli/cliFiles';

const dir = process.argv[2];
let t0 = performance.now();
// The CLI's own reader (and its default size limit), so both sides see the same files.
const { drafts } = collectDrafts([dir], process.cwd(), 5_000_000);
const readMs = performance.now() - t0;
const processor = unified().use(remarkParse);
t0 = performance.now();
for (const d of drafts) processor.parse(d.text);
const parseMs = performance.now() - t0;
console.log(JSON.stringify({ files: drafts.length, readMs, parseMs }));
