/** Scores the suggester against annotated drafts: each `name.md` with a `name.gold` beside it (one line a block: kind, `-> N` for the 1-based block it targets, `none`, or `=` for a labeled block). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDraft } from '../extension/core/parse/parse';
import { scanBlocks } from '../extension/core/suggest/blocks';
import { suggestDraft } from '../extension/core/suggest/suggest';

export interface GoldUnit {
  kind: string;
  /** 0-based index of the target block, or -1. */
  target: number;
}

export interface Scores {
  drafts: number;
  units: number;
  perKind: Record<string, { precision: number; recall: number; f1: number; gold: number; predicted: number }>;
  macroF1: number;
  /** Among units with a gold target: the predicted target is that block. */
  attachment: number;
  /** Among units whose gold kind was predicted: target right too (null for null). */
  attachmentWhenKindRight: number;
  threshold: number;
  /** Share of units that get a suggestion at the threshold. */
  coverage: number;
  /** Share of the suggestions shown at the threshold whose kind is right. */
  precisionShown: number;
  /** ... whose kind and target are both right. */
  precisionShownWithTarget: number;
  mismatches: string[];
  errors: string[];
}

const KINDS = ['claim', 'support', 'objection', 'reply', 'question', 'crux'];

/** Reads the gold of one draft; throws on a malformed line. */
export function readGold(text: string): GoldUnit[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(=|none|claim|support|objection|reply|question|crux)(?:\s*->\s*(\d+))?$/.exec(l);
      if (!m) throw new Error(`bad gold line '${l}'`);
      return { kind: m[1], target: m[2] ? Number(m[2]) - 1 : -1 };
    });
}

/** Lists the annotated drafts in a folder. */
export function annotated(dir: string): Annotated[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const goldFile = join(dir, f.replace(/\.md$/, '.gold'));
      // (A draft whose gold is not written yet, as while a batch is being annotated, is scored as skipped, and said so.)
      const missing = !existsSync(goldFile);
      return { name: f, text: readFileSync(join(dir, f), 'utf8'), gold: missing ? [] : readGold(readFileSync(goldFile, 'utf8')), missingGold: missing || undefined };
    });
}

/** One annotated draft: its text and its gold (`missingGold` when it has no .gold file yet). */
export interface Annotated {
  name: string;
  text: string;
  gold: GoldUnit[];
  missingGold?: boolean;
}

/** Scores the suggester on annotated drafts, at min-confidence 0 and at a threshold. */
export function evaluate(sets: Annotated[], threshold: number): Scores {
  const tp: Record<string, number> = {};
  const fp: Record<string, number> = {};
  const fn: Record<string, number> = {};
  let units = 0;
  let withTarget = 0;
  let attached = 0;
  let kindRight = 0;
  let kindAndTarget = 0;
  let shown = 0;
  let shownRight = 0;
  let shownRightTarget = 0;
  const mismatches: string[] = [];
  const errors: string[] = [];
  for (const { name, text, gold, missingGold } of sets) {
    if (missingGold) {
      mismatches.push(`${name}: no .gold file`);
      continue;
    }
    const blocks = scanBlocks(text);
    if (blocks.length !== gold.length) {
      mismatches.push(`${name}: ${blocks.length} blocks, ${gold.length} gold lines`);
      continue;
    }
    const draft = parseDraft(text, name);
    const byLine = new Map(suggestDraft(text, draft).map((s) => [s.range.start.line, s]));
    gold.forEach((g, i) => {
      if (g.kind === '=') return;
      units++;
      const s = byLine.get(blocks[i].range.start.line);
      const predicted = s?.kind ?? 'none';
      const goldLine = g.target >= 0 ? blocks[g.target].range.start.line : -1;
      const predictedLine = s?.target ? s.target.line : -1;
      if (predicted === g.kind) tp[g.kind] = (tp[g.kind] ?? 0) + 1;
      else {
        if (predicted !== 'none') fp[predicted] = (fp[predicted] ?? 0) + 1;
        if (g.kind !== 'none') fn[g.kind] = (fn[g.kind] ?? 0) + 1;
      }
      if (g.target >= 0) {
        withTarget++;
        if (predictedLine === goldLine) attached++;
      }
      if (predicted === g.kind && g.kind !== 'none') {
        kindRight++;
        if (predictedLine === goldLine) kindAndTarget++;
      }
      if (s && s.confidence >= threshold) {
        shown++;
        if (predicted === g.kind) {
          shownRight++;
          if (predictedLine === goldLine) shownRightTarget++;
        }
      }
      if (predicted !== g.kind || predictedLine !== goldLine) {
        errors.push(`${name}#${i + 1}: gold ${g.kind}${g.target >= 0 ? `->${g.target + 1}` : ''}, got ${predicted}${s?.target ? `->${blocks.findIndex((b) => b.range.start.line === s.target!.line) + 1}` : ''} ${s ? `${s.confidence} [${s.cue}]` : ''} | ${blocks[i].text.slice(0, 70)}`);
      }
    });
  }
  const perKind: Scores['perKind'] = {};
  const f1s: number[] = [];
  for (const k of KINDS) {
    const t = tp[k] ?? 0;
    const gold = t + (fn[k] ?? 0);
    const predicted = t + (fp[k] ?? 0);
    if (gold === 0 && predicted === 0) continue;
    const precision = predicted ? t / predicted : 0;
    const recall = gold ? t / gold : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perKind[k] = { precision, recall, f1, gold, predicted };
    // Over every kind in the gold or the predictions (as scikit-learn's macro average): predicting a kind the gold never has costs.
    f1s.push(f1);
  }
  return {
    drafts: sets.length,
    units,
    perKind,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    attachment: withTarget ? attached / withTarget : 0,
    attachmentWhenKindRight: kindRight ? kindAndTarget / kindRight : 0,
    threshold,
    coverage: units ? shown / units : 0,
    precisionShown: shown ? shownRight / shown : 0,
    precisionShownWithTarget: shown ? shownRightTarget / shown : 0,
    mismatches,
    errors,
  };
}
