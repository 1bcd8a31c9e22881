/** The one place where core positions and ranges become vscode ones, and back. */
import * as vscode from 'vscode';
import type { Position, Range } from '../core/model';

export function toVsPosition(p: Position): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function fromVsPosition(p: vscode.Position): Position {
  return { line: p.line, character: p.character };
}

export function fromVsRange(r: vscode.Range): Range {
  return { start: fromVsPosition(r.start), end: fromVsPosition(r.end) };
}
