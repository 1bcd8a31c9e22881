/** Whether to offer "Mark as…" at a place: VS Code asks for code actions whenever the cursor moves, so the answer is kept per document version and line, and the indexed draft answers where it can, without a parse. No vscode import, so it is tested on its own. */
import type { DraftElement, Position } from '../../core/model';
import { blockAt, type BlockHit } from '../../core/parse/parse';

/** What MarkAsOffers needs of a document. */
export interface OfferDocument {
  /** Identifies the document (its uri). */
  key: string;
  /** Changes with every edit (TextDocument.version). */
  version: number;
  getText(): string;
  lineText(line: number): string;
}

/** Remembers, for the document last asked about, which lines can be marked. */
export class MarkAsOffers {
  private cached: { key: string; version: number; lines: Map<number, boolean> } | undefined;
  /** How many times a block was looked up in a parse (for tests). */
  parses = 0;

  constructor(private readonly findBlock: (text: string, position: Position) => BlockHit | undefined = blockAt) {}

  /**
   * True when the position is in a paragraph, list item, quote or heading without a label.
   * `indexed` gives the elements the index holds for exactly this text, if it does.
   */
  offers(doc: OfferDocument, position: Position, indexed?: () => readonly DraftElement[] | undefined): boolean {
    if (this.cached?.key !== doc.key || this.cached.version !== doc.version) this.cached = { key: doc.key, version: doc.version, lines: new Map() };
    const lines = this.cached.lines;
    const known = lines.get(position.line);
    if (known !== undefined) return known;
    let answer: boolean;
    if (doc.lineText(position.line).trim() === '') answer = false; // no block holds a blank line
    else if (indexed?.()?.some((e) => e.range.start.line <= position.line && position.line <= e.range.end.line)) answer = false; // an element: it has a label
    else {
      this.parses++;
      const hit = this.findBlock(doc.getText(), position);
      answer = hit !== undefined && hit.label === undefined;
    }
    lines.set(position.line, answer);
    return answer;
  }
}
