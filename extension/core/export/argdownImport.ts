/** importArgdown: an Argdown file (statements, arguments, relations, titles, tags) as one Crux Map draft with explicit ids. */
import { ArgdownApplication, DataPlugin, ModelPlugin, ParserPlugin, RelationType, type IArgdownResponse, type IArgument, type IEquivalenceClass, type IRelation } from '@argdown/core';
import type { ElementKind } from '../model';
import { ELEMENT_KINDS } from '../model';
import { escapeMarkdownText } from './escape';

/** What an import produced: the draft's text, and what could not be carried over exactly. */
export interface ArgdownImport {
  text: string;
  /** One line each: parse errors (with their 1-based line) and relations the markup cannot express as written. */
  warnings: string[];
  elements: number;
  edges: number;
  /** The explicit id each Argdown title (statement, or argument without premises) got in the draft. */
  ids: Record<string, string>;
}

interface Item {
  key: string;
  title: string;
  text: string;
  kind?: ElementKind;
  /** Crux Map data carried by an export: the element's id and file. */
  id?: string;
  file?: string;
  line: number;
  targets: { to: string; type: RelationType }[];
  /** Premise-conclusion structures flattened to supports of the argument's conclusions. */
  isPremise?: boolean;
}

const LABEL: Record<ElementKind, string> = { claim: 'Claim', support: 'Support', objection: 'Objection', reply: 'Reply', crux: 'Crux', question: 'Question' };
const ID = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const WIKILINK = /!?\[\[([^[\]\n]*?)\]\]/g;

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'element'
  );
}

function parse(text: string): IArgdownResponse {
  const app = new ArgdownApplication();
  app.addPlugin(new ParserPlugin(), 'parse-input');
  app.addPlugin(new DataPlugin(), 'build-model');
  app.addPlugin(new ModelPlugin(), 'build-model');
  // Argdown logs through its own logger only when asked; nothing is printed.
  return app.run({ input: text, process: ['parse-input', 'build-model'], logLevel: 'none' } as never);
}

/**
 * Reads Argdown text and writes a Crux Map draft. Each statement (equivalence class) and
 * each argument without a premise-conclusion structure becomes an element with an
 * explicit id (its Crux Map id when the file is a Crux Map export, else the slug of its
 * title); an argument's premises support its conclusion (an intermediary conclusion
 * supports the next one), and the argument's own relations are its main conclusion's.
 * Relations: `+` and entailment support, `-`, `_`, contradiction and contrariety object
 * (a reply when the target itself objects). An element with one target and no reference
 * in its text is nested under it (the container rule); one with several gets references.
 * Never throws: Argdown's errors become warnings and what parsed is written.
 */
export function importArgdown(source: string): ArgdownImport {
  const warnings: string[] = [];
  let response: IArgdownResponse;
  try {
    response = parse(source);
  } catch (e) {
    return { text: '', warnings: [`Argdown could not be read: ${(e as Error).message}`], elements: 0, edges: 0, ids: {} };
  }
  for (const e of [...(response.lexerErrors ?? []), ...(response.parserErrors ?? [])] as { message: string; line?: number; token?: { startLine?: number } }[]) {
    warnings.push(`line ${e.line ?? e.token?.startLine ?? '?'}: ${e.message}`);
  }
  const items = new Map<string, Item>();
  const statementKey = (title: string) => `s:${title}`;
  const argumentTarget = new Map<string, string>();
  for (const ec of Object.values(response.statements ?? {}) as IEquivalenceClass[]) {
    const member = ec.members.find((m) => (m.text ?? '').trim() !== '') ?? ec.members[0];
    items.set(statementKey(ec.title!), itemOf(statementKey(ec.title!), ec.title!, member?.text ?? '', ec.data, member?.startLine ?? ec.startLine ?? 0));
  }
  const prose: string[] = [];
  for (const arg of Object.values(response.arguments ?? {}) as IArgument[]) {
    const description = (arg.members.find((m) => (m.text ?? '').trim() !== '')?.text ?? '').trim();
    if (arg.pcs && arg.pcs.length > 0) {
      // Flattened: each inference's premises (and the conclusion before them) support its conclusion.
      let premises: string[] = [];
      for (const s of arg.pcs) {
        const key = statementKey(s.title!);
        const item = items.get(key);
        if (!item) continue;
        if (s.role === 'premise') {
          premises.push(key);
          continue;
        }
        for (const p of premises) {
          const premise = items.get(p)!;
          premise.isPremise = true;
          if (!premise.targets.some((t) => t.to === key)) premise.targets.push({ to: key, type: RelationType.SUPPORT });
        }
        premises = [key];
      }
      const main = arg.pcs[arg.pcs.length - 1];
      argumentTarget.set(arg.title!, statementKey(main.title!));
      if (description) prose.push(`*Argument ${escapeMarkdownText(arg.title!)}: ${escapeMarkdownText(description)}*`);
    } else {
      const key = `a:${arg.title}`;
      argumentTarget.set(arg.title!, key);
      items.set(key, itemOf(key, arg.title!, description || arg.title!, arg.data, arg.startLine ?? 0));
    }
  }
  const keyOf = (node: IRelation['from']): string | undefined => {
    if (!node) return undefined;
    const n = node as { type?: string; title?: string; argumentTitle?: string };
    if (n.type === 'argument') return argumentTarget.get(n.title!);
    if (n.type === 'inference') return n.argumentTitle !== undefined ? argumentTarget.get(n.argumentTitle) : undefined;
    return n.title !== undefined ? statementKey(n.title) : undefined;
  };
  for (const r of (response.relations ?? []) as IRelation[]) {
    const from = keyOf(r.from);
    const to = keyOf(r.to);
    if (!from || !to || !items.has(from) || !items.has(to) || from === to) continue;
    const item = items.get(from)!;
    if (!item.targets.some((t) => t.to === to)) item.targets.push({ to, type: r.relationType });
  }

  // Kinds: an export's data says; else supports are supports, attacks objections (replies when the target attacks too), the rest claims.
  const attacks = (t: RelationType) => t !== RelationType.SUPPORT && t !== RelationType.ENTAILS;
  for (const item of items.values()) {
    if (item.kind) continue;
    if (item.targets.length === 0) item.kind = 'claim';
    else if (item.targets.every((t) => !attacks(t.type))) item.kind = 'support';
  }
  for (const item of items.values()) {
    if (item.kind) continue;
    const attacked = item.targets.find((t) => attacks(t.type));
    const target = attacked && items.get(attacked.to);
    item.kind = target && target.targets.some((t) => attacks(t.type)) && target.kind !== 'support' ? 'reply' : 'objection';
  }

  // Ids: the exported one when it is free, else the title's slug; -2, -3… on collision.
  const ids = new Map<string, string>();
  const used = new Set<string>();
  const byOrigin = new Map<string, string>();
  for (const item of items.values()) {
    const base = item.id && ID.test(item.id) ? item.id : slug(item.title);
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
    used.add(id);
    ids.set(item.key, id);
    if (item.id && item.file) byOrigin.set(`${item.file.replace(/\.(md|markdown)$/i, '')}#${item.id}`, id);
  }

  const keyById = new Map([...ids].map(([key, id]) => [id, key]));
  // Texts: references an export carried are pointed at the new ids; unknown element references stay; file references and embeds become words.
  const texts = new Map<string, string>();
  const inText = new Map<string, Set<string>>();
  for (const item of items.values()) {
    const refs = new Set<string>();
    const fromFile = item.file?.replace(/\.(md|markdown)$/i, '');
    let out = '';
    let at = 0;
    const raw = item.text.replace(/#\(([^)]*)\)/g, (_, t: string) => `#${t.trim().replace(/\s+/g, '-')}`).trim();
    WIKILINK.lastIndex = 0;
    for (let m = WIKILINK.exec(raw); m; m = WIKILINK.exec(raw)) {
      out += escapeMarkdownText(raw.slice(at, m.index));
      at = m.index + m[0].length;
      const [link, alias] = m[1].split('|', 2);
      const hash = link.indexOf('#^');
      const name = hash >= 0 ? link.slice(0, hash).trim() : link.trim();
      const target = hash >= 0 ? byOrigin.get(`${name || fromFile}#${link.slice(hash + 2).trim()}`) ?? byOrigin.get(`${lastSegmentMatch(byOrigin, name, link.slice(hash + 2).trim())}`) : undefined;
      if (target && !m[0].startsWith('!')) {
        out += `[[#^${target}${alias !== undefined ? `|${alias}` : ''}]]`;
        const key = keyById.get(target);
        if (key) refs.add(key);
      } else if (hash >= 0 && !m[0].startsWith('!')) {
        // An element reference that named nothing in the export stays as written: it dangled before and dangles still (and decides the edges, as before).
        out += m[0];
      } else out += escapeMarkdownText(alias ?? link);
    }
    out += escapeMarkdownText(raw.slice(at));
    // Tags stay tags: the escape above leaves '#' alone.
    texts.set(item.key, out || escapeMarkdownText(item.title));
    inText.set(item.key, refs);
  }

  // Structure: one target and no reference in the text -> nested under the target; else references for targets the text lacks.
  const parent = new Map<string, string>();
  const extraRefs = new Map<string, string[]>();
  const isAncestor = (a: string, b: string) => {
    for (let p: string | undefined = b; p !== undefined; p = parent.get(p)) if (p === a) return true;
    return false;
  };
  let edgeCount = 0;
  for (const item of items.values()) {
    const refs = inText.get(item.key)!;
    const targets = item.targets.map((t) => t.to);
    edgeCount += targets.length;
    if (targets.length === 1 && refs.size === 0 && item.kind !== 'crux' && !isAncestor(item.key, targets[0])) {
      parent.set(item.key, targets[0]);
      continue;
    }
    const missing = targets.filter((t) => !refs.has(t));
    if (item.kind === 'claim' && missing.length > 0) warnings.push(`[${item.title}]: a claim's references are mentions in Crux Map, not supports`);
    if (missing.length) extraRefs.set(item.key, missing);
    const kinds = new Set(item.targets.map((t) => (attacks(t.type) ? 'attack' : 'support')));
    if (kinds.size > 1) warnings.push(`[${item.title}]: both supports and attacks; in Crux Map every edge of a ${item.kind} is ${item.kind === 'support' ? 'a support' : 'an attack'}`);
  }
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const key of items.keys()) {
    const p = parent.get(key);
    if (p) (children.get(p) ?? children.set(p, []).get(p)!).push(key);
    else roots.push(key);
  }
  const lineOf = (key: string, depth: number) => {
    const item = items.get(key)!;
    const refs = (extraRefs.get(key) ?? []).map((t) => ` [[#^${ids.get(t)}]]`).join('');
    return `${'  '.repeat(depth)}- ${LABEL[item.kind!]}: ${texts.get(key)}${refs} ^${ids.get(key)}`;
  };
  const write = (key: string, depth: number, out: string[]) => {
    out.push(lineOf(key, depth));
    for (const c of children.get(key) ?? []) write(c, depth + 1, out);
  };
  // Elements with no target other than claims would take the nearest claim before them (rule 3): they go last, in a section of their own.
  const loose = (key: string) => items.get(key)!.kind !== 'claim' && items.get(key)!.targets.length === 0;
  const body: string[] = [];
  for (const r of roots.filter((k) => !loose(k))) write(r, 0, body);
  const tail: string[] = [];
  for (const r of roots.filter(loose)) write(r, 0, tail);
  const title = (response as { frontMatter?: { title?: unknown } }).frontMatter?.title;
  const lines = ['---', `title: ${JSON.stringify(typeof title === 'string' ? title : 'Imported from Argdown')}`, '---', ''];
  if (prose.length) lines.push(...prose.flatMap((p) => [p, '']));
  lines.push(...body);
  // A heading (no element) ends the section, so these never take a claim above them as their target (rule 3).
  if (tail.length) lines.push('', '## Not yet answering anything', '', ...tail);
  lines.push('');
  return { text: lines.join('\n'), warnings, elements: items.size, edges: edgeCount, ids: Object.fromEntries([...items.values()].map((i) => [i.title, ids.get(i.key)!])) };

  function itemOf(key: string, title: string, text: string, data: unknown, line: number): Item {
    const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
    const kind = typeof d.kind === 'string' && (ELEMENT_KINDS as readonly string[]).includes(d.kind) ? (d.kind as ElementKind) : undefined;
    return {
      key,
      title,
      text: text.trim(),
      kind,
      id: typeof d.id === 'string' ? d.id : undefined,
      file: typeof d.file === 'string' ? d.file : undefined,
      line,
      targets: [],
    };
  }
}

/** A wikilink name may be a shorter path than the file's (`renormalization` for `interp/renormalization`): the unique origin that ends with it. */
function lastSegmentMatch(byOrigin: Map<string, string>, name: string, id: string): string | undefined {
  if (!name) return undefined;
  const found = [...byOrigin.keys()].filter((k) => k.endsWith(`/${name}#${id}`));
  return found.length === 1 ? found[0] : undefined;
}
