/** Small wording helpers shared by the editor features, the views, the commands and the CLI: element kinds by name, counts, shortened texts. */
import type { ElementKind } from './model';

/** Each kind as a writer names it, capitalised: the label word mark-as writes, and the word hovers and titles show. */
export const KIND_TITLE: Readonly<Record<ElementKind, string>> = {
  claim: 'Claim',
  support: 'Support',
  objection: 'Objection',
  reply: 'Reply',
  crux: 'Crux',
  question: 'Question',
};

/** `1 file`, `2 files`; `many` for a plural that is not `one` + s. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The text cut to at most `max` characters, with an ellipsis when it was cut. */
export function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
