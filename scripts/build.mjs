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

/**
 * The publish export (remark, about 230 KB with micromark) is loaded from a file of its own, only by `cruxmap publish` and
 * the extension's publish commands: every other command, and the extension's activation, goes without compiling it.
 */
const ownFileForPublish = {
  name: 'publish-own-file',
  setup(build) {
    build.onResolve({ filter: /\/export\/publish$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './publish.js', external: true } : undefined));
  },
};

/**
 * The yaml library (about 250 KB) is loaded on first use, from a file of its own: front matter in the common shapes is
 * read without it (core/parse/frontMatter.ts), so most runs never need it and start without compiling it. The bundles
 * for Node (host, CLI, worker) see `yaml` as this stand-in, whose functions load dist/yamlLib.js when first called.
 */
const YAML_NAMES = ['parse', 'parseDocument', 'isAlias', 'isMap', 'isScalar', 'isSeq'];
const lazyYaml = {
  name: 'lazy-yaml',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'lazy-yaml' }));
    build.onResolve({ filter: /^\.\/yamlLib\.js$/ }, () => ({ path: './yamlLib.js', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, () => ({
      loader: 'js',
      contents: [
        'let lib;',
        "const yaml = () => (lib ??= require('./yamlLib.js'));",
        ...YAML_NAMES.map((n) => `export const ${n} = (...args) => yaml().${n}(...args);`),
      ].join('\n'),
    }));
  },
};

const builds = [
  { ...common, entryPoints: ['extension/host/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'], supported: { 'dynamic-import': false }, plugins: [ownFileForPublish, lazyYaml] },
  // The program: a small launcher that runs dist/cliMain.js with its compiled code cached (extension/cli/launch.ts).
  { ...common, entryPoints: ['extension/cli/launch.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node18', banner: { js: '#!/usr/bin/env node' } },
  // `import()` becomes `require`: the launcher runs this bundle as a script of its own, where `import()` has no loader.
  { ...common, entryPoints: ['extension/cli/cli.ts'], outfile: 'dist/cliMain.js', platform: 'node', format: 'cjs', target: 'node18', supported: { 'dynamic-import': false }, plugins: [ownFileForArgdown, ownFileForPublish, lazyYaml] },
  { ...common, entryPoints: ['extension/core/export/publish.ts'], outfile: 'dist/publish.js', platform: 'node', format: 'cjs', target: 'node18', plugins: [lazyYaml] },
  { ...common, stdin: { contents: `export { ${YAML_NAMES.join(', ')} } from 'yaml';`, resolveDir: '.', loader: 'js' }, outfile: 'dist/yamlLib.js', platform: 'node', format: 'cjs', target: 'node18' },
  { ...common, entryPoints: ['extension/core/export/argdownImport.ts'], outfile: 'dist/argdownImport.js', platform: 'node', format: 'cjs', target: 'node18' },
  { ...common, entryPoints: ['extension/node/workers/parseWorker.ts'], outfile: 'dist/parseWorker.js', platform: 'node', format: 'cjs', target: 'node18', plugins: [lazyYaml] },
  { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

// `--outdir DIR`: the same bundles elsewhere (the activation benchmark loads the production build from its own folder).
const outdir = process.argv.includes('--outdir') ? process.argv[process.argv.indexOf('--outdir') + 1] : undefined;
if (outdir) for (const b of builds) b.outfile = b.outfile.replace(/^dist\//, `${outdir}/`);

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
