/** A minimal browser for tests over real sockets: keeps cookies, does not follow redirects. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();

  constructor(readonly origin: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(pathOrUrl, this.origin);
    const headers = new Headers(init.headers);
    if (url.origin === this.origin && this.cookies.size) headers.set('cookie', this.cookieHeader);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    if (url.origin === this.origin) {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq);
        const value = pair!.slice(eq + 1);
        if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) {
          this.cookies.delete(name);
        } else this.cookies.set(name, value);
      }
    }
    return response;
  }

  /** A write as the app sends it: same origin, with the session's CSRF token. */
  async write(path: string, method = 'POST', csrfToken?: string): Promise<Response> {
    const token = csrfToken ?? (await (await this.fetch('/api/session')).json()).csrfToken;
    return this.fetch(path, {
      method,
      headers: {
        Origin: this.origin,
        'Sec-Fetch-Site': 'same-origin',
        'X-CSRF-Token': token ?? '',
      },
    });
  }
}
