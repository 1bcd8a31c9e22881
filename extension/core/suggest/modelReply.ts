/** The language-model path, pure parts: the prompt that sends a draft's blocks, and the validation of the model's reply into suggestions (malformed or out-of-range entries dropped, each said). */
import type { Draft, ElementKind } from '../model';
import { ELEMENT_KINDS } from '../model';
import { scanBlocks, type ProseBlock } from './blocks';
import type { Suggestion } from './suggest';

/** The blocks a model is asked about: the unlabeled ones, numbered from 0 in source order. */
export function modelBlocks(text: string, draft: Draft): { blocks: ProseBlock[]; labeled: boolean[] } {
  const blocks = scanBlocks(text);
  const lines = new Set(draft.elements.map((e) => e.range.start.line));
  return { blocks, labeled: blocks.map((b) => lines.has(b.range.start.line)) };
}

/** The prompt: the schema, the kinds, and the draft's blocks as numbered JSON lines (labeled ones with their kind, for context). */
export function modelPrompt(text: string, draft: Draft): string {
  const { blocks, labeled } = modelBlocks(text, draft);
  const byLine = new Map(draft.elements.map((e) => [e.range.start.line, e.kind]));
  const lines = blocks.map((b, i) => JSON.stringify({ block: i, type: b.block, ...(labeled[i] ? { labeled: byLine.get(b.range.start.line) } : {}), text: b.text.slice(0, 600) }));
  return [
    'You map the argument of a markdown draft. Each block below is a paragraph, list item, quote paragraph or heading.',
    'For each block WITHOUT a "labeled" field that makes an argumentative move, say its kind: claim (a position), support (a reason or example for its target),',
    'objection (against a claim), reply (answers an objection or reply), question (an open question about its target), crux (what a disagreement turns on; rare).',
    'Give its target: the number of the block it supports, objects to, answers or asks about (any block, labeled or not), or null.',
    'Skip blocks that are not part of the argument. Answer with JSON only, exactly:',
    '{"suggestions":[{"block":0,"kind":"claim","target":null,"confidence":0.8,"cue":"the words that decided it"}]}',
    '',
    'Blocks:',
    ...lines,
  ].join('\n');
}

/** The JSON object in a model's answer: the whole text, or the first `{…}` in it (models wrap JSON in prose or code fences). */
function jsonIn(reply: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(reply);
  const body = fenced ? fenced[1] : reply;
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    return JSON.parse(body.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

/**
 * Validates a model's reply against the draft: each entry must name an unlabeled block by
 * number, a known kind, a target block other than itself or null, and a confidence in [0, 1].
 * Entries that do not are dropped, each with a reason in `dropped`; a reply that is not the
 * schema at all gives no suggestions and one reason. The first entry for a block wins.
 */
export function readModelReply(reply: string, text: string, draft: Draft): { suggestions: Suggestion[]; dropped: string[] } {
  const { blocks, labeled } = modelBlocks(text, draft);
  const dropped: string[] = [];
  const data = jsonIn(reply);
  const list = data && typeof data === 'object' && Array.isArray((data as { suggestions?: unknown }).suggestions) ? ((data as { suggestions: unknown[] }).suggestions) : undefined;
  if (!list) return { suggestions: [], dropped: ['the reply is not JSON of the form {"suggestions": [...]}'] };
  const elementAt = new Map(draft.elements.map((e, i) => [e.range.start.line, i]));
  const chosen = new Map<number, { kind: ElementKind; target: number | null; confidence: number; cue: string }>();
  list.forEach((raw, n) => {
    const e = raw as Record<string, unknown>;
    const why = (reason: string) => dropped.push(`entry ${n + 1}: ${reason}`);
    if (!e || typeof e !== 'object') return why('not an object');
    const block = e.block;
    if (typeof block !== 'number' || !Number.isInteger(block) || block < 0 || block >= blocks.length) return why(`block ${JSON.stringify(block)} is not a block number (0-${blocks.length - 1})`);
    if (labeled[block]) return why(`block ${block} is labeled already`);
    if (typeof e.kind !== 'string' || !ELEMENT_KINDS.includes(e.kind as ElementKind)) return why(`kind ${JSON.stringify(e.kind)} is not one of ${ELEMENT_KINDS.join(', ')}`);
    const target = e.target;
    if (target !== null && target !== undefined && (typeof target !== 'number' || !Number.isInteger(target) || target < 0 || target >= blocks.length || target === block)) return why(`target ${JSON.stringify(target)} is not another block's number`);
    const confidence = e.confidence;
    if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)) return why(`confidence ${JSON.stringify(confidence)} is not in [0, 1]`);
    if (chosen.has(block)) return why(`block ${block} was answered before`);
    chosen.set(block, { kind: e.kind as ElementKind, target: typeof target === 'number' ? target : null, confidence, cue: typeof e.cue === 'string' && e.cue.trim() ? e.cue.trim().slice(0, 80) : '(language model)' });
  });
  const order = [...chosen.keys()].sort((a, b) => a - b);
  const index = new Map(order.map((b, i) => [b, i]));
  const suggestions: Suggestion[] = order.map((bi) => {
    const c = chosen.get(bi)!;
    const b = blocks[bi];
    return { range: b.range, contentStart: b.contentStart, block: b.block, kind: c.kind, text: b.text, target: null, confidence: c.confidence, cue: c.cue };
  });
  order.forEach((bi, i) => {
    const t = chosen.get(bi)!.target;
    if (t === null) return;
    const tb = blocks[t];
    const el = elementAt.get(tb.range.start.line) ?? -1;
    const sug = index.get(t) ?? -1;
    if (el < 0 && sug < 0) {
      dropped.push(`block ${bi}: target ${t} is neither an element nor a suggested block; kept without a target`);
      return;
    }
    suggestions[i].target = { line: tb.range.start.line, text: el >= 0 ? draft.elements[el].text : tb.text, element: el, suggestion: el >= 0 ? -1 : sug };
  });
  return { suggestions, dropped };
}

/**
 * Carries suggestions made for an earlier text over to the current one: each goes to the
 * unlabeled block with the same text (the first one not taken), its target to the block or
 * element with the target's text. Suggestions whose block is gone or labeled now are dropped.
 */
export function reanchorSuggestions(previous: readonly Suggestion[], text: string, draft: Draft): Suggestion[] {
  const { blocks, labeled } = modelBlocks(text, draft);
  const free = new Map<string, number[]>();
  blocks.forEach((b, i) => {
    if (labeled[i]) return;
    free.set(b.text, [...(free.get(b.text) ?? []), i]);
  });
  const placed: { s: Suggestion; block: number }[] = [];
  for (const s of previous) {
    const list = free.get(s.text);
    if (!list || list.length === 0) continue;
    placed.push({ s, block: list.shift()! });
  }
  placed.sort((a, b) => a.block - b.block);
  const out: Suggestion[] = placed.map(({ s, block }) => ({ ...s, range: blocks[block].range, contentStart: blocks[block].contentStart, block: blocks[block].block, target: null }));
  const byText = new Map(out.map((s, i) => [s.text, i]));
  placed.forEach(({ s }, i) => {
    if (!s.target) return;
    const el = draft.elements.findIndex((e) => e.text === s.target!.text);
    if (el >= 0) out[i].target = { line: draft.elements[el].range.start.line, text: draft.elements[el].text, element: el, suggestion: -1 };
    else if (byText.has(s.target.text)) {
      const j = byText.get(s.target.text)!;
      if (j !== i) out[i].target = { line: out[j].range.start.line, text: out[j].text, element: -1, suggestion: j };
    }
  });
  return out;
}
