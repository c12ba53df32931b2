import { expect, signInThroughConsentPage, test } from './support/test.ts';

const DEEP_LINK = '/Contacts/4150868000002728001';

test.describe('signed out', () => {
  test.use({ demoUser: null });

  test('a deep link goes through the consent page and comes back to the same address', async ({
    page,
  }) => {
    await page.goto(DEEP_LINK);
    await expect(page).toHaveURL(/\/oauth\/v2\/auth\?/);
    await page.getByRole('button', { name: 'Patricia Boyle', exact: true }).click();
    await expect(page).toHaveURL(DEEP_LINK);
    await expect(
      page.getByRole('row', { name: /Screen Shot 2020-07-21 at 11\.27\.04 PM\.png/ }),
    ).toBeVisible();
    const session = await (await page.request.get('/api/session')).json();
    expect(session).toMatchObject({ signedIn: true, mode: 'sandbox' });
  });

  test('the API answers 401 PROXY_SIGNED_OUT, and no page of the app is served', async ({
    page,
  }) => {
    const api = await page.request.get(`/api/records${DEEP_LINK}/attachments`);
    expect(api.status()).toBe(401);
    expect((await api.json()).code).toBe('PROXY_SIGNED_OUT');
    await page.goto('/');
    await expect(page).toHaveURL(/\/oauth\/v2\/auth\?/);
  });

  test('denying consent lands on a page that offers to sign in again', async ({ page }) => {
    await page.goto(DEEP_LINK);
    await page.getByRole('button', { name: 'Deny' }).click();
    await expect(page.getByRole('heading', { name: 'Sign-in did not complete' })).toBeVisible();
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await expect(page).toHaveURL(/\/oauth\/v2\/auth\?/);
  });
});

test('signing out revokes the sign-in; the next page asks for it again', async ({
  page,
  baseURL,
}) => {
  await page.goto(DEEP_LINK);
  await expect(page).toHaveURL(DEEP_LINK);
  const { csrfToken } = await (await page.request.get('/api/session')).json();
  const refused = await page.request.post('/auth/sign-out', { headers: { Origin: baseURL! } });
  expect(refused.status()).toBe(403);

  const out = await page.request.post('/auth/sign-out', {
    headers: { Origin: baseURL!, 'X-CSRF-Token': csrfToken },
  });
  expect(out.status()).toBe(204);
  expect(await (await page.request.get('/api/session')).json()).toEqual({
    signedIn: false,
    mode: 'sandbox',
  });
  await page.goto(DEEP_LINK);
  await expect(page).toHaveURL(/\/oauth\/v2\/auth\?/);
  await signInThroughConsentPage(page, 'Patricia Boyle', DEEP_LINK);
  await expect(page).toHaveURL(DEEP_LINK);
});

test.describe('as a user whose profile may not read attachments', () => {
  test.use({ demoUser: 'Sam Rivera' });

  test("Bigin's NO_PERMISSION reaches the banner", async ({ page }) => {
    await page.goto(DEEP_LINK);
    await expect(page.getByRole('alert')).toContainText('NO_PERMISSION');
  });
});
