// The parser's fingerprint for parse caches: a hash of exactly what shapes a parsed draft (the parser's
// sources, the model, the draft codec, and the installed versions of the packages they import, with
// everything those depend on), so that editing an editor feature (language.ts, ...) keeps every parse cache.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The source files that shape a parsed draft, relative to the project root. */
export function parserSources(root) {
  const parseDir = 'extension/core/parse';
  const inParse = readdirSync(join(root, parseDir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${parseDir}/${f.split('\\').join('/')}`);
  return [...inParse, 'extension/core/model.ts', 'extension/core/codec/draftCodec.ts'].filter((f) => existsSync(join(root, f))).sort();
}

/** The bare package names a source imports (`import ... from 'markdown-it'`, type-only imports excluded: they shape no output). */
function importedPackages(text) {
  const names = new Set();
  for (const m of text.matchAll(/^\s*import\s+(?!type\s)[^'"]*?from\s+['"]([^'".][^'"]*)['"]/gm)) {
    const spec = m[1];
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return names;
}

/** `name@version` of each package and of everything it depends on, as package-lock.json installed them. */
function lockedVersions(root, names) {
  const lockFile = join(root, 'package-lock.json');
  if (!existsSync(lockFile)) return [...names].sort();
  const packages = JSON.parse(readFileSync(lockFile, 'utf8')).packages ?? {};
  const seen = new Map();
  const visit = (name) => {
    if (seen.has(name)) return;
    const entry = packages[`node_modules/${name}`];
    seen.set(name, entry?.version ?? 'missing');
    for (const dep of Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies })) visit(dep);
  };
  for (const n of names) visit(n);
  return [...seen].map(([n, v]) => `${n}@${v}`).sort();
}

/** The fingerprint and what it was made of. */
export function parserFingerprint(root = '.') {
  const sources = parserSources(root);
  const texts = sources.map((f) => readFileSync(join(root, f), 'utf8'));
  const packages = new Set();
  for (const t of texts) for (const p of importedPackages(t)) packages.add(p);
  const versions = lockedVersions(root, packages);
  const hash = createHash('sha1');
  sources.forEach((f, i) => hash.update(`${f}\0${texts[i]}\0`));
  hash.update(versions.join('\n'));
  return { id: hash.digest('hex').slice(0, 12), sources, versions };
}
