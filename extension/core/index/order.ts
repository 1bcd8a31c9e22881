/** The orders the index sorts its output by (code units and positions, never locale), so every run gives the same output. */
import type { Position } from '../model';

/** Code-unit order of strings (not locale order), for deterministic output. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Document order of positions. */
export function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
