// Installs code-server (pinned) into .cache/code-server and starts it on loopback: shared by `npm run try` and the end-to-end tests.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, copyFileSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const repo = resolve(import.meta.dirname, '..');
export const cacheDir = join(repo, '.cache');
const installDir = join(cacheDir, 'code-server');
export const codeServerBin = join(installDir, 'node_modules', '.bin', 'code-server');
const APT_PACKAGES = 'libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config ripgrep';

/** The environment without what an enclosing npm run sets (npm_*, INIT_CWD). */
export function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'));
}

/** An error whose message says what the user needs to do. */
export class SetupError extends Error {}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Whether code-server is installed and its VS Code part finished installing. */
export function codeServerInstalled() {
  return existsSync(codeServerBin) && existsSync(join(installDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules'));
}

/**
 * code-server's @vscode/ripgrep downloads ripgrep from the internet at install time; seed its download
 * cache with Debian's ripgrep instead, so the install works offline.
 */
function seedRipgrepCache(log) {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => existsSync(p));
  if (!rg) throw new SetupError(`ripgrep is missing. Install it first (as root): apt-get update && apt-get install -y ${APT_PACKAGES}`);
  const cache = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (existsSync(archive)) return;
  mkdirSync(cache, { recursive: true });
  const stage = join(tmpdir(), `cruxmap-rg-${process.pid}`);
  mkdirSync(stage, { recursive: true });
  copyFileSync(rg, join(stage, 'rg'));
  execFileSync('tar', ['-C', stage, '-czf', archive, 'rg']);
  rmSync(stage, { recursive: true, force: true });
  log(`seeded the ripgrep download cache with ${rg}`);
}

/** Installs code-server into .cache/code-server the first time; explains what is missing when it cannot. */
export function installCodeServer(log = (m) => console.error(`[code-server] ${m}`)) {
  if (codeServerInstalled()) return codeServerBin;
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) throw new SetupError(`code-server ${CODE_SERVER_VERSION} needs Node.js 20; this is Node.js ${process.versions.node}.`);
  for (const tool of ['g++', 'make', 'python3', 'pkg-config']) {
    if (!has(tool)) throw new SetupError(`${tool} is missing: code-server builds native modules. Install (as root): apt-get update && apt-get install -y build-essential python3 ${APT_PACKAGES}`);
  }
  for (const header of ['/usr/include/X11/Xlib.h', '/usr/include/X11/extensions/XKBfile.h', '/usr/include/krb5.h']) {
    if (!existsSync(header)) throw new SetupError(`${header} is missing: code-server's native modules need development packages. Install (as root): apt-get update && apt-get install -y ${APT_PACKAGES}`);
  }
  seedRipgrepCache(log);
  mkdirSync(installDir, { recursive: true });
  // npm 11 runs dependencies' install scripts only when the project allows them; code-server's builds its VS Code part.
  writeFileSync(
    join(installDir, 'package.json'),
    `${JSON.stringify({ name: 'cruxmap-code-server', private: true, description: 'code-server for Crux Map try-outs and end-to-end tests', allowScripts: { 'code-server': true, argon2: true } }, null, 2)}\n`,
  );
  log(`installing code-server ${CODE_SERVER_VERSION} into ${installDir} (first run only; about a minute)`);
  const r = spawnSync('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-save', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: installDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    // Run as a fresh npm, not as a child of `npm test`: inherited npm_* variables (npm_config_local_prefix…)
    // would make code-server's postinstall install into this project's node_modules.
    env: { ...cleanEnv(), npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
  });
  if (r.status !== 0 || !codeServerInstalled()) {
    throw new SetupError(`installing code-server failed (exit ${r.status}). It needs the npm registry and, as root: apt-get update && apt-get install -y ${APT_PACKAGES}`);
  }
  return codeServerBin;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Builds the VSIX with vsce and returns its path. */
export function packageVsix(log = (m) => console.error(`[package] ${m}`)) {
  log('building the VSIX (npm run package)');
  const r = spawnSync('npm', ['run', 'package', '--silent'], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new SetupError(`npm run package failed:\n${r.stdout}`);
  const version = JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json").version)'], { cwd: repo, encoding: 'utf8' }));
  const vsix = join(repo, `cruxmap-${version}.vsix`);
  if (!existsSync(vsix)) throw new SetupError(`npm run package did not write ${vsix}`);
  return vsix;
}

/** Installs a VSIX into a private extensions folder. */
export function installVsix(vsix, extensionsDir, userDataDir) {
  mkdirSync(extensionsDir, { recursive: true });
  const r = spawnSync(codeServerBin, ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], { encoding: 'utf8' });
  if (r.status !== 0) throw new SetupError(`installing ${vsix} into code-server failed:\n${r.stdout}\n${r.stderr}`);
}

/** Copies the example workspace to a fresh folder, so the repository's copy stays clean. */
export function copyExamples(target) {
  rmSync(target, { recursive: true, force: true });
  cpSync(join(repo, 'examples', 'alignment'), target, { recursive: true });
  return target;
}

/**
 * Starts code-server on 127.0.0.1:port with the given folders; resolves once it answers HTTP.
 * Returns the child process (in its own process group) and the URL.
 */
export async function startCodeServer({ port, folder, extensionsDir, userDataDir, settings }) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'workbench.enableExperiments': false,
        'chat.disableAIFeatures': true,
        ...settings,
      },
      null,
      2,
    ),
  );
  const child = spawn(
    codeServerBin,
    ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, folder],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VSCODE_PROXY_URI: '' } },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new SetupError(`code-server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(url);
      if (res.ok || res.status === 302) return { child, url, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stopCodeServer(child);
  throw new SetupError(`code-server did not answer on ${url} within 60 s:\n${output}`);
}

/** Stops code-server and everything it started. */
export function stopCodeServer(child) {
  if (!child || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}
