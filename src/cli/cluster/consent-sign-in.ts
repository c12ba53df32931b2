/**
 * Signs in through the app at `appUrl` and the sandbox's consent page, as a browser does with
 * its form, choosing `user`; answers the `Cookie` header that carries the session. For the
 * bench and the tests of several instances (a real browser does it in e2e/).
 */
export async function signInAtConsentPage(appUrl: string, user = 'Patricia Boyle') {
  const started = await fetch(`${appUrl}/auth/sign-in?returnTo=%2F`, { redirect: 'manual' });
  const pending = started.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const consent = new URL(started.headers.get('location') ?? '', appUrl);
  const page = await (await fetch(consent)).text();
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(page);
  if (!form) throw new Error(`no consent form at ${consent.origin}`);
  const fields = new URLSearchParams();
  for (const m of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(m[1]!, m[2]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  }
  const button = new RegExp(`<button[^>]*name="([^"]+)" value="([^"]+)"[^>]*>${user}</button>`);
  const chosen = button.exec(form[2]!);
  if (!chosen) throw new Error(`the consent page does not offer ${user}`);
  fields.set(chosen[1]!, chosen[2]!);
  const consented = await fetch(new URL(form[1]!, consent), {
    method: 'POST',
    body: fields,
    redirect: 'manual',
  });
  const callback = await fetch(consented.headers.get('location') ?? '', {
    headers: { cookie: pending.join('; ') },
    redirect: 'manual',
  });
  const session = callback.headers
    .getSetCookie()
    .filter((c) => !/max-age=0|expires=thu, 01 jan 1970/i.test(c))
    .map((c) => c.split(';')[0]!);
  if (!session.length) throw new Error(`no session from ${appUrl} (${callback.status})`);
  return session.join('; ');
}
