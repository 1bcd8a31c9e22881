/** Codicons and theme colours by element kind, for tree views and Quick Picks. */
import * as vscode from 'vscode';
import type { ElementKind } from '../core/model';

/** Codicons by element kind, with theme chart colours. */
export const KIND_ICONS: Record<ElementKind, { icon: string; color: string }> = {
  claim: { icon: 'lightbulb', color: 'charts.blue' },
  support: { icon: 'pass', color: 'charts.green' },
  objection: { icon: 'circle-slash', color: 'charts.red' },
  reply: { icon: 'reply', color: 'charts.orange' },
  crux: { icon: 'git-compare', color: 'charts.purple' },
  question: { icon: 'question', color: 'charts.yellow' },
};

export function kindIcon(kind: ElementKind): vscode.ThemeIcon {
  return new vscode.ThemeIcon(KIND_ICONS[kind].icon, new vscode.ThemeColor(KIND_ICONS[kind].color));
}
