/** End to end: the packaged extension in a real VS Code (code-server) driven by Chromium, as a writer uses it. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { parseDraft } from '../../extension/core/parse/parse';
import { cachedPaths, contentHash } from '../../extension/node/cache/parseCache';
import { corpus } from '../../bench/corpus';
import { activeTab, cursorPosition, e2eUnavailable, extensionLog, findParseCache, gotoLine, nodeCount, openFile, openMap, pick, readWorkspaceFile, resetWorkspace, writeWorkspaceFile, runCommand, screenshot, startSession, stopSession, type Session, runStep } from '../support/workbench';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`\n*** END-TO-END TESTS SKIPPED: ${unavailable} ***\n`);

// CI (.ci/run) installs Chromium and code-server's prerequisites: there a missing prerequisite is a failure, not a skip.
if (unavailable !== undefined && process.env.CI) {
  describe('end-to-end prerequisites on CI', () => {
    it('code-server and Chromium are available', () => {
      throw new Error(`end-to-end tests cannot run on CI: ${unavailable}`);
    });
  });
}

describe.skipIf(unavailable !== undefined)('Crux Map in code-server', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  }, 240_000);
  afterAll(async () => stopSession(s));
  beforeEach(async () => {
    if (s) await resetWorkspace(s);
  }, 30_000);

  const step = (name: string, body: () => Promise<void>) => runStep(s, name, body);

  /** Moves the sash between the two editor groups by dx pixels. */
  async function dragEditorSash(dx: number): Promise<void> {
    const box = await s.page.evaluate(() => {
      const sashes = [...document.querySelectorAll('.part.editor .monaco-sash.vertical')] as HTMLElement[];
      const visible = sashes.map((e) => e.getBoundingClientRect()).filter((r) => r.height > 200 && r.width > 0);
      const r = visible[0];
      return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : undefined;
    });
    if (!box) return;
    await s.page.mouse.move(box.x, box.y);
    await s.page.mouse.down();
    await s.page.mouse.move(box.x + dx, box.y, { steps: 8 });
    await s.page.mouse.up();
  }

  /** Saves files one by one through their editors. */
  async function saveFiles(paths: string[]): Promise<void> {
    for (const p of paths) {
      await openFile(s.page, p);
      await s.page.keyboard.press('Control+S');
    }
  }

  it('opens the argument map beside a draft with the draft\'s node count', async () => {
    await step('open-map', async () => {
      const frame = await openMap(s.page, 'scheming-first.md');
      const expected = parseDraft(readWorkspaceFile(s, 'scheming-first.md'), 'scheming-first.md').elements.length;
      await frame.waitForFunction((n) => Number(document.getElementById('map')!.dataset.nodeCount) === n, expected, { timeout: 15_000 });
      expect(await nodeCount(frame)).toBe(expected);
      // The README's picture: the map beside the draft, without the side bar.
      await runCommand(s.page, 'View: Toggle Primary Side Bar Visibility');
      await runCommand(s.page, 'View: Focus First Editor Group');
      await runCommand(s.page, 'View: Toggle Word Wrap');
      await dragEditorSash(-180);
      await s.page.waitForTimeout(500);
      await frame.locator('#fit').click();
      await s.page.waitForTimeout(300);
      await screenshot(s.page, 'readme-map-beside-draft');
      await runCommand(s.page, 'View: Focus First Editor Group');
      await runCommand(s.page, 'View: Toggle Word Wrap');
      await runCommand(s.page, 'View: Toggle Primary Side Bar Visibility');
    });
  }, 120_000);

  it('clicking a node moves the editor cursor to that element', async () => {
    await step('click-node', async () => {
      const frame = await openMap(s.page, 'scheming-first.md');
      const draft = parseDraft(readWorkspaceFile(s, 'scheming-first.md'), 'scheming-first.md');
      const target = draft.elements.find((e) => e.localId === 'control-ceiling')!;
      const id = `scheming-first.md#^${target.localId}`;
      const pos = await frame.evaluate((i) => {
        const p = (window as any).cruxmapDebug.renderedPosition(i);
        const r = document.getElementById('map')!.getBoundingClientRect();
        return { x: p.x - r.left, y: p.y - r.top };
      }, id);
      await frame.locator('#map').click({ position: pos });
      await expect.poll(async () => (await cursorPosition(s.page))?.line, { timeout: 10_000 }).toBe(target.range.start.line + 1);
    });
  }, 60_000);

  it('typing a new Objection under a claim adds its node within 2 s without moving the others', async () => {
    try {
      await step('type-objection', async () => {
        const frame = await openMap(s.page, 'scheming-first.md');
        await frame.waitForFunction(() => Object.keys((window as any).cruxmapDebug.positions()).length > 0);
        await openFile(s.page, 'scheming-first.md');
        const before = await nodeCount(frame);
        const positions = await frame.evaluate(() => (window as any).cruxmapDebug.positions());
        // A new top-level item of the first claim's list, before "- Objection: non-scheming failures …".
        const lines = readWorkspaceFile(s, 'scheming-first.md').split('\n');
        const at = lines.findIndex((l) => l.startsWith('- Objection: non-scheming failures')) + 1;
        // Open an empty line first, so the existing items are never merged with half-typed text.
        await gotoLine(s.page, at, 1);
        await s.page.keyboard.press('Enter');
        await s.page.keyboard.press('ArrowUp');
        await s.page.keyboard.type('- Objection: a new objection typed by the end-to-end test.');
        const typedAt = Date.now();
        await frame.waitForFunction(
          ([n, id]) => Number(document.getElementById('map')!.dataset.nodeCount) === n && (window as any).cruxmapDebug.nodeIds().includes(id),
          [before + 1, 'scheming-first.md#^a-new-objection-typed-by-the'] as const,
          { timeout: 2000 },
        );
        console.log(`[e2e] the map gained the new node ${Date.now() - typedAt} ms after typing`);
        const after = await frame.evaluate(() => (window as any).cruxmapDebug.positions());
        for (const id of Object.keys(positions)) expect(after[id], id).toEqual(positions[id]);
        expect(Object.keys(after)).toContain('scheming-first.md#^a-new-objection-typed-by-the');
      });
    } finally {
      await runCommand(s.page, 'File: Revert File');
    }
  }, 60_000);

  it('Link Disagreement writes both files in one edit, and one undo reverts both', async () => {
    await step('link-disagreement', async () => {
      const outerBefore = readWorkspaceFile(s, 'outer-alignment.md');
      const helpfulBefore = readWorkspaceFile(s, 'helpful-only.md');
      await openFile(s.page, 'outer-alignment.md');
      const line = outerBefore.split('\n').findIndex((l) => l.includes('^outer-matters-more')) + 1;
      await gotoLine(s.page, line, 12);
      await runCommand(s.page, 'Crux Map: Link Disagreement…');
      await pick(s.page, 'external safety researchers', /external safety researchers need/);
      await pick(s.page, 'Reply to it', 'Reply to it');
      await saveFiles(['helpful-only.md', 'outer-alignment.md']);
      const id = 'some-external-safety-researchers-need-exactly';
      await expect
        .poll(() => readWorkspaceFile(s, 'helpful-only.md'), { timeout: 10_000, message: 'the target file gets the id' })
        .toContain(`need exactly this access to do their work. ^${id}`);
      await expect.poll(() => readWorkspaceFile(s, 'outer-alignment.md'), { timeout: 10_000 }).toContain(`## Claim: Outer alignment failures are the larger share of the risk. ^outer-matters-more\n\nReply: [[helpful-only#^${id}]] \n`);
      // One undo reverts both files (VS Code asks to confirm an undo across files).
      await openFile(s.page, 'outer-alignment.md');
      await s.page.keyboard.press('Control+Z');
      const confirm = s.page.locator('.monaco-dialog-box .monaco-button', { hasText: /Undo in/ });
      if (await confirm.first().isVisible({ timeout: 3000 }).catch(() => false)) await confirm.first().click();
      await saveFiles(['helpful-only.md', 'outer-alignment.md']);
      await expect.poll(() => readWorkspaceFile(s, 'helpful-only.md'), { timeout: 10_000 }).toBe(helpfulBefore);
      await expect.poll(() => readWorkspaceFile(s, 'outer-alignment.md'), { timeout: 10_000 }).toBe(outerBefore);
    });
  }, 90_000);

  it('the Problems panel lists the broken reference, and a quick fix repairs it', async () => {
    await step('problems-quick-fix', async () => {
      await openFile(s.page, 'open-questions.md');
      await runCommand(s.page, 'Problems: Focus on Problems View');
      const problems = s.page.locator('.markers-panel');
      await expect.poll(async () => (await problems.textContent()) ?? '', { timeout: 15_000 }).toContain("No element '^outer-vs-schemng'");
      const text = readWorkspaceFile(s, 'open-questions.md');
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes('outer-vs-schemng')) + 1;
      await gotoLine(s.page, line, lines[line - 1].indexOf('schemng') + 1);
      await s.page.keyboard.press('Control+.');
      // The preferred fix comes first and is focused: Enter applies it.
      await s.page.getByText('Change to ^outer-vs-scheming', { exact: false }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await s.page.keyboard.press('Enter');
      await s.page.keyboard.press('Control+S');
      await expect.poll(() => readWorkspaceFile(s, 'open-questions.md'), { timeout: 10_000 }).toContain('[[outer-alignment#^outer-vs-scheming]] looks testable');
      await expect.poll(async () => (await problems.textContent()) ?? '', { timeout: 10_000 }).not.toContain('outer-vs-schemng');
    });
  }, 60_000);

  it('completion after [[ offers the other drafts, and F12 on a reference opens its target', async () => {
    await step('completion-definition', async () => {
      await openFile(s.page, 'open-questions.md');
      const text = readWorkspaceFile(s, 'open-questions.md');
      const lines = text.split('\n');
      await gotoLine(s.page, lines.length, 1);
      await s.page.keyboard.type('See [[');
      const suggest = s.page.locator('.suggest-widget.visible');
      await suggest.waitFor({ timeout: 10_000 });
      await expect.poll(async () => (await suggest.textContent()) ?? '', { timeout: 10_000 }).toContain('outer-alignment');
      expect(await suggest.textContent()).toContain('scheming-first');
      await s.page.keyboard.press('Escape');
      await runCommand(s.page, 'File: Revert File');
      const refLine = lines.findIndex((l) => l.includes('[[cot-summaries#^unfaithful-cot]]')) + 1;
      await gotoLine(s.page, refLine, lines[refLine - 1].indexOf('unfaithful-cot') + 2);
      await s.page.keyboard.press('F12');
      await expect.poll(() => activeTab(s.page), { timeout: 10_000 }).toBe('cot-summaries.md');
      const target = parseDraft(readWorkspaceFile(s, 'cot-summaries.md'), 'cot-summaries.md').elements.find((e) => e.localId === 'unfaithful-cot')!;
      await expect.poll(async () => (await cursorPosition(s.page))?.line, { timeout: 5000 }).toBe(target.range.start.line + 1);
    });
  }, 60_000);

  it('F2 on an id renames it in its marker and in every draft that references it', async () => {
    await step('rename-id', async () => {
      await openFile(s.page, 'outer-alignment.md');
      const lines = readWorkspaceFile(s, 'outer-alignment.md').split('\n');
      const line = lines.findIndex((l) => l.includes('^outer-matters-more')) + 1;
      await gotoLine(s.page, line, lines[line - 1].indexOf('^outer-matters-more') + 4);
      const input = s.page.locator('.rename-box input, .rename-input').first();
      // Right after activation the first F2 can land before the rename provider is registered: try again.
      for (let attempt = 0; attempt < 3 && !(await input.isVisible()); attempt++) {
        await s.page.keyboard.press('F2');
        await input.waitFor({ state: 'visible', timeout: 4000 }).catch(() => undefined);
      }
      expect(await input.inputValue()).toBe('outer-matters-more');
      await input.fill('outer-larger-share');
      await input.press('Enter');
      await expect.poll(async () => s.page.locator('.tab.dirty').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      // The referencing draft is changed in the background (no tab): Save All writes it too.
      await runCommand(s.page, 'File: Save All Files');
      await expect.poll(() => readWorkspaceFile(s, 'scheming-first.md'), { timeout: 10_000 }).toContain('[[outer-alignment#^outer-larger-share|Outer alignment matters more]]');
      await expect.poll(() => readWorkspaceFile(s, 'outer-alignment.md'), { timeout: 10_000 }).toContain('larger share of the risk. ^outer-larger-share');
      expect(readWorkspaceFile(s, 'outer-alignment.md')).not.toContain('outer-matters-more');
    });
  }, 60_000);

  it('keeps a parse cache in its storage folder: a reload starts from its snapshot without parsing, and a re-index parses new drafts in a worker thread', async () => {
    await step('parse-cache', async () => {
      await expect.poll(() => findParseCache(s), { timeout: 15_000 }).toBeDefined();
      const file = findParseCache(s)!;
      const drafts = readdirSync(s.workspace, { recursive: true }).filter((f) => String(f).endsWith('.md')).map((f) => String(f).replace(/\\/g, '/'));
      // The cache is written again a few seconds after drafts change on disk (beforeEach restored them): wait until it holds them.
      const holdsWorkspace = () => {
        const text = readFileSync(file, 'utf8');
        return drafts.every((d) => text.includes(`["${d}","${contentHash(readWorkspaceFile(s, d))}",`)) && cachedPaths(text).length === drafts.length;
      };
      await expect.poll(holdsWorkspace, { timeout: 20_000 }).toBe(true);
      expect(cachedPaths(readFileSync(file, 'utf8')).sort()).toEqual(drafts.sort());
      const written = statSync(file).mtimeMs;
      // The workspace is as it was at the first scan (beforeEach restores it): a reload finds every draft in the cache and writes nothing.
      // A reload of the page starts a new window and extension host, as reopening VS Code does.
      await s.page.reload({ waitUntil: 'load' });
      await s.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await s.page.waitForSelector('.statusbar', { timeout: 30_000 });
      await s.page.waitForTimeout(2000);
      const frame = await openMap(s.page, 'scheming-first.md');
      const expected = parseDraft(readWorkspaceFile(s, 'scheming-first.md'), 'scheming-first.md').elements.length;
      await frame.waitForFunction((n) => Number(document.getElementById('map')!.dataset.nodeCount) === n, expected, { timeout: 20_000 });
      await expect.poll(() => extensionLog(s), { timeout: 10_000 }).toContain(`Indexed ${drafts.length} drafts`);
      expect(extensionLog(s)).toMatch(new RegExp(`Indexed ${drafts.length} drafts in \\d+ ms from the saved snapshot`));
      expect(statSync(file).mtimeMs).toBe(written);
      // Started from the snapshot, an edit works as ever: the map gains the element typed.
      await openFile(s.page, 'scheming-first.md');
      await gotoLine(s.page, readWorkspaceFile(s, 'scheming-first.md').split('\n').length, 1);
      await s.page.keyboard.press('Enter');
      await s.page.keyboard.press('Enter');
      await s.page.keyboard.type('Objection: typed after a start from the snapshot.');
      await frame.waitForFunction((n) => Number(document.getElementById('map')!.dataset.nodeCount) === n, expected + 1, { timeout: 10_000 });
      await runCommand(s.page, 'File: Revert File');
      await frame.waitForFunction((n) => Number(document.getElementById('map')!.dataset.nodeCount) === n, expected, { timeout: 10_000 });
      // Over 2 MB of new drafts: a re-index parses them in a worker thread and takes the others from the cache.
      for (const [p, t] of corpus(300, 5)) writeWorkspaceFile(s, `bulk/${p}`, t);
      await runCommand(s.page, 'Crux Map: Re-index Workspace');
      await expect.poll(() => extensionLog(s), { timeout: 60_000 }).toContain(`Indexed ${drafts.length + 300} drafts`);
      expect(extensionLog(s)).toMatch(new RegExp(`${drafts.length} from the parse cache, 300 parsed in 1 worker thread`));
      await expect.poll(() => cachedPaths(readFileSync(file, 'utf8')).length, { timeout: 15_000 }).toBe(drafts.length + 300);
    });
  }, 180_000);

  it("reads the workspace folder's .cruxmap.json without a reload: a malformed one is a bad-config problem on the file, a changed one parses the drafts again", async () => {
    await step('workspace-config', async () => {
      await openFile(s.page, 'scheming-first.md');
      await runCommand(s.page, 'Problems: Focus on Problems View');
      const problems = s.page.locator('.markers-panel');
      const logBefore = extensionLog(s).length;
      writeWorkspaceFile(s, '.cruxmap.json', '{\n  "labels": { "Upshot": "clam" }\n}\n');
      await expect.poll(async () => (await problems.textContent()) ?? '', { timeout: 15_000 }).toContain('maps to "clam", which is no kind');
      writeWorkspaceFile(s, '.cruxmap.json', '{\n  "labels": { "Upshot": "claim" }\n}\n');
      await expect.poll(async () => (await problems.textContent()) ?? '', { timeout: 15_000 }).not.toContain('which is no kind');
      // New label words: every draft of the folder is parsed again with them (none is taken from the cache).
      await expect.poll(() => extensionLog(s).slice(logBefore), { timeout: 20_000 }).toMatch(/Indexed \d+ drafts in \d+ ms: 0 from the parse cache, \d+ parsed/);
    });
  }, 60_000);

  it('an open draft typed over cruxmap.maxFileSize leaves the index with one notice, and comes back when it fits again', async () => {
    try {
      await step('open-draft-too-large', async () => {
        const path = 'cot-summaries.md';
        const text = readWorkspaceFile(s, path);
        const limit = Buffer.byteLength(text, 'utf8') + 200;
        writeWorkspaceFile(s, '.vscode/settings.json', JSON.stringify({ 'cruxmap.maxFileSize': limit }, null, 2) + '\n');
        const expected = parseDraft(text, path).elements.length;
        const frame = await openMap(s.page, path);
        await frame.waitForFunction((n) => Number(document.getElementById('map')!.dataset.nodeCount) === n, expected, { timeout: 15_000 });
        await openFile(s.page, path);
        await gotoLine(s.page, text.split('\n').length, 1);
        const logBefore = extensionLog(s).length;
        // Past the limit by about 200 bytes: the editor holds the text, the index lets the draft go.
        await s.page.keyboard.press('Enter');
        await s.page.keyboard.insertText('Padding typed past the size limit. '.repeat(12));
        const notice = `Crux Map does not read ${path}: it is`;
        await s.page.getByText(notice).first().waitFor({ state: 'visible', timeout: 15_000 });
        await frame.waitForFunction(() => Number(document.getElementById('map')!.dataset.nodeCount) === 0, undefined, { timeout: 15_000 });
        // The empty map says why, not how to start an argument.
        await frame.getByText('This draft is not read').waitFor({ state: 'visible', timeout: 15_000 });
        expect(await frame.locator('.empty-unread').textContent()).toContain(`${notice}`);
        // Typing on while too large says it once, not at every keystroke.
        await s.page.keyboard.insertText(' More.');
        await s.page.waitForTimeout(1500);
        const said = extensionLog(s).slice(logBefore).split(notice).length - 1;
        expect(said).toBe(1);
        await screenshot(s.page, 'open-draft-too-large-notice');
        // Back under the limit: the draft is read again and its nodes return.
        await runCommand(s.page, 'File: Revert File');
        await frame.waitForFunction((n) => Number(document.getElementById('map')!.dataset.nodeCount) === n, expected, { timeout: 15_000 });
        expect(await frame.locator('.empty-unread').isVisible()).toBe(false);
      });
    } finally {
      await runCommand(s.page, 'File: Revert File');
    }
  }, 90_000);

  it('a limit lowered under an open draft typed past it takes the draft out at the scan the setting starts', async () => {
    try {
      await step('open-draft-limit-lowered', async () => {
        const path = 'cot-summaries.md';
        const text = readWorkspaceFile(s, path);
        const expected = parseDraft(text, path).elements.length;
        // No limit to speak of: the padded draft is read, and its map keeps its nodes.
        writeWorkspaceFile(s, '.vscode/settings.json', JSON.stringify({ 'cruxmap.maxFileSize': 10_000_000 }, null, 2) + '\n');
        const frame = await openMap(s.page, path);
        await openFile(s.page, path);
        await gotoLine(s.page, text.split('\n').length, 1);
        await s.page.keyboard.press('Enter');
        await s.page.keyboard.insertText('Padding typed before the limit came down. '.repeat(12));
        await frame.waitForFunction((n) => Number(document.getElementById('map')!.dataset.nodeCount) === n, expected, { timeout: 15_000 });
        expect(await frame.locator('.empty-unread').isVisible()).toBe(false);
        // Now the limit comes down under the open text (not typed again): the scan it starts must not index it.
        writeWorkspaceFile(s, '.vscode/settings.json', JSON.stringify({ 'cruxmap.maxFileSize': Buffer.byteLength(text, 'utf8') + 200 }, null, 2) + '\n');
        await frame.waitForFunction(() => Number(document.getElementById('map')!.dataset.nodeCount) === 0, undefined, { timeout: 20_000 });
        await frame.getByText('This draft is not read').waitFor({ state: 'visible', timeout: 15_000 });
        await screenshot(s.page, 'open-draft-limit-lowered');
      });
    } finally {
      await runCommand(s.page, 'File: Revert File');
    }
  }, 90_000);
});
