import { statSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { addFault, removeFault } from './support/sandbox-control.ts';

/** The sandbox's first deal (a Pipeline in Bigin's v2) and first event, each with an attachment. */
const DEAL = { id: '4150868000033000001', name: 'Zylker Corp - Bigin Starter Kit' };
const EVENT_ID = '4150868000036000001';

async function pick(page: Page, module: string, typed: string, option: RegExp | string) {
  await page.goto('/');
  const modules = page.getByRole('combobox', { name: 'Module' });
  await modules.click();
  await modules.fill(module);
  await page.keyboard.press('Enter');
  await expect(modules).toHaveValue(module);
  const record = page.getByRole('combobox', { name: 'Record' });
  const searched = page.waitForResponse((r) => r.url().includes('/search?word='));
  await record.fill(typed);
  await searched;
  await page.getByRole('option', { name: option }).first().click();
}

// The app talks to Bigin's v2 (the default BIGIN_API_VERSION), where Deals are `Pipelines` and
// events are named by their title.
test.describe.configure({ mode: 'serial' });

test('an event is found and named by its title', async ({ page }) => {
  await pick(page, 'Events', 'Product demo', /^Product demo with /);
  await expect(page).toHaveURL(`/Events/${EVENT_ID}`);
  await expect(page.getByRole('heading', { level: 1, name: /^Product demo with / })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: 'Agenda.txt', exact: true })).toBeVisible();
});

test('a Pipeline record opens under its v2 module name, with its attachments', async ({ page }) => {
  await pick(page, 'Pipelines', 'Zylker', DEAL.name);
  await expect(page).toHaveURL(`/Pipelines/${DEAL.id}`);
  await expect(page.getByRole('heading', { level: 1, name: DEAL.name })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: 'Proposal.pdf', exact: true })).toBeVisible();
});

test('a list written as the CRM spec writes it shows every good row and counts the unreadable', async ({
  page,
  request,
}) => {
  // Sizes as numbers, "File" types, no $link_url, an unknown field, and one item without an id.
  const fault = await addFault(request, { kind: 'variant', match: { recordId: DEAL.id } });
  try {
    await page.goto(`/Pipelines/${DEAL.id}`);
    const row = page.getByRole('row', { name: /Proposal\.pdf/ });
    await expect(row).toBeVisible();
    await expect(row.getByRole('gridcell', { name: '51.1 kB' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(
      '1 attachment · 1 attachment could not be read',
    );
    // A file, not a link: it downloads under its own name, with its bytes.
    const download = page.waitForEvent('download');
    await row.getByRole('link', { name: 'Download Proposal.pdf' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('Proposal.pdf');
    expect(statSync(await saved.path()).size).toBe(52_300);
  } finally {
    await removeFault(request, fault);
  }
});

test('an attachment deleted elsewhere downloads as a failure, never an empty file, and its preview says why', async ({
  page,
}) => {
  await page.goto(`/Pipelines/${DEAL.id}`);
  const row = page.getByRole('row', { name: /Proposal\.pdf/ });
  await expect(row).toBeVisible();
  // Someone else deletes it in Bigin while this list is on screen: Bigin then answers 204.
  const deleted = await page.evaluate(async (list) => {
    const page = (await (await fetch(list)).json()) as {
      data: { id: string; File_Name: string }[];
    };
    const proposal = page.data.find((a) => a.File_Name === 'Proposal.pdf')!;
    const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
    const answer = await fetch(`${list}/${proposal.id}`, {
      method: 'DELETE',
      headers: { 'X-CSRF-Token': session.csrfToken },
    });
    return answer.status;
  }, `/api/records/Pipelines/${DEAL.id}/attachments`);
  expect(deleted).toBe(200);

  const download = page.waitForEvent('download');
  await row.getByRole('link', { name: 'Download Proposal.pdf' }).click();
  expect(await (await download).failure()).not.toBeNull();

  await row.getByRole('button', { name: 'Preview Proposal.pdf' }).click();
  // The PDF's frame shows what happened, not an error's JSON.
  const frame = page
    .getByRole('dialog', { name: 'Preview of Proposal.pdf' })
    .frameLocator('iframe');
  await expect(
    frame.getByRole('heading', { name: 'The preview could not be shown' }),
  ).toBeVisible();
  await expect(frame.getByText(/no longer exists/)).toBeVisible();
});
