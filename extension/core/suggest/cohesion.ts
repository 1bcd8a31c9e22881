/**
 * Lexical cohesion: the content words two blocks share. A reason or an objection usually repeats words of the point it
 * is about ("Pollution" after "cars pollute"), which tells a reason for the block right before it from one for the claim.
 */

/** Words of four letters or more that carry no topic of their own. */
const FUNCTION_WORDS =
  'that this with from have they their there would could should which what when where about more than into also because while these ' +
  'those them then such only just very been being were will your some other most many much like even does doesn make made over under ' +
  'after before again still here upon whether people think thing things really actually';

/**
 * A word as a number: its first five letters, five bits each (a = 1), times 16, plus its length up to 15. Two words are one
 * content word when their first five letters are the same ("pollute", "pollution"); the length only tells function words
 * from content words that begin like them. No string is made for a word.
 */
function code(text: string, start: number, end: number): number {
  let c = 0;
  for (let k = start; k < start + 5 && k < end; k++) c = c * 32 + ((text.charCodeAt(k) | 0x20) - 96);
  return c;
}

const STOP = new Set(FUNCTION_WORDS.split(' ').map((w) => code(w, 0, w.length) * 16 + w.length));

/** The content words of a text (letters a-z in runs of four or more, any case), each as the number of its first five letters. */
export function contentWords(text: string): Set<number> {
  const out = new Set<number>();
  // (One pass: the number of a word is made as its letters are read.)
  let n = 0;
  let c = 0;
  for (let k = 0; k <= text.length; k++) {
    const ch = k < text.length ? text.charCodeAt(k) | 0x20 : 0;
    if (ch >= 97 && ch <= 122) {
      if (n < 5) c = c * 32 + (ch - 96);
      n++;
      continue;
    }
    if (n >= 4 && (n > 8 || !STOP.has(c * 16 + n))) out.add(c);
    n = 0;
    c = 0;
  }
  return out;
}

/** How many content words two sets share. */
export function shared(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  let n = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) n++;
  return n;
}
