/** Pathological draft shapes (issue 14) at any size, shared by the hardening tests (test/core/robust.test.ts) and `npm run bench robust`. */

/** One shape: `make(bytes)` gives a draft of about that many bytes (never fewer), built from the shape's repeated unit. */
export interface Pattern {
  name: string;
  /** What the shape stresses, in a few words. */
  what: string;
  make(bytes: number): string;
}

/** Repeats `unit(i)` until the text holds at least `bytes` characters. */
function fill(bytes: number, unit: (i: number) => string, head = '', tail = ''): string {
  const parts = [head];
  let n = head.length + tail.length;
  for (let i = 0; n < bytes; i++) {
    const u = unit(i);
    parts.push(u);
    n += u.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** A claim before and after the pathological block, so a test can check that the rest of the file is kept. */
const AROUND_HEAD = 'Claim: the claim before. ^before\n\n';
const AROUND_TAIL = '\n\nClaim: the claim after. ^after\n\n- Objection: [[#^before]] it is wrong. ^obj\n';

/** A run of one string, `bytes` long, inside a claim paragraph between two other elements. */
function run(bytes: number, piece: string): string {
  return `${AROUND_HEAD}Claim: ${piece.repeat(Math.max(1, Math.ceil(bytes / piece.length)))} end${AROUND_TAIL}`;
}

export const PATTERNS: readonly Pattern[] = [
  { name: 'deep-quote', what: 'one blockquote nested as deep as the size allows', make: (b) => `${AROUND_HEAD}${'> '.repeat(Math.ceil(b / 2))}x${AROUND_TAIL}` },
  { name: 'deep-list', what: 'one list nested as deep as the size allows', make: (b) => `${AROUND_HEAD}${'- '.repeat(Math.ceil(b / 2))}x${AROUND_TAIL}` },
  { name: 'deep-quote-blocks', what: 'many 1,000-deep quotes beside 200 claims', make: (b) => fill(b, (i) => (i % 2 ? `${'> '.repeat(1000)}Claim: deep ${i}\n\n` : `Claim: shallow claim ${i} ^s${i}\n\n`)) },
  { name: 'nested-one-line-lists', what: 'lines of eight list markers each', make: (b) => fill(b, (i) => `${'- '.repeat(8)}Claim: nested ${i}\n`) },
  { name: 'indent-staircase', what: 'list items indented one more step each line', make: (b) => fill(b, (i) => `${'  '.repeat(i % 200)}- Objection: step ${i}\n`) },
  { name: 'same-claim', what: '`Claim: same` again and again (implicit id collisions)', make: (b) => fill(b, () => 'Claim: same\n\n') },
  { name: 'claims-without-ids', what: 'distinct claims, no ids', make: (b) => fill(b, (i) => `Claim: claim number ${i} about oversight\n\n`) },
  { name: 'claims-with-ids', what: 'distinct claims with ids (the control)', make: (b) => fill(b, (i) => `Claim: claim number ${i} about oversight ^c${i}\n\n`) },
  { name: 'objections-without-claim', what: 'objections with nothing to object to (rule 3 scans)', make: (b) => fill(b, (i) => `Objection: objection ${i} to nothing\n\n`) },
  { name: 'replies-chain', what: 'objection, reply, reply... in one section', make: (b) => fill(b, (i) => (i % 3 === 0 ? `Objection: o${i}\n\n` : `Reply: r${i}\n\n`), 'Claim: root ^root\n\n') },
  { name: 'brackets', what: 'a run of `[`', make: (b) => run(b, '[') },
  { name: 'wikilink-openers', what: 'a run of `[[` never closed', make: (b) => run(b, '[[a ') },
  { name: 'stars', what: 'a run of `*`', make: (b) => run(b, '*') },
  { name: 'open-emphasis', what: 'many emphasis openers never closed', make: (b) => run(b, '*a _b ') },
  { name: 'underscores', what: 'a run of `_`', make: (b) => run(b, '_') },
  { name: 'backticks', what: 'backtick strings of growing length, never closed', make: (b) => fill(b, (i) => `${'`'.repeat(1 + (i % 60))}a `, `${AROUND_HEAD}Claim: `, AROUND_TAIL) },
  { name: 'unclosed-comments', what: 'a run of `<!--` never closed, some in wikilinks', make: (b) => run(b, 'a <!-- [[ <!-- ]] ') },
  { name: 'wikilink-specials', what: 'wikilinks holding backticks, `<`, entities', make: (b) => run(b, '[[ ` ]] [[ <a ]] [[ &#0; ]] ``x ') },
  { name: 'link-openers', what: 'a run of `[a](` never closed', make: (b) => run(b, '[a](') },
  { name: 'long-line', what: 'one claim on a single line', make: (b) => run(b, 'word ') },
  { name: 'many-references', what: 'references in one paragraph', make: (b) => fill(b, (i) => `[[other#^x${i}]] [t](a.md#^y${i}) [[#^c0]] `, 'Claim: target ^c0\n\nSupport: ', AROUND_TAIL) },
  { name: 'many-ids', what: 'carets and ids everywhere', make: (b) => fill(b, (i) => `Claim: a ^x${i} b ^y${i}\n\n^z${i} ^ ^-\n\n`) },
  { name: 'many-headings', what: 'headings with labels', make: (b) => fill(b, (i) => `## Claim: heading number ${i}\n\n`) },
  { name: 'setext-headings', what: 'setext headings with labels', make: (b) => fill(b, (i) => `Claim: setext heading ${i}\n===\n\n`) },
  { name: 'crlf-cr-mix', what: 'CRLF, CR and LF line endings mixed', make: (b) => fill(b, (i) => `Claim: mixed ${i}${['\r\n', '\r', '\n'][i % 3]}${['\r\n', '\r', '\n'][(i + 1) % 3]}- Objection: o ${i}\r`) },
  { name: 'entities-and-html', what: 'entities and inline html', make: (b) => fill(b, (i) => `Claim: Caf&#xe9; &amp; <b>bold ${i}</b> &#128161; <span>\n\n`) },
  { name: 'tables', what: 'a long table with labels in cells', make: (b) => fill(b, (i) => `| Claim: cell ${i} | [[x#^y]] |\n`, '| a | b |\n|---|---|\n') },
  { name: 'front-matter-yaml', what: 'a big front matter with aliases and anchors', make: (b) => fill(b, (i) => `k${i}: &a${i} [x, *a${i > 0 ? i - 1 : 0}]\n`, '---\ntitle: T\n', '---\nClaim: after the front matter ^fm\n') },
  { name: 'code-fences', what: 'fences opened and never closed, labels inside', make: (b) => fill(b, (i) => (i % 50 === 0 ? '```\n' : `Claim: in code ${i}\n`)) },
];

/** The pattern of a name (for a bench child process). */
export function patternNamed(name: string): Pattern | undefined {
  return PATTERNS.find((p) => p.name === name);
}
