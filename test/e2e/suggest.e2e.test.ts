/** End to end in code-server: a suggestion accepted by code action puts the label in the file and the node in the map; accepting all goes through the refactor preview; the hover says why and marks in one click; the AI command says that no model is available. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, gotoLine, mapFrame, mapSettled, nodeCount, openFile, readWorkspaceFile, runCommand, screenshot, startSession, stopSession, writeWorkspaceFile, type Session, runStep } from '../support/workbench';

const unavailable = e2eUnavailable();

const DRAFT = [
  'Claim: Capability evaluations will catch most dangerous models before deployment.',
  '',
  'That said, evaluations miss exactly the models that plan.',
  '',
].join('\n');

const DRAFT2 = 'Compute governance is the most tractable lever right now.\n\nChips are physical and made by a handful of firms.\n\nOn the other hand, algorithms get cheaper every year.\n\nThresholds can be lowered as they do.\n';

const DRAFT3 = 'Claim: Debate lets weak judges supervise strong models.\n\nI doubt judges can tell a good argument from a confident one.\n';

// "Rejoinder:" is a label only by the workspace's .cruxmap.json: then "That said" answers it (a reply), and it gets no suggestion itself.
const DRAFT4 = 'Claim: Evaluations will catch most risky models.\n\nRejoinder: evaluations miss the models that plan.\n\nThat said, labs already run them.\n';

describe.skipIf(unavailable !== undefined)('suggestions in code-server', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  }, 240_000);
  afterAll(async () => stopSession(s));

  const step = (name: string, body: () => Promise<void>) => runStep(s, name, body);

  it('accepting a suggestion by code action writes the label and adds the node; accept-all goes through the preview; the AI command says no model is available', async () => {
    // Both drafts exist before the first Quick Open, so its file search knows them.
    writeWorkspaceFile(s, 'unlabeled.md', DRAFT);
    writeWorkspaceFile(s, 'unlabeled-2.md', DRAFT2);
    writeWorkspaceFile(s, 'unlabeled-3.md', DRAFT3);
    writeWorkspaceFile(s, 'unlabeled-4.md', DRAFT4);
    writeWorkspaceFile(s, '.cruxmap.json', JSON.stringify({ labels: { Rejoinder: 'objection' } }));
    await step('suggestion-code-action', async () => {
      await openFile(s.page, 'unlabeled.md');
      await runCommand(s.page, 'Crux Map: Open Argument Map to the Side');
      const frame = await mapFrame(s.page);
      await frame.waitForFunction(() => Number(document.getElementById('map')!.dataset.nodeCount) === 1, undefined, { timeout: 15_000 });
      await openFile(s.page, 'unlabeled.md');
      // The draft's suggestions in a Quick Pick: the one unlabeled paragraph, with its cue.
      await runCommand(s.page, 'Crux Map: Show Suggestions in This Draft');
      const row = s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Objection? That said, evaluations miss' }).first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await row.textContent()).toContain('because of: That said');
      await s.page.keyboard.press('Escape');
      await gotoLine(s.page, 3, 5);
      await s.page.keyboard.press('Control+.');
      const action = s.page.getByText(/Mark as Objection \(answers “Capability evaluations will catch/).first();
      await action.waitFor({ state: 'visible', timeout: 15_000 });
      // The preferred action comes first and is focused: Enter applies it.
      await s.page.keyboard.press('Enter');
      // Saved once the edit is in the editor: a save before it lands writes the draft without it (a CI run saw that).
      await saveWhenShown(s, 'Objection: That said');
      await expect.poll(() => readWorkspaceFile(s, 'unlabeled.md'), { timeout: 10_000 }).toBe(DRAFT.replace('That said,', 'Objection: That said,'));
      await frame.waitForFunction(() => Number(document.getElementById('map')!.dataset.nodeCount) === 2, undefined, { timeout: 15_000 });
      expect(await nodeCount(frame)).toBe(2);
      // And the objection's edge to the claim it answers.
      await frame.waitForFunction(() => Number(document.getElementById('map')!.dataset.edgeCount) === 1, undefined, { timeout: 10_000 });
      // (The step's screenshot after the map has drawn it: a CI run caught the frame before the edge was painted.)
      await mapSettled(frame);
    });
    await step('accept-all-with-preview', async () => {
      await openFile(s.page, 'unlabeled-2.md');
      await runCommand(s.page, 'Crux Map: Accept Suggestions in This Draft…');
      // The refactor preview shows the edits first (the less sure last paragraph unticked); nothing is written until Apply.
      const apply = s.page.locator('.monaco-button', { hasText: /^Apply$/ }).first();
      await apply.waitFor({ state: 'visible', timeout: 15_000 });
      expect(readWorkspaceFile(s, 'unlabeled-2.md')).toBe(DRAFT2);
      await screenshot(s.page, 'accept-all-preview');
      await apply.click();
      await openFile(s.page, 'unlabeled-2.md');
      await saveWhenShown(s, 'Objection: On the other hand');
      await expect
        .poll(() => readWorkspaceFile(s, 'unlabeled-2.md'), { timeout: 10_000 })
        .toBe('Claim: Compute governance is the most tractable lever right now.\n\nSupport: Chips are physical and made by a handful of firms.\n\nObjection: On the other hand, algorithms get cheaper every year.\n\nThresholds can be lowered as they do.\n');
    });
    await step('hover-says-why-and-marks', async () => {
      await openFile(s.page, 'unlabeled-3.md');
      // The hover sits on the block's first word, after the faded hint.
      const word = s.page.locator('.monaco-editor .view-line span', { hasText: /^I$/ }).first();
      await word.waitFor({ state: 'visible', timeout: 10_000 });
      const hover = s.page.locator('.monaco-hover', { hasText: 'Crux Map suggests' }).first();
      // A hover asked for before the draft's suggestions are ready shows nothing and is not asked again: move away and back.
      for (let attempt = 0; ; attempt++) {
        await s.page.mouse.move(5, 5);
        await word.hover();
        try {
          await hover.waitFor({ state: 'visible', timeout: 5_000 });
          break;
        } catch (e) {
          if (attempt >= 3) throw e;
        }
      }
      expect(await hover.textContent()).toContain('because of: I doubt');
      await hover.locator('a', { hasText: 'Mark as Objection' }).first().click();
      await openFile(s.page, 'unlabeled-3.md');
      await saveWhenShown(s, 'Objection: I doubt');
      await expect.poll(() => readWorkspaceFile(s, 'unlabeled-3.md'), { timeout: 10_000 }).toBe(DRAFT3.replace('I doubt', 'Objection: I doubt'));
    });
    await step('workspace-label-words', async () => {
      await openFile(s.page, 'unlabeled-4.md');
      const rows = s.page.locator('.quick-input-list .monaco-list-row');
      // The suggestions of the draft as parsed with the workspace's words (the file watcher may take a moment to read them).
      await expect
        .poll(
          async () => {
            await runCommand(s.page, 'Crux Map: Show Suggestions in This Draft');
            await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
            const texts = await rows.allTextContents();
            await s.page.keyboard.press('Escape');
            return texts.map((t) => t.replace(/\s+/g, ' ').slice(0, 40));
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toEqual([expect.stringMatching(/^Reply\? That said, labs already run them/)]);
    });
    await step('suggest-with-ai-no-model', async () => {
      await runCommand(s.page, 'Crux Map: Suggest Argument Structure with AI');
      const toast = s.page.locator('.notifications-toasts, .notification-toast-container', { hasText: 'no language model is available' }).first();
      await toast.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await toast.textContent()).toContain('Crux Map: no language model is available');
      // Nothing else changed: the files are as they were.
      expect(readWorkspaceFile(s, 'unlabeled.md')).toBe(DRAFT.replace('That said,', 'Objection: That said,'));
    });
  }, 180_000);
});

/** Saves the active editor once it shows `text`: a save before an edit lands writes the draft without it (a CI run saw that). */
async function saveWhenShown(s: Session, text: string): Promise<void> {
  await s.page.waitForFunction(
    (t) => [...document.querySelectorAll('.monaco-editor .view-lines')].some((e) => (e as HTMLElement).innerText.replace(/\u00a0/g, ' ').includes(t)),
    text,
    { timeout: 10_000 },
  );
  await s.page.keyboard.press('Control+S');
}
