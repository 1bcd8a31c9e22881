/** The table of cue words in docs/markup.md section 9 is true: each example, opening a paragraph after a claim (and after an objection for the answers), gives the kind the table says. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDraft } from '../../extension/core/parse/parse';
import { suggestDraft } from '../../extension/core/suggest/suggest';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'markup.md'), 'utf8');
const section = doc.slice(doc.indexOf('## 9.'));

/** The kind suggested for the last paragraph of a draft. */
function lastKind(text: string): string | undefined {
  const all = suggestDraft(text, parseDraft(text, 'a.md'));
  return all[all.length - 1]?.kind;
}

const CLAIM = 'Night trains deserve public subsidies.\n\nThey replace short flights.\n\n';
const OBJECTION = `${CLAIM}Critics say the trains lose money.\n\n`;

describe('docs/markup.md: what the suggester reads', () => {
  const cases: [string, string, string][] = [
    ['But', `${CLAIM}But they are slow.\n`, 'objection'],
    ['However', `${CLAIM}However, they are slow.\n`, 'objection'],
    ['Not in …', `${CLAIM}Not in winter. The heating fails.\n`, 'objection'],
    ['Depends on …', `${CLAIM}Depends on the route. Short lines are empty.\n`, 'objection'],
    ['The council says …', `${CLAIM}The council says the money is needed for buses.\n`, 'objection'],
    ['…, teachers object', `${CLAIM}The berths are too small, passengers object.\n`, 'objection'],
    ['This view ignores …', `${OBJECTION}This view ignores the track fees.\n`, 'reply'],
    ["I'm not convinced", `${CLAIM}I'm not convinced they are full.\n`, 'objection'],
    ['Admittedly', `${CLAIM}Admittedly, the beds are narrow.\n`, 'objection'],
    ['Critics say', `${CLAIM}Critics say the trains lose money.\n`, 'objection'],
    ['It could be argued', `${CLAIM}It could be argued that buses are cheaper.\n`, 'objection'],
    ['The usual objection is', `${CLAIM}The usual objection is the price of a berth.\n`, 'objection'],
    ['That is easily solved', `${OBJECTION}That is easily solved: lower the track fees.\n`, 'reply'],
    ['Because', `${CLAIM}Because a sleeper saves a hotel night, it is cheap.\n`, 'support'],
    ['For example', `${CLAIM}For example, the Vienna line is full every night.\n`, 'support'],
    ['Moreover', `${CLAIM}Moreover, they arrive in the city centre.\n`, 'support'],
    ['Therefore', `${CLAIM}Therefore the state should pay for new carriages.\n`, 'claim'],
    ['I strongly oppose', `${CLAIM}I strongly oppose closing the Rome line.\n`, 'claim'],
    ['a question mark', `${CLAIM}How many people would take them each night?\n`, 'question'],
    ['Isn\'t it …?', `${CLAIM}Isn't a night asleep better than a day in airports?\n`, 'support'],
    ['Could we not … instead?', `${CLAIM}Could we not simply tax flights instead?\n`, 'objection'],
    ['The crux is', `${CLAIM}The crux is whether people will pay for a berth.\n`, 'crux'],
  ];
  for (const [words, text, kind] of cases) {
    it(`${words} → ${kind}`, () => {
      // The words are in the table as written.
      expect(section).toContain(words === 'a question mark' ? words : `*${words}`);
      expect(lastKind(text)).toBe(kind);
    });
  }
});
