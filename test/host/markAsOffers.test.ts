/** "Mark as…" is asked for as the cursor moves: one parse per document version at most per line, none on blank lines or where the index already holds an element, and the same answers as a fresh parse. */
import { describe, expect, it } from 'vitest';
import { MarkAsOffers, type OfferDocument } from '../../extension/host/features/markAsOffers';
import { parseDraft } from '../../extension/core/parse/parse';

const TEXT = ['# Title', '', 'A plain paragraph', 'on two lines.', '', 'Claim: already an element.', '', '```', 'code here', '```', '', '- a list item'].join('\n');

function doc(text: string, version = 1): OfferDocument {
  const lines = text.split('\n');
  return { key: 'file:///a.md', version, getText: () => text, lineText: (l) => lines[l] ?? '' };
}

describe('mark-as offers', () => {
  it('answers as a parse does: unlabelled blocks yes, labelled ones, code and blank lines no', () => {
    const offers = new MarkAsOffers();
    const at = (line: number) => offers.offers(doc(TEXT), { line, character: 0 });
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(at)).toEqual([true, false, true, true, false, false, false, false, false, false, false, true]);
  });

  it('parses once per line and document version, not on every request', () => {
    const offers = new MarkAsOffers();
    for (let k = 0; k < 20; k++) offers.offers(doc(TEXT), { line: 2, character: k });
    expect(offers.parses).toBe(1);
    offers.offers(doc(TEXT), { line: 1, character: 0 }); // blank: no parse
    expect(offers.parses).toBe(1);
    offers.offers(doc(`${TEXT}\n`, 2), { line: 2, character: 0 }); // an edit: asked again
    expect(offers.parses).toBe(2);
  });

  it('uses the indexed draft where it holds an element, without parsing', () => {
    const offers = new MarkAsOffers();
    const elements = parseDraft(TEXT, 'a.md').elements;
    expect(offers.offers(doc(TEXT), { line: 5, character: 3 }, () => elements)).toBe(false);
    expect(offers.parses).toBe(0);
  });
});
