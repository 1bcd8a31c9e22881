/** End to end: VS Code's own markdown preview of an example draft, with Crux Map's markdown-it plugin, in code-server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseDraft } from '../../extension/core/parse/parse';
import { WorkspaceIndex } from '../../extension/core/index/workspaceIndex';
import { publishDraft } from '../../extension/core/export/publish';
import { exportGraphAs, scopeGraph } from '../../extension/core/export/formats';
import { e2eUnavailable, pick, openFile, readWorkspaceFile, runCommand, screenText, screenshot, startSession, stopSession, writeWorkspaceFile, extensionLog, type Session } from '../support/workbench';

const unavailable = e2eUnavailable();

/**
 * The markdown preview's content frame once it shows `selector`. The preview may render its page
 * again (when the index becomes ready it is refreshed), which replaces the frame: look again then.
 */
async function previewFrame(page: Page, selector = '.markdown-body h2, body.vscode-body h2', timeout = 40_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      try {
        if (await f.$(selector)) return f;
      } catch {
        // frame detached while we looked
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`the markdown preview did not show ${selector}`);
}

describe.skipIf(unavailable !== undefined)('Crux Map in VS Code\'s markdown preview', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  }, 240_000);
  afterAll(async () => stopSession(s));

  it('shows labels as badges, hides ^ids, links wikilinks to their target and marks a broken one', async () => {
    try {
      await openFile(s.page, 'open-questions.md');
      await runCommand(s.page, 'Markdown: Open Preview to the Side');
      await previewFrame(s.page, '.cruxmap-badge');
      // Links resolve through the index: a preview opened before the first indexing ends renders again when it is ready.
      // The preview may render anew while it is read (a refresh replaces its frame): read it all from one frame, again if it went.
      const read = async () => {
        const frame = await previewFrame(s.page, 'a.cruxmap-ref');
        return {
          badges: await frame.$$eval('.cruxmap-badge', (els) => els.map((e) => [e.textContent, e.className, getComputedStyle(e).backgroundColor])),
          text: await frame.evaluate(() => (document.querySelector('.markdown-body') ?? document.body).textContent ?? ''),
          links: await frame.$$eval('a.cruxmap-ref', (els) => els.map((e) => e.getAttribute('href') ?? '')),
          broken: await frame.$$eval('.cruxmap-ref-broken', (els) => els.map((e) => e.textContent)),
        };
      };
      let shownNow: Awaited<ReturnType<typeof read>> | undefined;
      for (let attempt = 0; !shownNow; attempt++) {
        try {
          shownNow = await read();
        } catch (e) {
          if (attempt >= 4 || !/detached|destroyed/i.test(String(e))) throw e;
        }
      }
      const { badges, text, links, broken } = shownNow;
      const draft = parseDraft(readWorkspaceFile(s, 'open-questions.md'), 'open-questions.md');
      expect(badges.length).toBe(draft.elements.length);
      expect(badges.map((b) => b[1])).toContain('cruxmap-badge cruxmap-kind-question');
      // Theme colours from the preview style sheet, not the page default.
      expect(badges.every((b) => b[2] !== 'rgba(0, 0, 0, 0)')).toBe(true);
      expect(text).not.toMatch(/\s\^[A-Za-z0-9]/);
      expect(text).not.toContain('[[');
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((h) => /\.md#L\d+$/.test(h))).toBe(true);
      // The examples hold one reference with a typo: it is shown, and marked broken.
      expect(broken.length).toBeGreaterThanOrEqual(1);
      await screenshot(s.page, 'preview-badges');

      // A link opens its target: markdown links open in the preview by default (markdown.preview.openMarkdownLinks), at the element's line.
      const target = links.find((h) => h.startsWith('interp/renormalization.md#L'))!;
      expect(target).toBeDefined();
      const claim = parseDraft(readWorkspaceFile(s, 'interp/renormalization.md'), 'interp/renormalization.md').elements.find((e) => e.localId === 'sae-scale')!;
      expect(target).toBe(`interp/renormalization.md#L${claim.range.start.line + 1}`);
      // The preview may render anew meanwhile (refreshes after indexing): find the link again if its frame went.
      for (let attempt = 0; ; attempt++) {
        try {
          await (await previewFrame(s.page, `a.cruxmap-ref[href="${target}"]`)).click(`a.cruxmap-ref[href="${target}"]`, { timeout: 5_000 });
          break;
        } catch (e) {
          if (attempt >= 3) throw e;
        }
      }
      const deadline = Date.now() + 20_000;
      let shown = '';
      while (Date.now() < deadline && !shown.includes(claim.text.slice(0, 40))) {
        for (const f of s.page.frames()) shown += await f.evaluate(() => document.querySelector('.markdown-body')?.textContent ?? '').catch(() => '');
        if (!shown.includes(claim.text.slice(0, 40))) shown = '';
        await s.page.waitForTimeout(250);
      }
      expect(shown).toContain(claim.text.slice(0, 40));
      await screenshot(s.page, 'preview-followed-link');
    } catch (e) {
      await screenshot(s.page, 'preview-FAILED').catch(() => undefined);
      console.error(`[e2e] preview failed; on screen: ${await screenText(s.page).catch(() => '?')}`);
      throw e;
    }
  }, 120_000);

  it('Export Draft for Publishing… writes the post the core publishes, and says the dangling reference', async () => {
    try {
      await openFile(s.page, 'open-questions.md');
      await runCommand(s.page, 'Crux Map: Export Draft for Publishing…');
      // code-server's own save dialog: a quick input holding the suggested path; Enter accepts it.
      const input = s.page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toMatch(/open-questions\.post\.md$/);
      await input.press('Enter');
      const out = join(s.workspace, 'open-questions.post.md');
      await expect.poll(() => existsSync(out), { timeout: 15_000 }).toBe(true);
      const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.md') && !f.endsWith('.post.md') ? [join(dir, f)] : []));
      const index = new WorkspaceIndex();
      for (const f of walk(s.workspace)) index.setDraft(relative(s.workspace, f).split(sep).join('/'), readFileSync(f, 'utf8'));
      expect(readFileSync(out, 'utf8')).toBe(publishDraft(index, 'open-questions.md').text);
      await s.page.locator('.notifications-toasts', { hasText: 'dangling reference' }).first().waitFor({ timeout: 15_000 });
      await screenshot(s.page, 'export-for-publishing');
    } catch (e) {
      await screenshot(s.page, 'export-for-publishing-FAILED').catch(() => undefined);
      console.error(`[e2e] export for publishing failed; on screen: ${await screenText(s.page).catch(() => '?')}`);
      throw e;
    }
  }, 90_000);

  it('Export Argument Map for Another Tool… writes the chosen format of the chosen scope', async () => {
    try {
      await openFile(s.page, 'scheming-first.md');
      await runCommand(s.page, 'Crux Map: Export Argument Map for Another Tool…');
      await pick(s.page, 'Mermaid', 'Mermaid flowchart');
      await pick(s.page, 'This draft', 'This draft'); // the first row: this draft alone
      const input = s.page.locator('.quick-input-widget input');
      await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toMatch(/scheming-first\.mmd$/);
      await input.press('Enter');
      const out = join(s.workspace, 'scheming-first.mmd');
      await expect.poll(() => existsSync(out), { timeout: 15_000 }).toBe(true);
      const index = new WorkspaceIndex();
      const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.md') && !f.endsWith('.post.md') ? [join(dir, f)] : []));
      for (const f of walk(s.workspace)) index.setDraft(relative(s.workspace, f).split(sep).join('/'), readFileSync(f, 'utf8'));
      const expected = exportGraphAs(scopeGraph(index.getGraph(), new Set(['scheming-first.md'])), 'mermaid');
      expect(readFileSync(out, 'utf8')).toBe(expected);
      expect(expected).toContain('flowchart BT');
    } catch (e) {
      await screenshot(s.page, 'export-for-tool-FAILED').catch(() => undefined);
      console.error(`[e2e] export for another tool failed; on screen: ${await screenText(s.page).catch(() => '?')}`);
      throw e;
    }
  }, 90_000);

  it('Copy Draft for Publishing puts the post on the clipboard', async () => {
    try {
      await s.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(s.page.url()).origin });
      await openFile(s.page, 'outer-alignment.md');
      await runCommand(s.page, 'Crux Map: Copy Draft for Publishing');
      const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.md') && !f.endsWith('.post.md') ? [join(dir, f)] : []));
      const index = new WorkspaceIndex();
      for (const f of walk(s.workspace)) index.setDraft(relative(s.workspace, f).split(sep).join('/'), readFileSync(f, 'utf8'));
      const expected = publishDraft(index, 'outer-alignment.md').text;
      await expect.poll(() => s.page.evaluate(() => navigator.clipboard.readText()), { timeout: 15_000 }).toBe(expected);
      expect(expected).toContain('**Objection:**');
      expect(expected).not.toMatch(/\^[a-z]/);
    } catch (e) {
      await screenshot(s.page, 'copy-for-publishing-FAILED').catch(() => undefined);
      console.error(`[e2e] copy for publishing failed; on screen: ${await screenText(s.page).catch(() => '?')}`);
      throw e;
    }
  }, 90_000);

  it("shows the folder's own label words (.cruxmap.json) as badges too", async () => {
    try {
      writeWorkspaceFile(s, '.cruxmap.json', '{ "labels": { "Upshot": "claim" } }\n');
      writeWorkspaceFile(s, 'helpful-only.md', '# Helpful-only models\n\nUpshot: a workspace label word shows as a badge in the preview.\n');
      await openFile(s.page, 'helpful-only.md');
      await runCommand(s.page, 'Markdown: Open Preview to the Side');
      // The preview renders again when the config is read: look until a frame shows the badge.
      const deadline = Date.now() + 40_000;
      let badge: [string | null, string] | undefined;
      while (!badge && Date.now() < deadline) {
        for (const f of s.page.frames()) {
          const found = await f.$$eval('.cruxmap-badge', (els) => els.map((e) => [e.textContent, e.className] as [string | null, string])).catch(() => []);
          badge = found.find((b) => (b[0] ?? '').includes('Upshot'));
          if (badge) break;
        }
        if (!badge) await s.page.waitForTimeout(250);
      }
      expect(badge?.[1]).toBe('cruxmap-badge cruxmap-kind-claim');
      await screenshot(s.page, 'preview-workspace-label');
    } catch (e) {
      await screenshot(s.page, 'preview-workspace-label-FAILED').catch(() => undefined);
      console.error(`[e2e] preview workspace label failed; on screen: ${await screenText(s.page).catch(() => '?')}\n[log] ${extensionLog(s).slice(-3000)}`);
      throw e;
    }
  }, 90_000);
});
