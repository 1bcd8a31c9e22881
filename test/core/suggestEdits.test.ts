/** Accepting suggestions gives the suggested graph; model replies are validated; suggestions become map items and tool JSON. */
import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../extension/core/parse/parse';
import { applyTextEdits } from '../../extension/core/features/edits';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import { suggestDraft } from '../../extension/core/suggest/suggest';
import { acceptEdits, acceptTitle, hintText } from '../../extension/core/suggest/acceptEdits';
import { modelPrompt, readModelReply } from '../../extension/core/suggest/modelReply';
import { suggestedMapItems } from '../../extension/core/suggest/suggestMap';
import { argumentSummary } from '../../extension/core/suggest/argumentJson';

function graphOf(text: string) {
  const index = new WorkspaceIndex();
  index.setDraft('a.md', text);
  return index.getGraph();
}

const edgeList = (text: string) => graphOf(text).edges.map((e) => `${e.source.slice(6)} ${e.kind} ${e.target.slice(6)}`);

describe('acceptEdits', () => {
  it('writes only the label when the markup rules already give the target', () => {
    const text = 'Claim: Evaluations catch risky models.\n\nThat said, evaluations miss the models that plan.\n';
    const all = suggestDraft(text, parseDraft(text, 'a.md'));
    const edits = acceptEdits(text, 'a.md', all, all);
    const out = applyTextEdits(text, edits);
    expect(out).toBe('Claim: Evaluations catch risky models.\n\nObjection: That said, evaluations miss the models that plan.\n');
    expect(edgeList(out)).toEqual(['that-said-evaluations-miss-the-models objects evaluations-catch-risky-models']);
  });

  it('adds a reference and an explicit id on the target when rule 3 would pick another element', () => {
    // Rule 3 gives a support the nearest claim; the suggester attaches "Because" after an objection to that objection.
    const text = 'Claim: Debate works. ^debate\n\nObjection: judges get tired.\n\nBecause hearing both sides for hours is exhausting.\n';
    const all = suggestDraft(text, parseDraft(text, 'a.md'));
    expect(all.map((s) => [s.kind, s.target?.line])).toEqual([['support', 2]]);
    const out = applyTextEdits(text, acceptEdits(text, 'a.md', all, all));
    expect(out).toBe('Claim: Debate works. ^debate\n\nObjection: judges get tired. ^judges-get-tired\n\nSupport: Because hearing both sides for hours is exhausting. [[#^judges-get-tired]]\n');
    expect(edgeList(out)).toEqual(['judges-get-tired objects debate', 'because-hearing-both-sides-for-hours supports judges-get-tired']);
  });

  it('references a target that no rule would give; an explicit id is not written again', () => {
    const text = 'Claim: Licensing slows the race. ^licensing\n\nObjection: licences get captured. ^capture\n\n## Later\n\nThat objection ignores audits by third parties.\n';
    const all = suggestDraft(text, parseDraft(text, 'a.md'));
    expect(all.map((s) => [s.kind, s.target?.line, s.cue])).toEqual([['reply', 2, 'That objection']]);
    const out = applyTextEdits(text, acceptEdits(text, 'a.md', all, all));
    expect(out).toBe(text.replace('That objection ignores audits by third parties.', 'Reply: That objection ignores audits by third parties. [[#^capture]]'));
    expect(edgeList(out)).toContain('that-objection-ignores-audits-by-third replies capture');
    const text2 = 'Evaluations catch risky models.\n\nWe have seen it twice.\n\n## Elsewhere\n\nThis is because labs test before release.\n';
    const all2 = suggestDraft(text2, parseDraft(text2, 'a.md'));
    const manual = { ...all2[2], kind: 'support' as const, target: { line: 0, text: all2[0].text, element: -1, suggestion: 0 } };
    const out2 = applyTextEdits(text2, acceptEdits(text2, 'a.md', [manual], all2));
    expect(out2).toBe('Claim: Evaluations catch risky models. ^evaluations-catch-risky-models\n\nWe have seen it twice.\n\n## Elsewhere\n\nSupport: This is because labs test before release. [[#^evaluations-catch-risky-models]]\n');
    expect(edgeList(out2)).toEqual(['this-is-because-labs-test-before supports evaluations-catch-risky-models']);
  });

  it('accepting every suggestion of a draft gives exactly the suggested edges', () => {
    const text = 'Compute governance is tractable.\n\nChips are easy to count, since few firms make them.\n\nOn the other hand, algorithms get cheaper every year.\n\nStill, thresholds can be lowered as they do.\n';
    const all = suggestDraft(text, parseDraft(text, 'a.md'));
    const out = applyTextEdits(text, acceptEdits(text, 'a.md', all, all));
    const g = graphOf(out);
    const idAt = (line: number) => g.nodes.find((n) => n.range.start.line === line)!.id;
    expect(g.nodes.length).toBe(all.length);
    for (const s of all) {
      if (!s.target) continue;
      expect(g.edges.some((e) => e.source === idAt(s.range.start.line) && e.target === idAt(s.target!.line)), s.text).toBe(true);
    }
  });

  it('titles and hints quote the target', () => {
    const text = '> Alignment is easier at lower capability levels, everyone agrees.\n\nI doubt that very much.\n';
    const all = suggestDraft(text, parseDraft(text, 'a.md'));
    expect(acceptTitle(all[1], all)).toBe('Mark as Objection (answers “Alignment is easier at lower capability…”; marks that as Claim too)');
    expect(hintText(all[1])).toBe('objection? → “Alignment is easier at lower ca…”');
  });
});

describe('readModelReply', () => {
  const text = 'Claim: Debate works.\n\nJudges get tired, though.\n\nBut tired judges still beat no judges.\n';
  const draft = parseDraft(text, 'a.md');

  it('the prompt numbers the blocks and marks the labeled ones', () => {
    const p = modelPrompt(text, draft);
    expect(p).toContain('{"block":0,"type":"paragraph","labeled":"claim","text":"Claim: Debate works."}');
    expect(p).toContain('{"block":2,"type":"paragraph","text":"But tired judges still beat no judges."}');
  });

  it('keeps valid entries and drops malformed or out-of-range ones, saying why', () => {
    const reply = 'Here you go:\n```json\n' + JSON.stringify({ suggestions: [
      { block: 1, kind: 'objection', target: 0, confidence: 0.9, cue: 'though' },
      { block: 2, kind: 'reply', target: 1, confidence: 0.8 },
      { block: 0, kind: 'claim', target: null, confidence: 0.5 },
      { block: 7, kind: 'claim', target: null, confidence: 0.5 },
      { block: 2, kind: 'rebuttal', target: 1, confidence: 0.5 },
      { block: 1, kind: 'support', target: 1, confidence: 0.5 },
      { block: 1, kind: 'support', target: 0, confidence: 1.5 },
      'nonsense',
    ] }) + '\n```';
    const { suggestions, dropped } = readModelReply(reply, text, draft);
    expect(suggestions.map((s) => [s.range.start.line, s.kind, s.target?.line ?? null, s.cue])).toEqual([
      [2, 'objection', 0, 'though'],
      [4, 'reply', 2, '(language model)'],
    ]);
    expect(suggestions[1].target).toMatchObject({ element: -1, suggestion: 0 });
    expect(dropped).toHaveLength(6);
    expect(dropped.join('\n')).toMatch(/labeled already[\s\S]*not a block number[\s\S]*rebuttal[\s\S]*another block[\s\S]*\[0, 1\][\s\S]*not an object/);
  });

  it('a reply that is not the schema gives nothing and one reason', () => {
    expect(readModelReply('I cannot help with that.', text, draft)).toEqual({ suggestions: [], dropped: ['the reply is not JSON of the form {"suggestions": [...]}'] });
  });
});

describe('map items and tool JSON', () => {
  it('suggested nodes above the threshold, with edges to elements and to other shown suggestions', () => {
    const text = 'Claim: Debate works. ^debate\n\nBut judges get tired.\n\nHowever, tired judges still beat no judges.\n';
    const draft = parseDraft(text, 'a.md');
    const { nodes, edges } = suggestedMapItems(draft, suggestDraft(text, draft), 0.5);
    expect(nodes.map((n) => [n.id, n.kind, n.suggested])).toEqual([
      ['a.md#?L2', 'objection', true],
      ['a.md#?L4', 'reply', true],
    ]);
    expect(edges.map((e) => e.id)).toEqual(['a.md#?L2|objects|a.md#^debate', 'a.md#?L4|replies|a.md#?L2']);
    expect(suggestedMapItems(draft, suggestDraft(text, draft), 0.99).nodes).toEqual([]);
  });

  it('the argument summary lists unanswered objections and suggestions of one file', () => {
    const text = 'Claim: Debate works. ^debate\n\nObjection: judges tire. ^tire\n\nObjection: debaters collude. ^collude\n\nReply: [[#^collude]] cross-examination exposes it.\n\nBut the judges are experts.\n';
    const index = new WorkspaceIndex();
    index.setDraft('a.md', text);
    index.setDraft('b.md', 'Claim: Other.\n');
    const sugg = new Map([['a.md', suggestDraft(text, index.getDraft('a.md')!)]]);
    const s = argumentSummary(index.getGraph(), 'a.md', sugg);
    expect(s.elements.map((e) => e.id)).toEqual(['a.md#^debate', 'a.md#^tire', 'a.md#^collude', 'a.md#^collude-crossexamination-exposes-it']);
    expect(s.unansweredObjections).toEqual(['a.md#^tire']);
    expect(s.suggestions).toEqual([{ file: 'a.md', line: 8, kind: 'reply', text: 'But the judges are experts.', target: { file: 'a.md', line: 6 }, confidence: expect.any(Number) }]);
    expect(argumentSummary(index.getGraph(), undefined, sugg).elements).toHaveLength(5);
  });
});
