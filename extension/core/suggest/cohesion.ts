/**
 * Lexical cohesion: the content words two blocks share. A reason or an objection usually repeats words of the point it
 * is about ("Pollution" after "cars pollute"), which tells a reason for the block right before it from one for the claim.
 */

/** Words of four letters or more that carry no topic of their own. */
const FUNCTION_WORDS = new Set(
  ('that this with from have they their there would could should which what when where about more than into also because while these ' +
    'those them then such only just very been being were will your some other most many much like even does doesn make made over under ' +
    'after before again still here upon whether people think thing things really actually').split(' '),
);

/** The content words of a text, each cut to its first five letters (so "pollute" and "pollution" are one). */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  const words = text.toLowerCase().match(/[a-z]{4,}/g);
  if (words) for (const w of words) if (!FUNCTION_WORDS.has(w)) out.add(w.slice(0, 5));
  return out;
}

/** How many content words two sets share. */
export function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) n++;
  return n;
}
