/** The suggester on small drafts: cues decide kinds, context decides targets; labeled blocks and code get nothing; ranges are the ones parsing would give. */
import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../extension/core/parse/parse';
import { scanBlocks } from '../../extension/core/suggest/blocks';
import { findCues } from '../../extension/core/suggest/cues';
import { DEFAULT_THRESHOLD, suggestDraft, type Suggestion } from '../../extension/core/suggest/suggest';
import { applyTextEdits, markAsEdit } from '../../extension/core/features/edits';

function suggest(text: string): Suggestion[] {
  return suggestDraft(text, parseDraft(text, 'a.md'));
}

/** Each suggestion as [line, kind, target line or null], and its cue when asked: the tables the tests compare. */
function rows(list: Suggestion[], withCue = false): (string | number | null)[][] {
  return list.map((s) => (withCue ? [s.range.start.line, s.kind, s.target?.line ?? null, s.cue] : [s.range.start.line, s.kind, s.target?.line ?? null]));
}

function at(list: Suggestion[], line: number): Suggestion | undefined {
  return list.find((s) => s.range.start.line === line);
}

describe('cues', () => {
  it('finds markers at the start of sentences and clauses, as written', () => {
    expect(findCues('That said, evaluations miss the models that plan.').map((h) => [h.cls, h.words, h.atStart])).toEqual([['contrast', 'That said', true]]);
    expect(findCues('I agree that evals help, but they can be gamed.').map((h) => [h.cls, h.words])).toEqual([
      ['concession', 'I agree that'],
      ['contrast', 'but'],
    ]);
    expect(findCues('I’m not convinced.')[0]).toMatchObject({ cls: 'doubt', words: 'I’m not convinced' });
    expect(findCues('So far nothing has happened.')).toEqual([]);
    expect(findCues('Butter is tasty.')).toEqual([]);
  });
});

describe('cues and plain text, however the text is written', () => {
  it('reads cues in any case, and clause breaks after " - ", " (", ", ", but not a hyphen inside a word', () => {
    const words = (t: string) => findCues(t).map((h) => [h.cls, h.words, h.sentence]);
    expect(words('BUT judges tire.')).toEqual([['contrast', 'BUT', true]]);
    expect(words('However, judges tire.')).toEqual(words('however, judges tire.').map(([c, , s]) => [c, 'However', s]));
    expect(words('Judges tire - but only late.')).toEqual([['contrast', 'but', false]]);
    expect(words('Judges tire (but only late).')).toEqual([['contrast', 'but', false]]);
    expect(words('Judges tire, but only late.')).toEqual([['contrast', 'but', false]]);
    expect(words('Judges tire-but only late.')).toEqual([]);
    // After a sentence's end the white space belongs to it: " - " right after gives no second break.
    expect(words('Judges tire. - But only late.')).toEqual([['contrast', 'But', true]]);
    // A capital word that only starts like a cue is none ("Butter"), nor a lead word alone inside one ("Andes").
    expect(words('Butter is tasty. Andes are tall.')).toEqual([]);
    // Typographic text is normalized first: the same cues, the words as written.
    expect(words('I’m not convinced — but maybe.').map(([c, w]) => [c, w])).toEqual([
      ['doubt', 'i\'m not convinced'],
      ['contrast', 'but'],
    ]);
  });

  it("gives a block's text as the parser gives an element's: markup dropped, white space made single, a trailing id marker off", () => {
    const texts = (t: string) => scanBlocks(t).map((b) => b.text);
    expect(texts('One  two\tthree\nfour   five\n')).toEqual(['One two three four five']);
    expect(texts('A **bold**  <b>tag</b> and [link](http://x.org) `code`.\n')).toEqual(['A bold tag and link code.']);
    expect(texts('A no-break\u00a0space stays.\n')).toEqual(['A no-break\u00a0space stays.']);
    expect(texts('Trailing id. ^my-id\n\nA caret x^2 stays.\n\nNot^an-id either\n')).toEqual(['Trailing id.', 'A caret x^2 stays.', 'Not^an-id either']);
    expect(texts('Line one\r\nline two\r\n\r\n> Quoted\r\n')).toEqual(['Line one line two', 'Quoted']);
  });
});

describe('suggestDraft', () => {
  it('an unlabeled "That said" paragraph after a labeled claim objects to it', () => {
    const text = 'Claim: Evaluations will catch most risky models.\n\nThat said, evaluations miss exactly the models that plan.\n';
    const [s] = suggest(text);
    expect(s).toMatchObject({ kind: 'objection', cue: 'That said', text: 'That said, evaluations miss exactly the models that plan.' });
    expect(s.range).toEqual({ start: { line: 2, character: 0 }, end: { line: 2, character: 57 } });
    expect(s.target).toMatchObject({ line: 0, element: 0, suggestion: -1 });
    expect(s.confidence).toBeGreaterThan(0.5);
    expect(s.confidence).toBeLessThanOrEqual(1);
  });

  it('a "Because" item under an objection supports the objection', () => {
    const text = 'Claim: Debate works.\n\n- Objection: judges can be fooled.\n  - Because confident speakers win regardless of the truth.\n';
    const s = at(suggest(text), 3)!;
    expect(s).toMatchObject({ kind: 'support', cue: 'Because', block: 'listItem' });
    expect(s.target).toMatchObject({ line: 2, element: 1 });
  });

  it('a contrast after an objection replies to it; a suggested block can be the target', () => {
    const text = 'Interpretability will not scale in time.\n\nAdmittedly, sparse autoencoders made labelling automatic.\n\nHowever, automatic labels are only as good as the labeller.\n';
    const list = suggest(text);
    expect(list.map((s) => s.kind)).toEqual(['claim', 'objection', 'reply']);
    expect(list[1].target).toMatchObject({ line: 0, element: -1, suggestion: 0 });
    expect(list[2].target).toMatchObject({ line: 2, suggestion: 1 });
    expect(list[2].cue).toBe('However');
  });

  it('reads open questions as questions and answered ones as assertions', () => {
    const text = 'Alignment gets easier with capability.\n\nWhat would change your mind?\n\nWhy would a model hide its goals? It would gain nothing from that.\n';
    const list = suggest(text);
    expect(at(list, 2)).toMatchObject({ kind: 'question', target: { line: 0 } });
    expect(at(list, 4)!.kind).not.toBe('question');
  });

  it('examples support the point before them; results state a claim', () => {
    const text = 'Reward hacking is a preview of misalignment.\n\nFor instance, agents edit the tests instead of the code.\n\nTherefore we should take it seriously.\n';
    const list = suggest(text);
    expect(at(list, 2)).toMatchObject({ kind: 'support', cue: 'For instance', target: { line: 0 } });
    expect(at(list, 4)).toMatchObject({ kind: 'claim', cue: 'Therefore' });
  });

  it('gives nothing for labeled blocks, code, HTML, front matter, tables, display math, callout titles or asides', () => {
    const text = [
      '---',
      'title: But this is front matter',
      '---',
      '',
      'Claim: A labeled claim.',
      '',
      '```',
      'But this is code.',
      '```',
      '',
      '    But this is indented code.',
      '',
      '<div>But this is HTML.</div>',
      '',
      '| But | a table |',
      '|-----|---------|',
      '| x   | y       |',
      '',
      'Thanks for the comments, everyone.',
      '',
      '**Objection:** an emphasised label.',
      '',
      '$$',
      'But x = y + z',
      '$$',
      '',
      '> [!note] But a callout title',
    ].join('\n');
    expect(suggest(text)).toEqual([]);
  });

  it('suggests for quote paragraphs, with the range after the quote marker', () => {
    const text = '> Alignment is easier at lower capability levels.\n\nI’m not convinced that’s true.\n';
    const list = suggest(text);
    expect(list[0]).toMatchObject({ kind: 'claim', block: 'blockquote', range: { start: { line: 0, character: 2 } } });
    expect(list[1]).toMatchObject({ kind: 'objection', cue: 'I’m not convinced', target: { line: 0, text: 'Alignment is easier at lower capability levels.' } });
  });

  it('headings only when they ask or assert', () => {
    const list = suggest('# Introduction\n\n## Is scheming likely by default?\n\nMy view is that it is unlikely.\n');
    expect(list.map((s) => [s.range.start.line, s.kind])).toEqual([
      [2, 'question'],
      [4, 'claim'],
    ]);
  });

  it('gives the same suggestions for CRLF and LF, with ranges that exclude the line ending', () => {
    const lf = 'Compute governance is tractable.\n\nOn the other hand, algorithms get cheaper every year.\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(suggest(crlf)).toEqual(suggest(lf));
    expect(suggest(`\ufeff${crlf}`)).toEqual(suggest(lf));
  });

  it('ranges and label positions are the ones parsing gives the block once it is labeled', () => {
    const text = [
      'First a claim that spans',
      'two lines of text.',
      '',
      '- But an item objects.',
      '  - Because a nested item supports it.',
      '',
      '> Quoted position here.',
      '',
      '1. Moreover, a numbered item adds a reason.',
      '',
      '## Should we worry about this?',
    ].join('\r\n');
    const list = suggest(text);
    expect(list.length).toBe(6);
    for (const s of list) {
      // Where the editor's Mark as … command would write the label too.
      expect(markAsEdit(text, s.range.start, 'claim')).toEqual({ range: { start: s.contentStart, end: s.contentStart }, newText: 'Claim: ' });
      const labeled = applyTextEdits(text, [{ range: { start: s.contentStart, end: s.contentStart }, newText: 'Claim: ' }]);
      const el = parseDraft(labeled, 'a.md').elements.find((e) => e.range.start.line === s.range.start.line);
      expect(el, s.text).toBeDefined();
      expect(el!.text).toBe(s.text);
      const shift = s.range.end.line === s.range.start.line ? 7 : 0;
      expect(el!.range.start).toEqual(s.block === 'heading' ? s.range.start : s.contentStart);
      expect(el!.range.end).toEqual({ line: s.range.end.line, character: s.range.end.character + shift });
    }
  });

  it('a concessive opening asserts despite what it grants; evidence backs the point just made', () => {
    const text = [
      'Evaluations are worth running.',
      '',
      'Labs find real capability jumps with them.',
      '',
      'A study of twelve releases found jumps in half of them.',
      '',
      'Some people argue that evaluations can be gamed.',
      '',
      'Although that is possible, gaming leaves traces we can check.',
      '',
      'We therefore keep running them.',
    ].join('\n');
    const list = suggest(text);
    expect(rows(list, true)).toEqual([
      [0, 'claim', null, '(first paragraph of its section)'],
      [2, 'support', 0, '(right after the claim)'],
      [4, 'support', 2, 'A study'],
      [6, 'objection', 0, 'Some people'],
      [8, 'reply', 6, 'Although'],
      [10, 'claim', null, 'therefore'],
    ]);
  });

  it('a short or polite opening sentence leaves the cue to the next one; a pleasantry alone gets nothing', () => {
    const text = 'Claim: Evals catch risky models.\n\nGood post. But a planning model can hide what it knows.\n\nThanks for writing this.\n';
    const list = suggest(text);
    expect(list.map((s) => [s.range.start.line, s.kind, s.cue, s.target?.line])).toEqual([[2, 'objection', 'But', 0]]);
  });

  it('reasons written before their claim attach to it', () => {
    const list = suggest('Because chips are physical, they are easy to count.\n\nSo compute governance is tractable.\n');
    expect(list.map((s) => s.kind)).toEqual(['support', 'claim']);
    expect(list[0].target).toMatchObject({ line: 2 });
  });

  it('reads objections named as such, views reported by others, and concessions said at the end of a sentence', () => {
    const text = [
      'The voting age should be lowered to sixteen.',
      'One worry is that teenagers would copy their parents.',
      'Their choices differ from their parents’ as often as adults’ do, so that worry fails.',
      'Another worry is low turnout.',
    ].join('\n\n');
    const list = suggest(text);
    expect(rows(list, true)).toEqual([
      [0, 'claim', null, '(first paragraph of its section)'],
      [2, 'objection', 0, 'One worry'],
      [4, 'reply', 2, '(answers the objection before it)'],
      // One more objection beside the first: to the claim, not to the reply before it.
      [6, 'objection', 0, 'Another worry'],
    ]);
    const granted = (second: string) => suggest(`Claim: The voting age should be lowered to sixteen.\n\n${second}\n`).map((s) => [s.kind, s.target?.line ?? null, s.cue]);
    expect(granted('Many teachers complain that pupils are not ready.')).toEqual([['objection', 0, 'Many teachers complain']]);
    expect(granted('Shop owners reply that handling cash costs them money.')).toEqual([['objection', 0, 'Shop owners reply']]);
    // What studies or experts say is evidence, not a view answered.
    expect(granted('Studies say that few pupils vote at sixteen.').map(([, , c]) => c)).not.toContain('Studies say');
    expect(granted('Low turnout among the young is real, I grant that.')).toEqual([['objection', 0, 'I grant that']]);
    expect(granted('Low turnout among the young is real, admittedly.')).toEqual([['objection', 0, 'admittedly']]);
    // Not a concession: the words inside the sentence, or a view nobody is said to hold.
    expect(granted('I grant that low turnout is real but small.').map(([k]) => k)).toEqual(['objection']);
    expect(granted('Many teachers now vote at sixteen themselves.').map(([, , c]) => c)).not.toContain('Many teachers');
  });

  it('a conclusion with "therefore" after its subject is a claim; a doubt that opens a draft is its thesis, argued for next', () => {
    const conclusion = suggest('Tests on animals cause suffering.\n\nThe sale of tested cosmetics should therefore be banned.\n');
    expect(conclusion.map((s) => [s.kind, s.cue])).toContainEqual(['claim', 'therefore']);
    const doubt = suggest('I’m not convinced that remote work lowers productivity.\n\nThe studies that found a drop ran in the first months of the pandemic.\n');
    expect(rows(doubt)).toEqual([
      [0, 'claim', null],
      [2, 'support', 0],
    ]);
    // After a claim, the same doubt objects to it, and the writer's next unmarked paragraph argues for the doubt.
    const after = suggest('Claim: Remote work lowers productivity.\n\nI doubt that.\n\nThe studies ran in the first months of the pandemic.\n');
    expect(rows(after)).toEqual([
      [2, 'objection', 0],
      [4, 'support', 2],
    ]);
    // Someone else's doubt ("It is not clear …") is answered instead.
    const other = suggest('Claim: Remote work lowers productivity.\n\nIt is not clear that it does.\n\nThe studies ran in the first months of the pandemic.\n');
    expect(rows(other)).toEqual([
      [2, 'objection', 0],
      [4, 'reply', 2],
    ]);
  });

  it('after an objection: "In fact" corrects it, a "should" conclusion is the claim, a view named mid-sentence is conceded', () => {
    const after = (third: string) => rows(suggest(`Claim: Museum entry should be free.\n\nCritics say that free entry only helps tourists.\n\n${third}\n`));
    expect(after('In fact most visitors live nearby.')).toEqual([[2, 'objection', 0], [4, 'reply', 2]]);
    expect(after('So museums should stay free for residents at least.')).toEqual([[2, 'objection', 0], [4, 'claim', null]]);
    // Without "should" a result after an objection still draws the objection's consequence.
    expect(after('So the money goes to visitors from abroad.')).toEqual([[2, 'objection', 0], [4, 'support', 2]]);
    expect(after('Even then, residents would come more often.')).toEqual([[2, 'objection', 0], [4, 'reply', 2]]);
    const aside = suggest('Claim: Plastic bags should be banned.\n\nPaper bags are worse for the climate, some say, because making them takes more energy.\n');
    expect(aside.map((s) => [s.kind, s.target?.line ?? null, s.cue])).toEqual([['objection', 0, 'some say']]);
  });

  it('a first-person doubt that gives its own reasons is answered next, not argued for', () => {
    const list = suggest('Claim: Rent control keeps housing affordable.\n\nI’d disagree. Fewer new flats get built under it.\n\nRules that exempt new buildings do not stop construction.\n');
    expect(rows(list)).toEqual([
      [2, 'objection', 0],
      [4, 'reply', 2],
    ]);
  });

  it('a section that ends on what should be done argues for it, unless its first paragraph is a thesis of its own', () => {
    const reasons = suggest('Uniforms are cheap to buy.\n\nUniforms also stop children from being teased.\n\nSo schools should keep their uniforms.\n');
    expect(rows(reasons)).toEqual([
      [0, 'support', 4],
      [2, 'support', 4],
      [4, 'claim', null],
    ]);
    const thesis = suggest('Uniforms are the best way to stop teasing.\n\nChildren are teased for the brands they wear.\n\nSo schools should keep their uniforms.\n');
    expect(rows(thesis)).toEqual([
      [0, 'claim', null],
      [2, 'support', 0],
      [4, 'claim', null],
    ]);
  });

  it('"I think this misses …" disagrees; a critic named in the singular is a view conceded; "however" between commas opens the block', () => {
    const claim = 'Claim: Tolls should pay for the new bridge.\n\n';
    expect(rows(suggest(`${claim}I think this misses how few drivers cross it.\n`), true)).toEqual([[2, 'objection', 0, 'I think this misses']]);
    // "that" as the demonstrative, and as the conjunction before one.
    expect(rows(suggest(`${claim}I think that misses how few drivers cross it.\n`), true)).toEqual([[2, 'objection', 0, 'I think that misses']]);
    expect(rows(suggest(`${claim}I believe that this misses how few drivers cross it.\n`), true)).toEqual([[2, 'objection', 0, 'I believe that this misses']]);
    // A stance alone is still the writer's own claim.
    expect(suggest(`${claim}I think the bridge will pay for itself.\n`)[0].kind).toBe('claim');
    expect(rows(suggest(`${claim}A critic of tolls would say they fall on commuters.\n`), true)).toEqual([[2, 'objection', 0, 'A critic']]);
    const aside = suggest(`${claim}Critics say tolls push traffic onto side roads.\n\nThe counts, however, show side roads as quiet as before.\n`);
    expect(rows(aside, true)).toEqual([
      [2, 'objection', 0, 'Critics'],
      [4, 'reply', 2, 'however'],
    ]);
    // Two spaces or a line break after the comma read the same (block text has single spaces), CRLF too.
    const broken = suggest(`${claim}Critics say tolls push traffic onto side roads.\r\n\r\nThe counts,  however, show side roads as quiet as before.\r\n`);
    expect(rows(broken, true)[1]).toEqual([4, 'reply', 2, 'however']);
  });

  it('words naming an objection answer the last objection even after a reply to it', () => {
    const list = suggest('Claim: Tolls should pay for the new bridge.\n\nCritics say tolls push traffic onto side roads.\n\nYet the side roads were as quiet as before.\n\nThat criticism also forgets the buses.\n');
    expect(rows(list)).toEqual([
      [2, 'objection', 0],
      [4, 'reply', 2],
      [6, 'reply', 2],
    ]);
  });

  it('a question answered with a yes or no, or asked after a reason the block gives, is no open question', () => {
    const claim = 'Claim: Tolls should pay for the new bridge.\n\nDrivers who cross it gain the most.\n\n';
    const answered = suggest(`${claim}Is that unfair to them? No, they pay for what they use.\n`);
    expect(at(answered, 4)?.kind).toBe('support');
    const backed = suggest(`${claim}It also saves the city a loan. Why borrow when users can pay?\n`);
    expect(rows(backed, true)[1]).toEqual([4, 'support', 0, 'It also']);
    // After a statement that is no reason, the question stays a question.
    expect(at(suggest(`${claim}I read the plan twice. Who pays for the repairs?\n`), 4)?.kind).toBe('question');
  });

  it('a short demand that only its place decided is the conclusion its section argues for, unless the first paragraph predicts', () => {
    const end = suggest('Tolls on the old bridge paid for its repairs within ten years.\n\nDrivers who cross it gain the most.\n\nSome argue that tolls hurt commuters.\n\nBut monthly passes keep the cost low.\n\nThe new bridge should be paid for by tolls.\n');
    expect(rows(end)).toEqual([
      [0, 'support', 8],
      [2, 'support', 8],
      [4, 'objection', 8],
      [6, 'reply', 4],
      [8, 'claim', null],
    ]);
    // Second, right after a fact: the same.
    expect(rows(suggest('Tolls on the old bridge paid for its repairs within ten years.\n\nThe new bridge should be paid for by tolls too.\n\nDrivers who cross it gain the most.\n'))).toEqual([
      [0, 'support', 2],
      [2, 'claim', null],
      [4, 'support', 2],
    ]);
    // A first paragraph that predicts is a thesis of its own; "did not need to" demands nothing.
    expect(suggest('Tolls will not pay for the new bridge.\n\nFew drivers cross it.\n\nThe city should borrow instead.\n')[0].kind).toBe('claim');
    expect(suggest('Tolls paid for the old bridge.\n\nFew drivers cross it.\n\nThe city did not need to borrow.\n')[0].kind).toBe('claim');
  });

  it('under a heading that asks, the conclusion drawn with "so" answers it', () => {
    const list = suggest('## Should the bridge have tolls?\n\nDrivers who cross it are the ones it serves.\n\nSo yes: the people who use it should pay for it.\n');
    expect(rows(list)).toEqual([
      [0, 'question', null],
      [2, 'support', 4],
      [4, 'reply', 0],
    ]);
  });

  it('a view said to ignore something answers it; an objection named as usual is conceded, one "easily solved" is answered', () => {
    const list = suggest(
      'Town halls should open on Saturdays.\n\nPeople who work all week cannot come on weekdays.\n\nThe usual objection is that staff would lose their weekend.\n\nThat is easily solved: the hall can close on Mondays instead.\n\nIt is often said that most errands can be done online now.\n\nThis argument overlooks everyone who has no computer at home.\n',
    );
    expect(rows(list, true)).toEqual([
      [0, 'claim', null, '(first paragraph of its section)'],
      [2, 'support', 0, '(right after the claim)'],
      [4, 'objection', 0, 'The usual objection'],
      [6, 'reply', 4, 'That is easily solved'],
      [8, 'objection', 0, 'It is often said'],
      [10, 'reply', 8, 'This argument overlooks'],
    ]);
  });

  it('the writer taking a side in so many words states a position', () => {
    const list = suggest('I strongly oppose the plan to close the night bus.\n\nShift workers have no other way home.\n\nI would support running it less often after two in the morning.\n');
    expect(rows(list, true)).toEqual([
      [0, 'claim', null, 'I strongly oppose'],
      [2, 'support', 0, '(right after the claim)'],
      [4, 'claim', null, 'I would support'],
    ]);
  });

  it('right after a quoted view, an unmarked paragraph answers it', () => {
    const list = suggest('> Self-checkout saves shops money.\n\nOnly until you count the theft. Several chains have removed the machines again.\n');
    expect(rows(list)).toEqual([
      [0, 'claim', null],
      [2, 'objection', 0],
    ]);
    // Not a quote: after the writer's own claim, the same paragraph is its first reason.
    expect(rows(suggest('Self-checkout saves shops money.\n\nOnly one cashier watches six machines.\n'))[1]).toEqual([2, 'support', 0]);
  });

  it('a question that proposes another way objects to the claim; "Surely …?" is asked to assert', () => {
    const list = suggest('The village should buy a snow plough of its own.\n\nThe county plough reaches us two days after every storm.\n\nCould we not simply pay a farmer to clear the roads instead?\n\nNo farmer here owns a tractor big enough.\n');
    expect(rows(list, true).slice(2)).toEqual([
      [4, 'objection', 0, '(asks about another way)'],
      [6, 'reply', 4, '(answers the objection before it)'],
    ]);
    expect(suggest('The village should buy a snow plough.\n\nSurely nobody wants to wait two days for the roads?\n')[1]).toMatchObject({ kind: 'support', cue: '(a rhetorical question)' });
  });

  it('reasons before a "therefore" conclusion argue for it, after a question or an objection first; "one of the most" does not rank', () => {
    const list = suggest(
      'Should the library lend tools?\n\nMost households use a drill a few times a year.\n\nA shared drill costs each borrower almost nothing.\n\nThe library should therefore start a tool shelf.\n',
    );
    expect(rows(list)).toEqual([
      [0, 'question', null],
      [2, 'support', 6],
      [4, 'support', 6],
      [6, 'claim', null],
    ]);
    const after = suggest(
      'It is often said that bike lanes slow down buses.\n\nCycling is one of the most common ways to get to work here.\n\nLanes keep bikes out of the bus lane.\n\nThe council should therefore build more of them.\n',
    );
    expect(rows(after)).toEqual([
      [0, 'objection', 6],
      [2, 'support', 6],
      [4, 'support', 6],
      [6, 'claim', null],
    ]);
    // A first paragraph that ranks its subject is a thesis of its own.
    expect(suggest('Should we plant trees?\n\nTrees are the best defence against summer heat.\n\nThe city should therefore plant a thousand.\n')[1]).toMatchObject({ kind: 'claim' });
  });

  it('objections raised impersonally ("It could be argued", "The only real objection") and a harm that might follow are objections; the next unmarked paragraph answers', () => {
    const list = suggest(
      'Ferries should run every half hour in summer.\n\nThe queues at the harbour already reach the main road.\n\nIt could be argued that half the boats would sail empty.\n\nThe summer counts show full boats on every crossing before six.\n\nThe only real objection is the cost of the crews.\n\nStudents on holiday would happily take the extra shifts.\n',
    );
    expect(rows(list, true).slice(2)).toEqual([
      [4, 'objection', 0, 'It could be argued'],
      [6, 'reply', 4, '(answers the objection before it)'],
      [8, 'objection', 0, 'The only real objection'],
      [10, 'reply', 8, '(answers the objection before it)'],
    ]);
    const harm = suggest('Ferries should run every half hour in summer.\n\nThe queues at the harbour already reach the main road.\n\nThe island shops might lose their quiet mornings.\n\nVisitors would lose only a few minutes waiting.\n');
    expect(rows(harm, true).slice(2)).toEqual([
      [4, 'objection', 0, '(a harm that might follow)'],
      [6, 'reply', 4, '(answers the objection before it)'],
    ]);
    // Made small, the same words are a reason.
    expect(at(suggest('Ferries should run every half hour.\n\nVisitors would lose only a few minutes waiting.\n'), 2)?.kind).toBe('support');
  });

  it('"Not in …" opening a comment disagrees; a view reported after "and" is conceded', () => {
    const thread = suggest('Solar panels pay for themselves within eight years.\n\nNot in the north. Ours took fourteen.\n');
    expect(rows(thread, true)[1]).toEqual([2, 'objection', 0, 'Not in']);
    const essay = suggest('Many towns now ban fireworks, and some argue that every town should.\n\nIn my view, a ban goes too far.\n\nA few fixed hours on New Year\'s Eve would keep most of the fun and most of the quiet.\n');
    expect(rows(essay, true).slice(0, 2)).toEqual([
      [0, 'objection', 2, 'some argue'],
      [2, 'claim', null, 'In my view'],
    ]);
  });

  it('a letter\'s introduction is no argument, and its closing request is the claim the letter argues for', () => {
    const list = suggest(
      'I am writing as a parent about the plan to close the crossing by the school.\n\nChildren cross there every morning, and the next crossing is half a mile away.\n\nThe council says the road is quiet enough. At eight in the morning it is not.\n\nPlease keep the crossing open until a new one is built.\n',
    );
    expect(rows(list)).toEqual([
      [2, 'support', 6],
      [4, 'support', 6],
      [6, 'claim', null],
    ]);
  });

  it('right after a question, a short answer replies to it; what turns against the answer objects to it, and reasons back it', () => {
    const list = suggest('Are e-readers better than paper books?\n\nFor long trips, they are. One device holds a whole shelf.\n\nHowever, a screen tires the eyes more than paper.\n\nThat matters less than it sounds, since e-ink screens do not glow.\n');
    expect(rows(list, true)).toEqual([
      [0, 'question', null, '(asks an open question)'],
      [2, 'reply', 0, '(answers the question before it)'],
      [4, 'objection', 2, 'However'],
      [6, 'reply', 4, '(answers the objection before it)'],
    ]);
    // A long first sentence is no short answer: the paragraph argues (for the claim to come, here none).
    expect(at(suggest('Are e-readers better than paper books?\n\nOne device holds a whole shelf of books for a long trip, and it weighs less than one of them.\n'), 2)?.kind).toBe('claim');
  });

  it('a doubt in the writer\'s voice answering a quoted view is the writer\'s position: the paragraphs after it argue for it', () => {
    const list = suggest('> Parking apps make finding a space quicker.\n\nI doubt it. The apps only show spaces the city has fitted with sensors.\n\nMost side streets have none.\n\nAnd drivers who watch their phones drive slower, not faster.\n');
    expect(rows(list)).toEqual([
      [0, 'claim', null],
      [2, 'objection', 0],
      [4, 'support', 2],
      [6, 'support', 2],
    ]);
  });

  it('what rests on reading the block before right is suggested below the default threshold: a turn inside a block, evidence after an objection', () => {
    const turn = at(suggest('Trains should be free.\n\nThey cut traffic in the centre.\n\nThe cost is real, but it is small next to the savings.\n'), 4);
    expect(turn).toMatchObject({ kind: 'objection', cue: 'but' });
    expect(turn!.confidence).toBeLessThan(DEFAULT_THRESHOLD);
    const evidence = suggest('Trains should be free.\n\nCritics say free trains would be overcrowded.\n\nSurveys of the towns that tried it found seats to spare at every hour.\n\nParents would also struggle to find seats for prams.\n');
    expect(rows(evidence, true).slice(1)).toEqual([
      [2, 'objection', 0, 'Critics'],
      [4, 'reply', 2, 'Surveys'],
      [6, 'objection', 0, '(a harm that might follow)'],
    ]);
    expect(evidence[2].confidence).toBeLessThan(DEFAULT_THRESHOLD);
    // After the writer's own point, evidence backs it as before.
    expect(at(suggest('Trains should be free.\n\nSurveys of the towns that tried it found fuller trains.\n'), 2)).toMatchObject({ kind: 'support', confidence: 0.7 });
  });

  it('views reported at a sentence\'s end or by a body in a sentence of their own, and points granted ("of course", an emphatic "does"), are objections', () => {
    const CLAIM = 'Every town should have a public sauna.\n\nA sauna gives people a warm place to meet in winter.\n\n';
    const kindAndCue = (last: string) => {
      const s = at(suggest(CLAIM + last), 4);
      return s && [s.kind, s.target?.line ?? null, s.cue];
    };
    expect(kindAndCue('Saunas use a lot of energy, engineers warn.\n')).toEqual(['objection', 0, 'engineers warn']);
    expect(kindAndCue('The council says the pool needs the money more.\n')).toEqual(['objection', 0, 'The council says']);
    expect(kindAndCue('Heating one costs money, of course, since the stove burns all day.\n')).toEqual(['objection', 0, 'of course']);
    const emphatic = at(suggest(CLAIM + 'A sauna does use a lot of wood.\n'), 4)!;
    expect([emphatic.kind, emphatic.cue]).toEqual(['objection', 'does use']);
    expect(emphatic.confidence).toBeLessThan(DEFAULT_THRESHOLD);
    // Evidence saying so, a body's claim answered in the same block, and "do" as a verb of its own are none of these.
    expect(kindAndCue('Saunas cut colds by a third, studies show.\n')?.[0]).toBe('support');
    expect(kindAndCue('The council says saunas are unsafe. Its own inspectors found no problems.\n')?.[0]).toBe('support');
    expect(kindAndCue('Saunas do little harm to anyone.\n')?.[0]).toBe('support');
  });

  it('"Depends on …" disagrees; an answer before a colon is short; "I would ask …" closes a letter with its claim', () => {
    expect(rows(suggest('Remote work is better for everyone.\n\nDepends on the job. Nurses cannot work from home.\n'), true)[1]).toEqual([2, 'objection', 0, 'Depends on']);
    expect(rows(suggest('Can a city run on buses alone?\n\nBogotá thinks so: its rapid bus lines carry two million people a day.\n'))[1]).toEqual([2, 'reply', 0]);
    expect(rows(suggest('The park café has opened again.\n\nIts terrace is full every afternoon.\n\nI would ask the council to keep it open in winter.\n'))).toEqual([
      [0, 'support', 4],
      [2, 'support', 4],
      [4, 'claim', null],
    ]);
  });

  it('a distinction drawn ("… is not the same as …"), "Not yet", "That seems backwards" turn; defenders answering and a platform arguing are views conceded; teachers saying so is evidence', () => {
    const C = 'Review bots will replace human code review.\n\nThey already catch most style problems.\n\n';
    const last = (t: string) => {
      const all = suggest(C + t);
      const s = all[all.length - 1];
      return [s.kind, s.cue];
    };
    expect(last('Catching style is not the same as catching design flaws.\n')).toEqual(['objection', 'Catching style is not the same as']);
    expect(last('Not yet, because they cannot read the design documents.\n')).toEqual(['objection', 'Not yet']);
    expect(last('That seems backwards to me: reviewers mostly discuss design.\n')).toEqual(['objection', 'That seems backwards']);
    expect(last('Its defenders answer that bots never get tired.\n')).toEqual(['objection', 'Its defenders answer']);
    expect(last('The platform argues that bots review faster.\n')).toEqual(['objection', 'The platform argues']);
    expect(last('Reviews get faster with bots, teachers say.\n')[0]).toBe('support');
  });

  it('"Yes." right after a question answers it; "You write that …" states the view answered; "So I\'d say …" after an objection is the writer\'s conclusion', () => {
    expect(rows(suggest('Should review be automated?\n\nYes. Bots never get tired.\n'))[1]).toEqual([2, 'reply', 0]);
    const comment = suggest('You write that bots will replace reviewers.\n\nBut in my experience they miss every design flaw.\n\nSo I’d say they help reviewers rather than replace them.\n');
    expect(rows(comment, true)).toEqual([
      [0, 'claim', null, 'You write'],
      [2, 'objection', 0, 'But'],
      [4, 'claim', null, 'So'],
    ]);
  });

  it('the first paragraph under a heading that asks answers it, as after a question paragraph; what turns against an answer objects to it', () => {
    const post = suggest('## Should cities ban scooters?\n\nYes, they should.\n\nThey are left across pavements every night.\n');
    expect(rows(post)).toEqual([
      [0, 'question', null],
      [2, 'reply', 0],
      [4, 'support', 2],
    ]);
    expect(rows(suggest('## Should cities ban scooters?\n\nI’d ban them. They block pavements.\n'))[1]).toEqual([2, 'reply', 0]);
    // (A turn inside the block after an answer: against the answer, a position, not a reply to it.)
    const turned = suggest('Will interpretability scale?\n\nYes. Readable features showed up at every size tried.\n\nThe number of features grows with the model, though, and nobody reads millions.\n');
    expect(rows(turned)[2]).toEqual([4, 'objection', 2]);
  });

  it('in a thread, an unmarked comment after a reply answers it in turn (below the threshold); a crux named inside a sentence is a crux; a second or different objection sits beside the first', () => {
    const thread = suggest('> Evals will catch scheming.\n\nBut a schemer would sandbag the eval.\n\nNot if the eval is fine-tuned on first.\n\nFine-tuning can teach the skill instead of eliciting it.\n');
    expect(at(thread, 6)).toMatchObject({ kind: 'reply', target: { line: 4 }, cue: '(answers the reply before it)' });
    expect(at(thread, 6)!.confidence).toBeLessThan(DEFAULT_THRESHOLD);
    const crux = suggest('Interpretability will scale.\n\nSo whether it helps comes down to whether features stay readable.\n');
    expect(at(crux, 2)).toMatchObject({ kind: 'crux', cue: 'comes down to whether' });
    const post = suggest('Oversight has a cliff.\n\nOne objection is that hard tasks are just hard.\n\nThat is true but beside the point.\n\nA second objection: we can split hard tasks into easy ones.\n');
    expect(at(post, 6)).toMatchObject({ kind: 'objection', target: { line: 0 } });
  });

  it('reasons marked in a later section back the claim stated before it; background sections, figures and a list\'s introduction are no argument', () => {
    const post = suggest('## Summary\n\nOversight will hit a cliff.\n\n## Background\n\nDebate and amplification both assume checkable steps.\n\n## Why\n\nThe first reason is selection of easy tasks.\n\n![A cliff and a slope](fig.png)\n');
    expect(at(post, 6)).toBeUndefined();
    expect(at(post, 10)).toMatchObject({ kind: 'support', target: { line: 2 } });
    expect(at(post, 12)).toBeUndefined();
    const list = suggest('Takeoff will be fast.\n\nHere is why I expect that:\n\n- Research speeds itself up.\n- Institutions adapt slowly to change.\n');
    expect(at(list, 2)).toBeUndefined();
    expect(rows(list).slice(1)).toEqual([
      [4, 'support', 0],
      [5, 'support', 0],
    ]);
    expect(at(suggest('Probes will work.\n\nThanks all, this was useful.\n'), 2)).toBeUndefined();
    // (A thank-you that turns at once still objects.)
    expect(at(suggest('Probes will work.\n\nThanks, but I doubt probes survive training against them.\n'), 2)).toMatchObject({ kind: 'objection', target: { line: 0 } });
    expect(at(suggest('Probes will work.\n\nThey work on every model tried, right?\n'), 2)).toMatchObject({ kind: 'support', cue: '(a rhetorical question)' });
  });

  it('a dialogue: each turn is read after its speaker\'s name, and an unmarked turn answers the other speaker\'s', () => {
    const dialogue = suggest('**Ana:** Value learning is the wrong frame for assistants.\n\n**Ben:** That moves the problem into what it is asked.\n\n**Ana:** Local is enough for flight bookings.\n\n**Ben:** But research projects are not flight-sized.\n');
    expect(rows(dialogue, true)).toEqual([
      [0, 'claim', null, '(first paragraph of its section)'],
      [2, 'objection', 0, '(answers the other speaker)'],
      [4, 'reply', 2, '(answers the other speaker)'],
      [6, 'reply', 4, 'But'],
    ]);
    // (The suggestion's text keeps the name; one name alone is no dialogue.)
    expect(at(dialogue, 2)!.text).toBe('Ben: That moves the problem into what it is asked.');
    expect(at(suggest('Probes will work.\n\nAna: This fails on new models.\n'), 2)).toMatchObject({ kind: 'support', cue: '(right after the claim)' });
  });

  it('a crux named after stance words or as what two sides disagree about; a stronger objection; a heading that opens with a question word asserts nothing', () => {
    expect(at(suggest('Forecasts should guide policy.\n\nI think the real crux is whether short-horizon skill carries over.\n'), 2)).toMatchObject({ kind: 'crux', cue: 'the real crux is whether' });
    expect(at(suggest('Forecasts should guide policy.\n\nSo maybe what we actually disagree about is whether skill transfers.\n'), 2)).toMatchObject({ kind: 'crux' });
    const post = suggest('Scheming is unlikely.\n\nOne objection is that goals drift late in training.\n\nThat drift would show up in evals.\n\nA stronger objection is that path-dependence cuts both ways.\n\n## What would change my mind\n');
    expect(at(post, 6)).toMatchObject({ kind: 'objection', target: { line: 0 } });
    expect(at(post, 8)).toBeUndefined();
  });

  it('a first paragraph that only sets the scene is background when the writer states a stance right after it', () => {
    const essay = suggest('Several proposals would regulate models by training compute.\n\nI think compute is a poor proxy for danger.\n\nSmall fine-tuned models can be just as capable.\n');
    expect(at(essay, 0)).toBeUndefined();
    expect(at(essay, 2)).toMatchObject({ kind: 'claim', cue: 'I think' });
    expect(at(essay, 4)).toMatchObject({ kind: 'support', target: { line: 2 } });
    // (A claim with a stance after a reason of its own stays a claim.)
    expect(at(suggest('Compute thresholds are a poor proxy.\n\nSmall models can be capable.\n\nI think we need evals instead.\n'), 0)).toMatchObject({ kind: 'claim' });
  });

  it('an objection put in a hypothetical reader\'s mouth ("Someone will say …", "One might reply …")', () => {
    const post = suggest('Agent foundations is needed before deployment.\n\nTrained systems are opaque.\n\nSomeone will say: do empirical work first.\n');
    expect(at(post, 4)).toMatchObject({ kind: 'objection', target: { line: 0 }, cue: 'Someone will say' });
  });

  it('a pasted thread: bylines get no suggestion, and a paragraph in the same comment goes on with it (not after a quote)', () => {
    const thread = suggest(
      '**halcyon_q** · 58 points\n\nThe counting argument proves much less than people think.\n\nmkovacs · 31 points\n\nThe analogy with overfitting does not carry over.\n\nOverfitting had a fix nobody expected.\n\nwrenfield — 12 karma\n\n> The analogy does not carry over.\n\nIt carries as far as counting goes.\n',
    );
    expect(at(thread, 0)).toBeUndefined();
    expect(at(thread, 4)).toBeUndefined();
    expect(at(thread, 10)).toBeUndefined();
    expect(at(thread, 6)).toMatchObject({ kind: 'objection', target: { line: 2 }, cue: '(answers the comment before it)' });
    expect(at(thread, 8)).toMatchObject({ kind: 'support', target: { line: 6 }, cue: '(goes on with the comment before it)' });
    expect(at(thread, 14)).toMatchObject({ kind: 'objection', target: { line: 12 } });
    // (One byline alone is metadata too, but no thread.)
    expect(at(suggest('Shortform · evals, sandbagging\n\nEvals miss sandbagging models.\n'), 0)).toBeUndefined();
  });

  it('a TL;DR states the thesis; cruxes and objections under headings that name them; a section opening after the thesis backs it', () => {
    const post = suggest(
      '# Notes on SAE latents\n\nTL;DR: Reconstruction rewards convenient bases, not the model\'s own.\n\n## Stability\n\nLatents change from seed to seed.\n\nOnly two thirds match across runs.\n\n## Objections\n\nThe model may have no privileged basis at all.\n\n## What would change my mind\n\nInterventions on latents that move held-out behaviour.\n\n- A seed-stable dictionary at every width.\n',
    );
    expect(at(post, 0)).toBeUndefined();
    expect(at(post, 2)).toMatchObject({ kind: 'claim', cue: 'TL;DR' });
    expect(at(post, 6)).toMatchObject({ kind: 'support', target: { line: 2 }, cue: '(opens a section after the thesis)' });
    expect(at(post, 8)).toMatchObject({ kind: 'support', target: { line: 6 } });
    expect(at(post, 12)).toMatchObject({ kind: 'objection', target: { line: 2 }, cue: '(first under a heading of objections)' });
    expect(at(post, 16)).toMatchObject({ kind: 'crux', target: null });
    expect(at(post, 18)).toMatchObject({ kind: 'crux' });
  });

  it('titles that name the text assert nothing, titles that take a side claim; "The setup: …" is background; "I think" after an objection answers it', () => {
    expect(at(suggest('# Notes on whether debate helps weak judges\n\nDebate helps.\n'), 0)).toBeUndefined();
    expect(at(suggest('# Comments on "Sycophancy is what preference learning is for"\n'), 0)).toBeUndefined();
    expect(at(suggest('# Against reading timelines off the compute curve\n'), 0)).toMatchObject({ kind: 'claim', cue: 'Against' });
    expect(at(suggest('Debate works with weak judges.\n\nThe setup: two models argue and a weaker judge decides.\n'), 2)).toBeUndefined();
    const reply = suggest('Debate works with weak judges.\n\nOne objection is that the tasks were easy.\n\nI think the tasks were hard enough for the judges.\n');
    expect(at(reply, 4)).toMatchObject({ kind: 'reply', target: { line: 2 } });
  });

  it('a debate under headings of its sides: arguments for and against the first position, replies to the arguments against in turn; "Yes:"/"No:" positions', () => {
    const debate = suggest(
      '# Should schools allow chatbots for homework?\n\nSchools should allow chatbots for homework.\n\n## For\n\n- Chatbots explain a topic many ways.\n- A ban cannot be enforced.\n\n## Against\n\n- A chatbot takes the practice away.\n- Teachers could not tell who wrote a text.\n\n## Replies\n\n- Students who explain their steps still practise.\n- Grades can count for less.\n\nIn the end, the choice depends on whether practice can be checked in class.\n',
    );
    expect(rows(debate).slice(2)).toEqual([
      [6, 'support', 2],
      [7, 'support', 2],
      [11, 'objection', 2],
      [12, 'objection', 2],
      [16, 'reply', 11],
      [17, 'reply', 12],
      [19, 'crux', null],
    ]);
    const positions = suggest('# Should we build new reactors?\n\nYes: reactors are needed to replace coal.\n\nNo: the money should go into storage.\n');
    expect(at(positions, 2)).toMatchObject({ kind: 'claim', cue: 'Yes' });
    expect(at(positions, 4)).toMatchObject({ kind: 'claim', cue: 'No' });
  });

  it('comments set apart by thematic breaks alone answer each other; a callout is read from its body; a reason backed by evidence; objections named by the writer\'s own words', () => {
    const ruled = suggest('Compute thresholds are a good trigger.\n\n---\n\nThe threshold will go stale as algorithms improve.\n\n---\n\nIt can be revised every year.\n\nTax brackets are revised too.\n');
    expect(rows(ruled)).toEqual([
      [0, 'claim', null],
      [4, 'objection', 0],
      [8, 'reply', 4],
      [10, 'support', 8],
    ]);
    const post = suggest('Labs should publish weights.\n\nMoreover, open models help research.\n\nIn one survey, most papers used open models.\n\n> [!note] A note on base rates\n> Several forecasters think releases are riskier than this.\n');
    expect(at(post, 4)).toMatchObject({ kind: 'support', target: { line: 2 }, cue: '(backs the point before it)' });
    expect(at(post, 6)).toMatchObject({ kind: 'objection', target: { line: 0 }, cue: 'Several forecasters think' });
    expect(at(suggest('Labs should publish weights.\n\nHotels warn that tourists will go elsewhere.\n'), 2)).toMatchObject({ kind: 'objection', cue: 'Hotels warn' });
    expect(at(suggest('Labs should publish weights.\n\nThe obvious pushback is that weights cannot be recalled.\n'), 2)).toMatchObject({ kind: 'objection', target: { line: 0 } });
  });

  it('a thread\'s turns in the writers\' own words: "…, though?", an answer to a question comment, "A separate concern", "I would frame it differently", the top comment named, an off-topic aside', () => {
    const thread = suggest(
      'Ruth · 24 points\n\nCompute thresholds are the least bad trigger.\n\nDmitri · 17 points\n\nFor how long will it track capability, though?\n\nRuth · 12 points\n\nIt is a trigger for scrutiny, not a ban.\n\nDmitri · 6 points\n\nWhat does scrutiny mean concretely?\n\nRuth · 8 points\n\nReporting plus a short eval suite.\n\nHollis · 10 points\n\nA separate concern: thresholds ignore inference.\n\nPaz · 3 points\n\nBut the top comment treats compute as capability.\n\nLee · 2 points\n\nOff-topic, but is there a reading list?\n',
    );
    expect(rows(thread)).toEqual([
      [2, 'claim', null],
      [6, 'objection', 2],
      [10, 'reply', 6],
      [14, 'question', 2],
      [18, 'reply', 14],
      [22, 'objection', 2],
      [26, 'objection', 2],
    ]);
    expect(at(suggest('Control buys time.\n\nI would frame it differently: control buys evidence.\n'), 2)).toMatchObject({ kind: 'objection', cue: 'I would frame it differently' });
  });

  it('others\' view is against the thesis, not a conclusion drawn on the way; objections under their heading too; a callout titled as background holds none', () => {
    const essay = suggest('# Free transport\n\nThe city should make buses free.\n\nFares bring in little money.\n\nSo free buses would cost little.\n\nIt is also argued that free buses get crowded.\n\n## Objections\n\n> [!note] Terminology\n> A fare here means a single ticket.\n\nTaxes would have to rise.\n');
    expect(at(essay, 8)).toMatchObject({ kind: 'objection', target: { line: 2 }, cue: 'It is also argued' });
    expect(at(essay, 12)).toBeUndefined();
    expect(at(essay, 15)).toMatchObject({ kind: 'objection', target: { line: 2 } });
    // (A title that names a side heads the whole essay: no side section.)
    expect(at(suggest('# The case for free buses\n\nFares bring in little.\n\nBuses get crowded.\n'), 4)).not.toMatchObject({ cue: '(under a heading of arguments for)' });
  });

  it('an essay\'s scene-setting before the stated thesis is background; a view reported in the past; a conclusion under a title question is the thesis; a letter\'s sign-off is an aside', () => {
    const essay = suggest(
      '# Are libraries worth paying for?\n\nTown councils facing tight budgets often look first at their libraries.\n\nWith so much reading done on screens, some ask whether the buildings still matter.\n\nI believe libraries deserve their funding.\n\nLast week a shop owner claimed that customers will drive elsewhere.\n\nYet most people arrive on foot.\n\nIn conclusion, libraries deserve public money.\n\nYours faithfully, Ruth\n',
    );
    expect(at(essay, 2)).toBeUndefined();
    expect(at(essay, 4)).toBeUndefined();
    expect(at(essay, 6)).toMatchObject({ kind: 'claim', cue: 'I believe' });
    expect(at(essay, 8)).toMatchObject({ kind: 'objection', target: { line: 6 } });
    expect(at(essay, 10)).toMatchObject({ kind: 'reply', target: { line: 8 } });
    expect(at(essay, 12)).toMatchObject({ kind: 'claim', cue: 'In conclusion' });
    expect(at(essay, 14)).toBeUndefined();
    // (A conclusion that says yes or no answers the question.)
    expect(at(suggest('# Should grades be curved?\n\nCurves pit students against each other.\n\nSo no: teachers should grade against the material.\n'), 4)).toMatchObject({ kind: 'reply', target: { line: 0 } });
    // ("The study said that …" is evidence, not a view answered.)
    expect(at(suggest('Libraries matter.\n\nLast year the study said that visits rose.\n'), 2)?.kind).not.toBe('objection');
  });

  it('"However, X should …" against a claim that only its place made one is the thesis; after an answer that only its place made one, a paragraph backs it', () => {
    const text = suggest('Pupils who hate sport learn nothing on a cold field.\n\nHowever, sport should stay compulsory in every year of school.\n\nFor many children it is the only exercise they get.\n');
    expect(at(text, 2)).toMatchObject({ kind: 'claim', cue: 'However' });
    expect(at(text, 4)).toMatchObject({ kind: 'support', target: { line: 2 } });
    const chain = suggest('Remote work should stay.\n\nOne objection is that juniors learn less.\n\nTwo office days give juniors their mentors.\n\nThat leaves three days at home.\n');
    expect(at(chain, 4)).toMatchObject({ kind: 'reply', target: { line: 2 } });
    expect(at(chain, 6)).toMatchObject({ kind: 'support', target: { line: 4 }, cue: '(backs the answer before it)' });
  });

  it('a thread pasted with names, ages and scores on lines of their own; a crux named as where two sides split', () => {
    const thread = suggest('jkessler\n3y\n8\n\nWeak elicitation explains most of the gap.\n\nmara_vt\n3y\n6\n\nI doubt that: sandbagging is cheap for a capable model.\n\nReply\n\nowen\n\nSo maybe this is where we actually split: whether the gap closes with fine-tuning.\n');
    expect(rows(thread)).toEqual([
      [4, 'claim', null],
      [10, 'objection', 4],
      [16, 'crux', null],
    ]);
    // (A name alone once is a word on its own line, no thread.)
    expect(at(suggest('Agreed entirely\n\nProbes work.\n'), 0)).toBeUndefined();
  });

  it('definitions and a note\'s opening are no argument; "Hot take:" states the thesis; a heading with "is" asserts; an objection quoted under its heading; "the counterpoint"', () => {
    const post = suggest('# Notes\n\nBy reward hacking I mean a policy exploiting a flaw in its reward.\n\nShort take on agent scaffolds, since it came up twice.\n\nHot take: scaffolds matter less than people think.\n\n## What gets reinforced is a disposition\n\n## Objections\n\n"Better graders are the fix." Even granting that, patching selects for hidden hacks.\n');
    expect(at(post, 2)).toBeUndefined();
    expect(at(post, 4)).toBeUndefined();
    expect(at(post, 6)).toMatchObject({ kind: 'claim', cue: 'Hot take' });
    expect(at(post, 8)).toMatchObject({ kind: 'claim', cue: '(a heading that asserts)' });
    expect(at(post, 12)).toMatchObject({ kind: 'objection', target: { line: 6 } });
    expect(at(suggest('Half-formed thought, posting for pushback: probes detect framing, not lies.\n'), 0)).toMatchObject({ kind: 'claim', cue: 'Half-formed thought, posting for pushback' });
    expect(at(suggest('Scaffolds matter less than people think.\n\nThe counterpoint I take seriously is that evals need the best scaffold.\n'), 2)).toMatchObject({ kind: 'objection', target: { line: 0 } });
  });

  it('words about the text ("Shortform: …", "A lightly edited transcript of …") are no argument; rules between comments under bylines do not split the thread', () => {
    expect(at(suggest('Shortform: SAE features and the dictionary worry\n\nFeatures may be artefacts.\n'), 0)).toBeUndefined();
    expect(at(suggest('A lightly edited transcript of a conversation between Oskar and Wen.\n\nEvals break when models notice them.\n'), 0)).toBeUndefined();
    expect(at(suggest('This is an edited transcript of a call between Ines and Bram.\n\nEvals break when models notice them.\n'), 0)).toBeUndefined();
    expect(at(suggest('Comment thread on “Untrusted monitoring is underrated”\n\nEvals break when models notice them.\n'), 0)).toBeUndefined();
    expect(at(suggest('Copied from the comments so I can answer later.\n\nEvals break when models notice them.\n'), 0)).toBeUndefined();
    expect(at(suggest('A response to last week\'s post on warning shots.\n\nEvals break when models notice them.\n'), 0)).toBeUndefined();
    expect(at(suggest('I\'ve been trying to decide whether to move into verification.\n\nEvals break when models notice them.\n'), 0)).toBeUndefined();
    expect(at(suggest('Two positions dominate the debate.\n\nReactors are needed.\n'), 0)).toBeUndefined();
    const thread = suggest('**ana**\n\nLatents are artefacts of the dictionary.\n\n---\n\n**ben**\n\nThey are stable across widths.\n\n---\n\n**ana**\n\nStable is not the same as real.\n');
    expect(rows(thread)).toEqual([
      [2, 'claim', null],
      [8, 'objection', 2],
      [14, 'reply', 8],
    ]);
  });

  it('the other side\'s point unmarked, shown as such by the answer that denies its conclusion; "They also note" goes on with their objection; a title anchors nothing', () => {
    const text = suggest('Smoking should be banned at bus stops.\n\nEveryone nearby breathes the smoke.\n\nSmokers are adults with a right to a legal habit.\n\nA right to smoke is not a right to make others smoke with you.\n');
    expect(at(text, 4)).toMatchObject({ kind: 'objection', target: { line: 0 } });
    expect(at(text, 6)).toMatchObject({ kind: 'reply', target: { line: 4 } });
    const more = suggest('Office employers should move to a four-day week.\n\nSceptics warn that small firms will suffer.\n\nThey also note that hospitals cannot close on Fridays.\n');
    expect(at(more, 4)).toMatchObject({ kind: 'objection', target: { line: 0 }, cue: 'They also note' });
    // (A title that asserts is suggested as a claim, but the body's thesis is what the body argues about; a section
    // named "The case for …" may give the other side's case, so it names no side.)
    const essay = suggest('# Paper ballots must stay\n\nElections should stay on paper.\n\nBallots can be recounted.\n\n## The case for clicking\n\nSupporters say online voting raises turnout.\n');
    expect(at(essay, 0)).toMatchObject({ kind: 'claim' });
    expect(at(essay, 4)).toMatchObject({ kind: 'support', target: { line: 2 } });
    expect(at(essay, 8)).toMatchObject({ kind: 'objection', target: { line: 2 } });
  });

  it('granting an objection starts the answer to it; an epistemic status, a parenthesised aside and "▲ 22" bylines are no argument; cruxes under "What would move me"', () => {
    const post = suggest('Evals understate situational awareness.\n\nOne objection is that models see through the framing.\n\nThat\'s right, and it means a null result is weak evidence.\n');
    expect(at(post, 4)).toMatchObject({ kind: 'reply', target: { line: 2 }, cue: 'That\'s right' });
    expect(at(suggest('Epistemic status: a few small runs, I\'d bet on the direction.\n\nEnsembles delay the peak.\n'), 0)).toBeUndefined();
    expect(at(suggest('Horizons double every seven months.\n\n(To be fair to the authors, they are careful about reliability.)\n'), 2)).toBeUndefined();
    const thread = suggest('Karin ▲ 22\n\nOpen weights help safety research.\n\nIlya ▲ 9\n\nThe benefit is real, but the release is irreversible.\n');
    expect(at(thread, 0)).toBeUndefined();
    expect(at(thread, 6)).toMatchObject({ kind: 'objection', target: { line: 2 } });
    const cruxes = suggest('Scheming is likely.\n\n## What would move me back down\n\nEvidence that heavier RL makes goals less stable.\n');
    expect(at(cruxes, 4)).toMatchObject({ kind: 'crux' });
  });

  it('"Critics argue" after an objection is one more objection, to the thesis; "Second, …" after the evidence for the first reason backs the claim', () => {
    const more = suggest('Schools should ban phones in class.\n\nPupils who are not allowed phones in class learn more, studies find.\n\nSome parents worry they cannot reach their children.\n\nCritics argue that a ban is impossible to enforce.\n');
    expect(at(more, 4)).toMatchObject({ kind: 'objection', target: { line: 0 } });
    expect(at(more, 6)).toMatchObject({ kind: 'objection', target: { line: 0 }, cue: 'Critics' });
    const essay = suggest('Cities should plant more trees.\n\nFirst, trees cool the streets in summer.\n\nA street with a full canopy can be several degrees cooler at noon.\n\nSecond, trees slow the rain on its way to the drains.\n');
    expect(at(essay, 4)).toMatchObject({ kind: 'support', target: { line: 2 } });
    expect(at(essay, 6)).toMatchObject({ kind: 'support', target: { line: 0 }, cue: 'Second' });
  });

  it('the paragraph before "First of all, …" is the thesis the reasons argue for, and what only its place made a claim before it sets the scene', () => {
    const text = suggest('# Keep the cash\n\nPaying by card has become normal in most shops over the past ten years.\n\nConvenient as cards are, every shop selling food ought to accept cash.\n\nFirst of all, a card-only shop shuts out people without a bank account.\n\nIn conclusion, shops that sell food should take cash.\n');
    expect(at(text, 2)).toBeUndefined();
    expect(at(text, 4)).toMatchObject({ kind: 'claim' });
    expect(at(text, 6)).toMatchObject({ kind: 'support', target: { line: 4 } });
  });

  it('a reason or an objection that repeats the words of the block right before it (not of the claim its place gave) is about that block', () => {
    const text = suggest('Towns should build protected bike lanes.\n\nFear of traffic is what keeps most residents off their bikes.\n\nThat fear of fast traffic is strongest among older residents, who ride least.\n');
    expect(at(text, 4)).toMatchObject({ kind: 'support', target: { line: 2 }, cue: '(repeats words of the point it is about)' });
    // (Without shared words the place decides: the claim.)
    const plain = suggest('Towns should build protected bike lanes.\n\nFear of traffic is what keeps most residents off their bikes.\n\nProtected lanes also cost little next to new roads.\n');
    expect(at(plain, 4)).toMatchObject({ kind: 'support', target: { line: 0 } });
  });

  it('a quote of an earlier comment is no new position: the paragraph after it answers the quoted comment', () => {
    const thread = suggest('Ana · 12 points\n\nCompute thresholds will age badly as a governance tool.\n\nBo · 8 points\n\nAgreed on the drift, but thresholds can be updated every year.\n\nAna · 5 points\n\n> thresholds can be updated\n\nEvery update that lowers the bar brings in a new set of firms to lobby against it.\n');
    expect(at(thread, 10)).toBeUndefined();
    expect(at(thread, 6)).toMatchObject({ kind: 'objection', target: { line: 2 } });
    expect(at(thread, 12)).toMatchObject({ kind: 'reply', target: { line: 6 } });
    // (A quote of words that are not in the draft is the position answered, as before.)
    const post = suggest('> Evaluations can only show that a capability is present.\n\nThat is true of single runs, but many runs can bound it.\n');
    expect(at(post, 0)).toMatchObject({ kind: 'claim' });
    expect(at(post, 2)).toMatchObject({ kind: 'objection', target: { line: 0 } });
  });

  it('a debate of user handles ("**maple_road:** …", "tern: …") is a dialogue: a turn answers the other speaker\'s, and a paragraph with no name goes on with its turn', () => {
    const text = suggest('**maple_road:** We should stop changing the clocks twice a year.\n\nThe spring switch costs everyone an hour of sleep.\n\n**tern:** The trouble is deciding which time to keep.\n\n**maple_road:** Then keep summer time all year round.\n\n**tern:** In midwinter that means dark mornings until nine.\n');
    expect(rows(text)).toEqual([
      [0, 'claim', null],
      [2, 'support', 0],
      [4, 'objection', 0],
      [6, 'reply', 4],
      [8, 'reply', 6],
    ]);
    // (A handle may open with one letter before its underscore: "r_patel".)
    const short = suggest('**dan_h:** Libraries should scrap late fines.\n\n**r_patel:** Without fines people keep the popular books for months.\n\n**dan_h:** Most libraries that scrapped fines still block your card.\n\n**r_patel:** Blocking a card takes weeks to bite.\n');
    expect(rows(short)).toEqual([
      [0, 'claim', null],
      [2, 'objection', 0],
      [4, 'reply', 2],
      [6, 'reply', 4],
    ]);
    // (Bold around a handle with an underscore is dropped, as the parser drops it from an element's text.)
    expect(scanBlocks('**maple_road:** We should stop.\n')[0].text).toBe('maple_road: We should stop.');
    expect(scanBlocks('Claim: **maple_road:** We should stop.\n')[0].text).toBe(parseDraft('Claim: **maple_road:** We should stop.\n', 'a.md').elements[0].text.replace(/^/, 'Claim: '));
  });

  it('a forum thread under handle headings with "Posted …" lines is a thread of comments; a letter\'s signature after "Yours faithfully," is no argument', () => {
    const forum = suggest('# Should the city cap holiday lets?\n\n### oldtown_resident\n\n*Posted 12 March, 08:41*\n\nThe cap should be strict, sixty nights a year at most.\n\n### Martina_V\n\n*Posted 12 March, 10:15*\n\nWithout that income I could not keep my late mother\'s flat at all.\n');
    expect(at(forum, 2)).toBeUndefined();
    expect(at(forum, 4)).toBeUndefined();
    expect(at(forum, 10)).toBeUndefined();
    expect(at(forum, 12)).toMatchObject({ kind: 'objection', target: { line: 6 } });
    const replies = suggest('Posted by marshwren\n\nVideo calls should be the default at surgeries.\n\nReply from hollyhock_rn\n\nMany patients cannot judge over a screen what a doctor needs to see.\n');
    expect(at(replies, 0)).toBeUndefined();
    expect(at(replies, 4)).toBeUndefined();
    expect(at(replies, 6)).toMatchObject({ kind: 'objection', target: { line: 2 } });
    const letter = suggest('Dear Editor,\n\nThe council should keep the number 14 bus.\n\nFor many of my neighbours it is the only way to the clinic.\n\nYours faithfully,\n\nMargaret Ellison, Low Fenwick\n');
    expect(at(letter, 4)).toMatchObject({ kind: 'support', target: { line: 2 } });
    expect(at(letter, 6)).toBeUndefined();
    expect(at(letter, 8)).toBeUndefined();
  });

  it('"Counterpoint-ish:" objects; "Quick take, …. I think …" states a claim; a line ending in a colon before a figure introduces it', () => {
    const text = suggest('Evals bound capability from below.\n\nCounterpoint-ish: a lower bound can still be the number that matters.\n');
    expect(at(text, 2)).toMatchObject({ kind: 'objection', target: { line: 0 }, cue: 'Counterpoint-ish' });
    expect(at(suggest('Quick take, not fully thought through. I think model-organism papers oversell what they show.\n'), 0)).toMatchObject({ kind: 'claim' });
    expect(at(suggest('Quick take.\n'), 0)).toBeUndefined();
    const figure = suggest('Features are a vocabulary, not a mechanism.\n\nHere is a toy illustration from a small model:\n\n![Refusal effect by feature](fig.png)\n');
    expect(at(figure, 2)).toBeUndefined();
  });

  it('"Although …, I would argue that …" in an essay\'s opening is its thesis, and the paragraph before it sets the scene', () => {
    const text = suggest('# Self-checkouts\n\nWalk into any large supermarket today and you will find rows of machines.\n\nAlthough supermarkets present them as a convenience, I would argue that self-checkouts are bad for shoppers.\n\nCustomers end up scanning and bagging for free.\n\nIn conclusion, supermarkets should limit self-checkouts.\n');
    expect(at(text, 2)).toBeUndefined();
    expect(at(text, 4)).toMatchObject({ kind: 'claim', cue: 'I would argue' });
    expect(at(text, 6)).toMatchObject({ kind: 'support', target: { line: 4 } });
    // (After a claim of the writer's own, "Although …, I think …" is no new thesis.)
    const later = suggest('Claim: Self-checkouts should be limited.\n\nAlthough they are quick, I think they shut out older shoppers.\n');
    expect(at(later, 2)?.kind).not.toBe('claim');
  });

  it('a thread quoted level in level has its bylines in the quotes; "Obvious caveat:" objects; "that\'s the real disagreement" names a crux; a conversation\'s preface and a low-confidence take\'s title are words about the text', () => {
    const nested = suggest('Ana · 20 points · 1y\n\nWeak-to-strong results show supervision can generalise.\n\n> Bo · 17 points · 1y\n>\n> The problem with this is that the concept may not be there to find.\n');
    expect(at(nested, 4)).toBeUndefined();
    expect(at(nested, 6)).toMatchObject({ kind: 'objection', target: { line: 2 } });
    expect(at(suggest('Narrow fine-tuning spills over.\n\nObvious caveat: the same coupling makes our own mistakes spread.\n'), 2)).toMatchObject({ kind: 'objection', target: { line: 0 } });
    expect(at(suggest('Steering works.\n\nIt breaks coherence.\n\nI think that\'s the real disagreement here: what we count as working.\n'), 4)).toMatchObject({ kind: 'crux' });
    expect(at(suggest('This is a lightly edited conversation between two researchers.\n\nAutomated research is the only plan that scales.\n'), 0)).toBeUndefined();
    expect(at(suggest('Low-confidence take on unlearning evals.\n\nMost unlearning papers measure the wrong thing.\n'), 0)).toBeUndefined();
  });

  it('pros and cons that end on a verdict argue for and against the verdict; the proposal described first sets the scene, a position taken first stays', () => {
    const list = suggest('# A 20 mph limit: pros and cons\n\nThe county is consulting on lowering the limit on residential roads.\n\n## Pros\n\nA pedestrian hit at 20 mph is far more likely to survive.\n\n## Cons\n\nNew signs across the town would cost a lot.\n\n## Verdict\n\nOn balance, the county should lower the limit.\n');
    expect(at(list, 2)).toBeUndefined();
    expect(at(list, 6)).toMatchObject({ kind: 'support', target: { line: 14 } });
    expect(at(list, 10)).toMatchObject({ kind: 'objection', target: { line: 14 } });
    const debate = suggest('# Should the wage rise?\n\nYes: the minimum wage should rise to two-thirds of the median.\n\n## Arguments for\n\nA full-time worker cannot afford rent.\n\n## Verdict\n\nOn balance, a smaller rise is wiser.\n');
    expect(at(debate, 6)).toMatchObject({ kind: 'support', target: { line: 2 } });
  });

  it('"A second argument is that …" is one more reason, and the evidence after it backs it; "I urge …" after a letter\'s news is its claim', () => {
    const essay = suggest('Workers should have a right to switch off.\n\nA second argument is that answering at night is unpaid work.\n\nA manager who expects replies on Sunday has the employee on call.\n');
    expect(at(essay, 2)).toMatchObject({ kind: 'support', target: { line: 0 }, cue: 'A second argument' });
    expect(at(essay, 4)).toMatchObject({ kind: 'support', target: { line: 2 } });
    const letter = suggest('Last week the council announced that most streetlights will be switched off at midnight.\n\nI urge councillors to think again before the plan goes ahead.\n\nNurses walk home through our streets after late shifts.\n');
    expect(at(letter, 0)).toBeUndefined();
    expect(at(letter, 2)).toMatchObject({ kind: 'claim', cue: 'I urge' });
    expect(at(letter, 4)).toMatchObject({ kind: 'support', target: { line: 2 } });
  });

  it('a question asked after a turn or a granted point challenges what came before; granting the answer before it answers in turn', () => {
    const thread = suggest('Ana · 12 points\n\nPretraining stories about AI shape the assistant persona.\n\nBo · 8 points\n\nThat\'s plausible as a story, but is there any evidence for it?\n');
    expect(at(thread, 6)).toMatchObject({ kind: 'objection', target: { line: 2 } });
    const post = suggest('Probes catch deception.\n\nBut they only read one position.\n\nThe probe can read every position at once.\n\nOkay, I concede the read-position point.\n');
    expect(at(post, 6)).toMatchObject({ kind: 'reply', target: { line: 4 }, cue: 'I concede' });
    // (An open question with no turn before it stays a question.)
    expect(at(suggest('Probes catch deception.\n\nDo they work on models trained against them?\n'), 2)).toMatchObject({ kind: 'question' });
  });

  it('block scan: nested items know their parent, sections split at headings and rules', () => {
    const blocks = scanBlocks('A\u00a0first para.\n\n- item one\n  - child\n\n---\n\nAfter the rule.\n');
    expect(blocks.map((b) => [b.block, b.parent, b.section])).toEqual([
      ['paragraph', -1, 0],
      ['listItem', -1, 0],
      ['listItem', 1, 0],
      ['paragraph', -1, 1],
    ]);
  });
});
