// `npm run try`: the extension in a real VS Code (code-server) in your browser, on a copy of the example drafts; Ctrl+C stops it.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { cacheDir, copyExamples, freePort, installCodeServer, installVsix, packageVsix, SetupError, startCodeServer, stopCodeServer } from './codeServer.mjs';

const say = (m) => console.log(`[try] ${m}`);

async function main() {
  const vsix = packageVsix(say);
  say(`built ${vsix}`);
  installCodeServer(say);
  const profile = join(cacheDir, 'try-profile');
  installVsix(vsix, join(profile, 'extensions'), join(profile, 'user-data'));
  const workspace = join(cacheDir, 'try-workspace');
  // A copy, so your edits while trying it out never touch the repository's examples.
  if (!existsSync(workspace) || process.argv.includes('--fresh')) copyExamples(workspace);
  const port = Number(process.env.CRUXMAP_PORT) || (await freePort());
  const server = await startCodeServer({ port, folder: workspace, extensionsDir: join(profile, 'extensions'), userDataDir: join(profile, 'user-data'), settings: {} });
  console.log(`\n  Crux Map is running in code-server: ${server.url}\n`);
  console.log('  Open a draft (e.g. scheming-first.md), then run "Crux Map: Open Argument Map to the Side"');
  console.log('  from the command palette (F1), or click the map icon in the editor title.');
  console.log(`  The drafts are a copy in ${workspace} (npm run try -- --fresh resets it).`);
  console.log('  Press Ctrl+C to stop.\n');
  const stop = () => {
    stopCodeServer(server.child);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (code) => {
    console.error(`[try] code-server stopped (${code}).\n${server.output().slice(-2000)}`);
    process.exit(1);
  });
}

main().catch((e) => {
  console.error(`\n[try] ${e instanceof SetupError ? e.message : e.stack ?? e}`);
  process.exit(1);
});
