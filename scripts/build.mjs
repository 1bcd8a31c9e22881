// Builds the extension host, the CLI and the webview bundles with esbuild (type-checking is `npm run typecheck`).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, existsSync, watch as watchFile } from 'node:fs';
import { parserFingerprint } from './parserId.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// The parser's fingerprint: parse caches written by a build with another parser are not used (scripts/parserId.mjs says what counts).
const parserId = parserFingerprint('.').id;
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info', legalComments: 'none', define: { __PARSER_ID__: JSON.stringify(parserId) } };

/**
 * The CLI loads the Argdown importer (its grammar library is about 400 KB) from a file of its own, only for `cruxmap import`:
 * bundled into dist/cli.js, merely compiling it cost every other command about 35 ms of start-up.
 */
const ownFileForArgdown = {
  name: 'argdown-import-own-file',
  setup(build) {
    build.onResolve({ filter: /\/argdownImport$/ }, () => ({ path: './argdownImport.js', external: true }));
  },
};

const builds = [
  { ...common, entryPoints: ['extension/host/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'] },
  { ...common, entryPoints: ['extension/cli/cli.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node18', banner: { js: '#!/usr/bin/env node' }, plugins: [ownFileForArgdown] },
  { ...common, entryPoints: ['extension/core/export/argdownImport.ts'], outfile: 'dist/argdownImport.js', platform: 'node', format: 'cjs', target: 'node18' },
  { ...common, entryPoints: ['extension/node/workers/parseWorker.ts'], outfile: 'dist/parseWorker.js', platform: 'node', format: 'cjs', target: 'node18' },
  { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

mkdirSync('dist/webview', { recursive: true });
// Codicons' font and CSS ship with the webview (the CSP allows fonts from the webview folder only).
const codicons = 'node_modules/@vscode/codicons/dist';
if (existsSync(codicons)) {
  cpSync(`${codicons}/codicon.css`, 'dist/webview/codicon.css');
  cpSync(`${codicons}/codicon.ttf`, 'dist/webview/codicon.ttf');
}
if (existsSync('webview/style.css')) cpSync('webview/style.css', 'dist/webview/style.css');

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  // The stylesheet is copied, not bundled: copy it again on each change.
  if (existsSync('webview/style.css')) watchFile('webview/style.css', () => cpSync('webview/style.css', 'dist/webview/style.css'));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
