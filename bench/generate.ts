/** Generates realistic argument drafts for benchmarks: claims with supports, objections, replies, cross-file cruxes. */

/** One draft with `elements` elements (a claim heading per 10 elements, nested objections and replies, a cross-file crux). */
export function generateDraft(i: number, files: number, elements: number): string {
  const lines = ['---', `title: Draft ${i}`, `topics: [topic-${i % 7}, bench]`, '---', ''];
  let n = 0;
  let section = 0;
  while (n < elements) {
    lines.push(`## Claim: Claim ${section} of draft ${i} says something about scheming and oversight. ^c${section}`, '');
    n++;
    for (let k = 0; k < 8 && n < elements; k++, n++) {
      if (k % 4 === 0) lines.push(`- Support: reason ${k} for claim ${section}, with evidence from the literature #evidence`);
      else if (k % 4 === 1) lines.push(`- Objection: objection ${k} to claim ${section} in draft ${i}. ^o${section}-${k}`);
      else if (k % 4 === 2) lines.push(`  - Reply: a reply to objection ${k - 1} that restates the point.`);
      else lines.push(`- Question: open question ${k} about claim ${section}?`);
    }
    lines.push('');
    if (n < elements) {
      lines.push(`Crux: does claim ${section} hold? [[#^c${section}]] vs [[d${(i + 1) % files}#^c${section}]]`, '');
      n++;
    }
    section++;
  }
  return lines.join('\n');
}

/** A workspace of `files` drafts with `perFile` elements each, as path -> text. */
export function generateWorkspace(files: number, perFile: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < files; i++) out.set(`d${i}.md`, generateDraft(i, files, perFile));
  return out;
}
