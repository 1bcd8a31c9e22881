/**
 * The `cruxmap` program (dist/cli.js): runs the command line (dist/cliMain.js) with V8's compiled code of it kept in
 * a per-user cache, as Node 22's `module.enableCompileCache()` does, so that a run does not compile the CLI again.
 * On a vault of small notes that compiling was about a tenth of a whole run. The cache is only ever a speed-up:
 * any problem with it (missing, damaged, another Node, no place to write) runs the CLI as compiled afresh.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

/** Where the cache lives: CRUXMAP_COMPILE_CACHE (a folder, or `off`), else the user's cache folder; undefined: none. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = safeHome()): string | undefined {
  const asked = env.CRUXMAP_COMPILE_CACHE;
  if (asked !== undefined && asked !== '') return asked === 'off' || asked === '0' ? undefined : asked;
  if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'cruxmap', 'compile-cache') : undefined;
  if (!home) return undefined;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'cruxmap', 'compile-cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'cruxmap', 'compile-cache');
}

function safeHome(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}

const CHECKSUM_BYTES = 32;
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest();

/**
 * The cached code for a source, only when it is whole: the file starts with the SHA-256 of what follows, and its name
 * holds the hash of the source, the Node version and the architecture (V8 itself refuses code of another V8).
 */
export function readCompileCache(file: string): Buffer | 'missing' | 'damaged' {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return 'missing';
  }
  if (data.length <= CHECKSUM_BYTES) return 'damaged';
  const payload = data.subarray(CHECKSUM_BYTES);
  return sha256(payload).equals(data.subarray(0, CHECKSUM_BYTES)) ? payload : 'damaged';
}

/** Writes the cache whole or not at all (a temporary file renamed), and removes the caches of other builds. */
export function writeCompileCache(dir: string, name: string, payload: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `${name}.${process.pid}.tmp`);
    writeFileSync(temp, Buffer.concat([sha256(payload), payload]), { mode: 0o600 });
    renameSync(temp, join(dir, name));
    for (const f of readdirSync(dir)) {
      if (f !== name && /^cli-[0-9a-f]+\.cache$/.test(f)) unlinkSync(join(dir, f));
    }
  } catch {
    // No place to keep it: the next run compiles again, nothing else changes.
  }
}

/** Whether a folder may be trusted with code: on POSIX it must be the user's own, writable by nobody else. */
function ownFolder(dir: string): boolean {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  try {
    const s = statSync(dir);
    return s.uid === process.getuid() && (s.mode & 0o022) === 0;
  } catch {
    return true; // not there yet: it is made with mode 700
  }
}

/**
 * A run of the CLI is short and does the same work on many files: at V8's default interrupt budget (about 66 KB of
 * bytecode run before a function's hotness is looked at) it tiers functions up, and re-optimises them, while the
 * run is still warming up. Three times that budget cut a cold `cruxmap export` of a vault of 173 small notes by
 * about 14 % wall time and 25 % CPU time and of the realistic benchmark corpus by a few per cent, and cost the plain
 * corpus nothing (farm-bench, 9-11 paired runs each; four times the budget began to slow the plain corpus). It is set
 * before any of the CLI is compiled and the same in every run, so the compile cache, which V8 keys on its flags,
 * stays valid. Only the CLI sets it: the extension host is VS Code's process, not ours.
 */
function optimiseLater(): void {
  try {
    setFlagsFromString('--interrupt-budget=200000');
  } catch {
    // An engine without the flag runs at its defaults.
  }
}

/** Runs dist/cliMain.js (its `runAsProgram`), through the compile cache when there is one. */
function launch(): void {
  optimiseLater();
  const mainFile = join(__dirname, 'cliMain.js');
  const source = readFileSync(mainFile, 'utf8');
  const dir = compileCacheDir();
  const name = `cli-${sha256(`${process.version}\0${process.arch}\0${source}`).toString('hex').slice(0, 24)}.cache`;
  const usable = dir !== undefined && ownFolder(dir);
  const found = usable ? readCompileCache(join(dir, name)) : 'missing';
  const cached = typeof found === 'string' ? undefined : found;
  // V8 checks the rest: its own version and flags, and the source's length.
  const script = new Script(Module.wrap(source), { filename: mainFile, cachedData: cached });
  const say = process.env.CRUXMAP_COMPILE_CACHE_LOG ? (line: string) => process.stderr.write(`cruxmap: compile cache: ${line}\n`) : undefined;
  const fresh = cached === undefined || script.cachedDataRejected === true;
  say?.(!usable ? 'none' : typeof found === 'string' ? found : script.cachedDataRejected ? 'rejected' : 'used');
  const mainModule = new Module(mainFile, module);
  mainModule.filename = mainFile;
  mainModule.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(mainFile));
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(mainModule.exports, mainModule.exports, createRequire(mainFile), mainModule, mainFile, dirname(mainFile));
  mainModule.loaded = true;
  if (usable && fresh) {
    // Written when the run is over, so the code the run compiled lazily (most of it) is in the cache too.
    process.once('exit', () => {
      writeCompileCache(dir, name, script.createCachedData());
      say?.('written');
    });
  }
  (mainModule.exports as { runAsProgram(): void }).runAsProgram();
}

if (require.main === module) launch();
