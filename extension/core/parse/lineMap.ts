/** Offsets <-> 0-based line/character positions for a text, with \n, \r\n and \r line endings. */
import type { Position } from '../model';

export interface LineMap {
  /** Start offset of each line. */
  readonly starts: readonly number[];
  /** The position of an offset; an offset inside a \r\n pair maps to the end of its line. */
  position(offset: number): Position;
  /** The offset of a position, clamped to the text. */
  offset(position: Position): number;
  /** Length of a line without its line ending. */
  lineLength(line: number): number;
}

/** Builds the line table of a text once (or takes the line starts a caller already has); lookups are O(log lines). */
export function createLineMap(text: string, knownStarts?: number[]): LineMap {
  let starts: number[];
  if (knownStarts) starts = knownStarts;
  else if (!text.includes('\r')) {
    // Only \n: found with indexOf, much faster than a loop over every character.
    starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  } else {
    starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
  }
  const lineEnd = (line: number) => {
    let end = line + 1 < starts.length ? starts[line + 1] : text.length;
    if (end > starts[line] && line + 1 < starts.length) {
      end--;
      if (text.charCodeAt(end) === 10 && end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
    }
    return end;
  };
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    starts,
    position(offset) {
      const o = Math.max(0, Math.min(offset, text.length));
      const line = lineOf(o);
      return { line, character: Math.min(o, lineEnd(line)) - starts[line] };
    },
    offset(p) {
      if (p.line < 0) return 0;
      if (p.line >= starts.length) return text.length;
      return starts[p.line] + Math.max(0, Math.min(p.character, lineEnd(p.line) - starts[p.line]));
    },
    lineLength(line) {
      return line < 0 || line >= starts.length ? 0 : lineEnd(line) - starts[line];
    },
  };
}
