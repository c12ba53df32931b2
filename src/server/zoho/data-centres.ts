/** Zoho's data centres: the accounts server and the API domain of each (multi-DC OAuth). */
export const ZOHO_DATA_CENTRES = [
  { location: 'us', accounts: 'https://accounts.zoho.com', api: 'https://www.zohoapis.com' },
  { location: 'eu', accounts: 'https://accounts.zoho.eu', api: 'https://www.zohoapis.eu' },
  { location: 'in', accounts: 'https://accounts.zoho.in', api: 'https://www.zohoapis.in' },
  { location: 'au', accounts: 'https://accounts.zoho.com.au', api: 'https://www.zohoapis.com.au' },
  { location: 'jp', accounts: 'https://accounts.zoho.jp', api: 'https://www.zohoapis.jp' },
  { location: 'cn', accounts: 'https://accounts.zoho.com.cn', api: 'https://www.zohoapis.com.cn' },
  { location: 'sa', accounts: 'https://accounts.zoho.sa', api: 'https://www.zohoapis.sa' },
  { location: 'ca', accounts: 'https://accounts.zohocloud.ca', api: 'https://www.zohoapis.ca' },
  { location: 'uk', accounts: 'https://accounts.zoho.uk', api: 'https://www.zohoapis.uk' },
] as const;

/**
 * Decides which hosts the proxy will send a code, a refresh token or an access token to: Zoho's
 * own data centres, or exactly the URLs it was configured with. The callback's `accounts-server`
 * and the token answer's `api_domain` come from the network, so nothing else is trusted.
 */
export class TrustedOrigins {
  private readonly accounts: Set<string>;
  private readonly api: Set<string>;

  constructor(extra: { accounts?: (string | undefined)[]; api?: (string | undefined)[] } = {}) {
    this.accounts = new Set(ZOHO_DATA_CENTRES.map((dc) => dc.accounts));
    this.api = new Set(ZOHO_DATA_CENTRES.map((dc) => dc.api));
    for (const url of extra.accounts ?? []) if (url) this.accounts.add(new URL(url).origin);
    for (const url of extra.api ?? []) if (url) this.api.add(new URL(url).origin);
  }

  /** The origin of `value` when it is one of the trusted accounts servers, else undefined. */
  accountsServer(value: string): string | undefined {
    return matchOrigin(value, this.accounts);
  }

  /** The origin of `value` when it is one of the trusted API domains, else undefined. */
  apiDomain(value: string): string | undefined {
    return matchOrigin(value, this.api);
  }
}

/**
 * Only a bare origin matches: no user info, no path beyond "/", no query, no fragment. The
 * comparison is on the parsed origin, so `https://accounts.zoho.com.evil.example` and
 * `https://accounts.zoho.com@evil.example` do not match.
 */
function matchOrigin(value: string, allowed: ReadonlySet<string>): string | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.username || url.password || url.search || url.hash) return undefined;
  if (url.pathname !== '/' && url.pathname !== '') return undefined;
  return allowed.has(url.origin) ? url.origin : undefined;
}
