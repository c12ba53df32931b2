import type { FrameLocator, Page, Response } from '@playwright/test';
import { e2eRun } from './support/run-files.ts';
import { expect, test } from './support/test.ts';

// The example host's widget works by its signed link alone: nobody signs in.
test.use({ demoUser: null });

const HOST = `http://127.0.0.1:${e2eRun().sandboxPort}/embed-example`;

/** The sandbox's example host (another site than the app's), and the widget it frames. */
async function openExampleHost(page: Page) {
  const failures: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(message.text());
  });
  await page.goto(HOST);
  const widget = page.frameLocator('#attachments');
  await expect(widget.getByRole('grid').getByRole('row')).toHaveCount(4);
  return { widget, failures };
}

/**
 * The previews the widget's page asked for: each from the preview origin, by a link the app's
 * origin minted for the widget's signed link (which no `<img>` or frame could send as a header).
 */
const previewAnswers = (page: Page) => {
  const answers: Response[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/preview/pv1.')) answers.push(response);
  });
  return answers;
};

for (const width of [1280, 420]) {
  test.describe(`in the example host, ${width} px wide`, () => {
    test.use({ viewport: { width, height: 900 } });
    /** A row's preview: its button, or in a narrow widget's list, its row's actions menu. */
    const openPreview = async (widget: FrameLocator, name: string) => {
      if (width > 600) return widget.getByRole('button', { name: `Preview ${name}` }).click();
      await widget.getByRole('button', { name: `Actions for ${name}` }).click();
      await widget.getByRole('menuitem', { name: `Preview ${name}` }).click();
    };

    test('thumbnails load, through the signed link', async ({ page }) => {
      const answers = previewAnswers(page);
      const { widget, failures } = await openExampleHost(page);
      const thumbnail = widget.getByRole('grid').locator('img').first();
      await expect
        .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBeGreaterThan(0);
      expect(await thumbnail.getAttribute('src')).toMatch(/\/preview\/pv1\./);
      expect(answers.length).toBeGreaterThan(0);
      expect(answers.map((a) => a.status())).not.toContain(401);
      expect(failures).toEqual([]);
    });

    test('an image preview shows the image, fitted to the panel', async ({ page }) => {
      const { widget } = await openExampleHost(page);
      await openPreview(widget, 'Business card.png');
      const panel = widget.getByRole('dialog', { name: 'Preview of Business card.png' });
      const image = panel.getByRole('img', { name: 'Business card.png' });
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBeGreaterThan(0);
      await expect(panel).not.toContainText('could not be loaded');
      const [shown, room] = await Promise.all([image.boundingBox(), panel.boundingBox()]);
      expect(shown!.width).toBeLessThanOrEqual(room!.width);
    });

    test('a PDF preview frame loads in the widget, framed by the host too', async ({ page }) => {
      const answers = previewAnswers(page);
      const { widget } = await openExampleHost(page);
      await openPreview(widget, 'Signed NDA.pdf');
      const frame = widget.locator('iframe[title="PDF document Signed NDA.pdf"]');
      await expect(frame).toBeVisible();
      const isPdf = (a: Response) => a.headers()['content-type'] === 'application/pdf';
      await expect.poll(() => answers.filter(isPdf).map((a) => a.status())).toEqual([200]);
      const pdf = answers.find(isPdf)!;
      // Framed by the widget (the app's origin), which the host frames: both are named.
      expect(pdf.headers()['content-security-policy']).toContain(
        `frame-ancestors http://127.0.0.1:${e2eRun().port} ${new URL(HOST).origin}`,
      );
      // A refused frame would be the browser's error page instead.
      await expect
        .poll(() => page.frames().map((f) => f.url()))
        .toContainEqual(expect.stringMatching(/\/preview\/pv1\./));
      expect(page.frames().map((f) => f.url())).not.toContainEqual(
        expect.stringMatching(/^chrome-error:/),
      );
    });
  });
}
