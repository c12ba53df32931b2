import { expect, test } from './support/test.ts';

test('the deep link shows the documentation sample row with its values', async ({ page }) => {
  await page.goto('/Contacts/4150868000002728001');
  const grid = page.getByRole('grid', {
    name: /Attachments of Contacts record 4150868000002728001/,
  });
  const row = grid.getByRole('row', { name: /Screen Shot 2020-07-21 at 11\.27\.04 PM\.png/ });
  await expect(row).toBeVisible();
  await expect(row.getByRole('gridcell').nth(0)).toHaveText(
    'Screen Shot 2020-07-21 at 11.27.04 PM.png',
  );
  // 362207 bytes in a human unit; the exact count on hover.
  await expect(row.getByRole('gridcell').nth(1)).toHaveText('354 kB');
  await expect(row.getByRole('gridcell').nth(2)).toHaveText('Patricia Boyle');
  // 2020-07-24T18:12:43+05:30 in the browser's locale and zone (en-US, UTC here).
  await expect(row.getByRole('gridcell').nth(3)).toHaveText('Patricia Boyle'); // created by
  await expect(row.getByRole('gridcell').nth(4)).toHaveText('Jul 24, 2020, 12:42 PM');
  await expect(row.getByRole('gridcell').nth(5)).toHaveText('Patricia Boyle'); // modified by
  await expect(row.getByRole('gridcell').nth(6)).toHaveText('Jul 24, 2020, 12:42 PM');
  await page.screenshot({ path: 'docs/screenshots/record-attachments.png' });
  await row.getByText('354 kB').hover();
  await expect(page.getByRole('tooltip')).toHaveText('362,207 bytes');
});

test('an unknown module shows the INVALID_MODULE banner with what to do', async ({ page }) => {
  await page.goto('/Foo/123');
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('This module does not exist in Bigin');
  await expect(banner).toContainText('Choose a module and a record from the list.');
  await expect(banner).toContainText('INVALID_MODULE');
  await banner.getByRole('link', { name: 'Choose a record' }).click();
  await expect(page).toHaveURL('/');
});
