/** End to end: the packaged VSIX as a user sees it in the Extensions view: name, icon and README. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { e2eUnavailable, runCommand, screenText, screenshot, startSession, stopSession, type Session } from '../support/workbench';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(`\n*** END-TO-END TESTS SKIPPED: ${unavailable} ***\n`);

describe.skipIf(unavailable !== undefined)('the installed VSIX', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  }, 240_000);
  afterAll(async () => stopSession(s));

  it('shows in the Extensions view with its icon, and its details page shows the README', async () => {
    try {
      await runCommand(s.page, 'View: Show Extensions');
      await s.page.locator('.extensions-viewlet .suggest-input-container').first().click();
      await s.page.keyboard.type('@installed crux');
      const item = s.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Crux Map' }).first();
      await item.waitFor({ timeout: 15_000 });
      const icon = item.locator('img.icon');
      await expect.poll(() => icon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(128);
      // A click on a row that is still being drawn (its icon just loaded) can be taken for a hover only: try again,
      // then from the keyboard, before calling the details page missing.
      const details = s.page.locator('.extension-editor .name', { hasText: 'Crux Map' }).first();
      for (let attempt = 0; attempt < 3 && !(await details.isVisible()); attempt++) {
        if (attempt < 2) await item.click();
        else await item.press('Enter');
        await details.waitFor({ timeout: 7_000 }).catch(() => undefined);
      }
      await details.waitFor({ timeout: 5_000 });
      // The README is rendered in a webview: find the frame that shows its text.
      let readme: Frame | undefined;
      const deadline = Date.now() + 20_000;
      while (!readme && Date.now() < deadline) {
        for (const f of s.page.frames()) {
          const text = await f.evaluate(() => document.body?.innerText ?? '').catch(() => '');
          if (text.includes('See the argument in your drafts.') && text.includes('Quick start')) readme = f;
        }
        if (!readme) await s.page.waitForTimeout(250);
      }
      expect(readme, 'a frame showing the README').toBeDefined();
      // Relative pictures are not resolved on this page (vsce rewrites them to the repository's URL once the
      // manifest has a repository), so only the text is checked here.
      await screenshot(s.page, 'extension-details');
    } catch (e) {
      await screenshot(s.page, 'extension-details-FAILED').catch(() => undefined);
      console.error(`[e2e] extension details failed; on screen: ${await screenText(s.page).catch(() => '?')}`);
      throw e;
    }
  }, 90_000);
});
