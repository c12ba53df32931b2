import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';

// The grid's columns panel, its column menus and the tooltips load their code when first opened
// (the build's lazy-imports.ts): each still opens, works and closes, by keyboard too.

const RECORD = '/Contacts/4150868000002728001';
const grid = (page: Page) => page.getByRole('grid', { name: /Attachments of/ });
const header = (page: Page, name: string) => grid(page).getByRole('columnheader', { name });

test('the columns panel opens from the keyboard, hides a column and closes with Escape', async ({
  page,
}) => {
  await page.goto(RECORD);
  await expect(header(page, 'Owner')).toBeVisible();
  const columns = page.getByRole('button', { name: 'Columns' });
  await columns.focus();
  await page.keyboard.press('Enter');
  const owner = page.getByRole('checkbox', { name: 'Owner' });
  await expect(owner).toBeChecked();
  await owner.focus();
  await page.keyboard.press('Space');
  await expect(header(page, 'Owner')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(owner).toHaveCount(0);
  await expect(columns).toBeFocused();
});

test("a column's menu opens from the keyboard (Ctrl+Enter on its header) and sorts", async ({
  page,
}) => {
  await page.goto(RECORD);
  await header(page, 'Size').focus();
  await page.keyboard.press('Control+Enter');
  const menu = page.getByRole('menu');
  // The menu takes the focus; the arrow keys go through its items.
  await expect(menu).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Sort by ASC' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Sort by DESC' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/sort=Size\.desc/);
  await expect(header(page, 'Size')).toHaveAttribute('aria-sort', 'descending');
  await expect(menu).toHaveCount(0);
});

test('a toolbar button names itself in a tooltip, on hover and on keyboard focus', async ({
  page,
}) => {
  await page.goto(RECORD);
  const columns = page.getByRole('button', { name: 'Columns' });
  await columns.hover();
  await expect(page.getByRole('tooltip', { name: 'Columns' })).toBeVisible();
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  // Into the toolbar from the search box, then along it to the button.
  await page.getByRole('searchbox').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowRight');
  await expect(columns).toBeFocused();
  await expect(page.getByRole('tooltip', { name: 'Columns' })).toBeVisible();
});
