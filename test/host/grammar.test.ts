/** The TextMate injection grammar, tokenized with vscode-textmate + vscode-oniguruma on sample markdown lines. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const repo = join(__dirname, '..', '..');
const INJECTION = 'markdown.cruxmap.injection';

/** A small host grammar with the scopes of VS Code's markdown grammar that the injection cares about (written for this test). */
const HOST = {
  scopeName: 'text.html.markdown',
  patterns: [
    { name: 'markup.fenced_code.block.markdown', begin: '^\\s*(```|~~~)', end: '^\\s*\\1\\s*$' },
    { name: 'markup.raw.block.markdown', match: '^(    |\\t).*$' },
    { name: 'comment.block.html', begin: '<!--', end: '-->' },
    { name: 'markup.heading.markdown', match: '^(#{1,6})\\s', captures: { 1: { name: 'punctuation.definition.heading.markdown' } } },
    { name: 'punctuation.definition.list.begin.markdown', match: '^\\s*([-*+]|\\d+[.)])(?=\\s)' },
    { name: 'markup.inline.raw.string.markdown', match: '`[^`]*`' },
  ],
};

let grammar: vsctm.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(join(repo, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      if (scope === 'text.html.markdown') return vsctm.parseRawGrammar(JSON.stringify(HOST), 'host.json');
      if (scope === INJECTION) return vsctm.parseRawGrammar(readFileSync(join(repo, 'syntaxes', 'cruxmap.injection.tmLanguage.json'), 'utf8'), 'injection.json');
      return null;
    },
    getInjections: (scope) => (scope === 'text.html.markdown' ? [INJECTION] : undefined),
  });
  grammar = (await registry.loadGrammar('text.html.markdown'))!;
});

/** Tokenizes lines and returns, for each token, its text and its innermost Crux Map scope (or the host's). */
function tokens(lines: string[]): { text: string; scopes: string[] }[][] {
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

function scopeOf(line: string, text: string, lines: string[] = [line]): string[] {
  const row = tokens(lines)[lines.indexOf(line)];
  const t = row.find((x) => x.text === text);
  if (!t) throw new Error(`no token '${text}' in ${JSON.stringify(row.map((x) => x.text))}`);
  return t.scopes;
}

describe('injection grammar', () => {
  it('is declared in package.json for markdown', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    expect(pkg.contributes.grammars).toContainEqual({ scopeName: INJECTION, path: './syntaxes/cruxmap.injection.tmLanguage.json', injectTo: ['text.html.markdown'] });
  });

  it('scopes labels by kind, plain or in emphasis, in paragraphs, list items, quotes and headings', () => {
    expect(scopeOf('Claim: scheming is central.', 'Claim')).toContain('keyword.other.label.claim.cruxmap');
    expect(scopeOf('Claim: scheming is central.', ':')).toContain('punctuation.separator.label.cruxmap');
    expect(scopeOf('- Objection: iteration helps.', 'Objection')).toContain('keyword.other.label.objection.cruxmap');
    expect(scopeOf('  - Reply: only if visible.', 'Reply')).toContain('keyword.other.label.reply.cruxmap');
    expect(scopeOf('> **Because:** ethics does not hit back.', 'Because')).toContain('keyword.other.label.support.cruxmap');
    expect(scopeOf('> **Because:** ethics does not hit back.', '**')).toContain('punctuation.definition.emphasis.cruxmap');
    expect(scopeOf('## Thesis: helpful-only models', 'Thesis')).toContain('keyword.other.label.claim.cruxmap');
    expect(scopeOf('_crux_: which is it?', 'crux')).toContain('keyword.other.label.crux.cruxmap');
    expect(scopeOf('1. Question: what would change our minds?', 'Question')).toContain('keyword.other.label.question.cruxmap');
  });

  it('does not scope a label word inside a sentence', () => {
    const row = tokens(['The claim: nothing here.'])[0];
    expect(row.flatMap((t) => t.scopes).some((s) => s.startsWith('keyword.other.label'))).toBe(false);
  });

  it('scopes wikilinks: name, id, alias', () => {
    const line = 'Objection: [[scheming-first#^central|the central claim]] is wrong.';
    expect(scopeOf(line, '[[')).toContain('punctuation.definition.link.begin.cruxmap');
    expect(scopeOf(line, 'scheming-first')).toContain('markup.underline.link.wikilink.cruxmap');
    expect(scopeOf(line, '#^')).toContain('punctuation.separator.id.cruxmap');
    expect(scopeOf(line, 'central')).toContain('constant.other.symbol.id.cruxmap');
    expect(scopeOf(line, 'the central claim')).toContain('string.other.link.title.alias.cruxmap');
    expect(scopeOf(line, ']]')).toContain('punctuation.definition.link.end.cruxmap');
  });

  it('scopes an id marker at the end of a line, and #tags', () => {
    const line = 'Claim: scheming is central #risk ^central-risk';
    expect(scopeOf(line, 'central-risk')).toContain('constant.other.symbol.id.cruxmap');
    expect(scopeOf(line, '^')).toContain('punctuation.definition.id.cruxmap');
    expect(scopeOf(line, 'risk')).toContain('entity.name.tag.topic.cruxmap');
    const mid = tokens(['a ^not-at-end of the line'])[0];
    expect(mid.flatMap((t) => t.scopes)).not.toContain('constant.other.symbol.id.cruxmap');
  });

  it('leaves code spans, fenced and indented code alone', () => {
    const lines = ['```md', 'Claim: in a fence [[x#^y]] #tag ^id', '```', '    Claim: indented code', 'Text `Claim: [[x#^y]]` end.'];
    const all = tokens(lines);
    for (const row of all) {
      const scopes = row.flatMap((t) => t.scopes);
      expect(scopes.filter((s) => s.endsWith('.cruxmap'))).toEqual([]);
    }
  });
});
