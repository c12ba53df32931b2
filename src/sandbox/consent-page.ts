import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseScopes, grantedScopes } from './scopes.ts';
import { DEMO_USERS, findDemoUser } from './seed.ts';
import type { TokenStore } from './tokens.ts';

export interface ConsentOptions {
  tokens: TokenStore;
  clients: { id: string; isRegisteredRedirectUri: (uri: string) => boolean }[];
  origin: () => string;
}

type Params = Record<string, string | undefined>;

/**
 * As Zoho Accounts does, no page of the sandbox may be framed (a consent page in another site's
 * frame is a clickjacking target): every HTML answer says `frame-ancestors 'none'`, added to the
 * policy a page already has, and `X-Frame-Options: DENY` for browsers that know only that.
 */
export async function refuseFraming(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return;
  const policy = reply.getHeader('content-security-policy');
  if (typeof policy !== 'string' || !policy.includes('frame-ancestors')) {
    const ancestors = "frame-ancestors 'none'";
    reply.header('Content-Security-Policy', policy ? `${policy}; ${ancestors}` : ancestors);
  }
  reply.header('X-Frame-Options', 'DENY');
}

/**
 * Zoho Accounts' consent step (`/oauth/v2/auth`): instead of a password, the page lists the demo
 * users, each a button named after the user. Choosing one sends the browser back to
 * `redirect_uri` with `code`, `state`, `location` and `accounts-server`, as Zoho does.
 */
export function registerConsentPage(app: FastifyInstance, options: ConsentOptions): void {
  // An unknown client or an unregistered redirect URI gets an error page and never a redirect:
  // redirecting would hand a code to whoever wrote the link.
  const check = (params: Params, reply: FastifyReply) => {
    const client = options.clients.find((c) => c.id === params.client_id);
    if (!client) return void errorPage(reply, 'Invalid Client', 'The client_id is not registered.');
    const redirectUri = params.redirect_uri ?? '';
    if (!client.isRegisteredRedirectUri(redirectUri)) {
      return void errorPage(
        reply,
        'Invalid Redirect Uri',
        'The redirect_uri is not registered for this client.',
      );
    }
    return { clientId: client.id, redirectUri };
  };

  app.get('/oauth/v2/auth', async (request, reply) => {
    const params = request.query as Params;
    const checked = check(params, reply);
    if (!checked) return reply;
    if (params.response_type !== 'code') {
      return redirect(reply, checked.redirectUri, {
        error: 'unsupported_response_type',
        state: params.state,
      });
    }
    if (parseScopes(params.scope ?? '').length === 0) {
      return redirect(reply, checked.redirectUri, { error: 'invalid_scope', state: params.state });
    }
    return reply.type('text/html; charset=utf-8').send(consentHtml(params));
  });

  app.post('/oauth/v2/auth', async (request, reply) => {
    const params = (request.body ?? {}) as Params;
    const checked = check(params, reply);
    if (!checked) return reply;
    const user = findDemoUser(params.user_id ?? '');
    if (params.deny || !user) {
      return redirect(reply, checked.redirectUri, { error: 'access_denied', state: params.state });
    }
    const code = options.tokens.issueGrantCode({
      userId: user.id,
      clientId: checked.clientId,
      scopes: grantedScopes(parseScopes(params.scope ?? ''), user),
      redirectUri: checked.redirectUri,
      offline: params.access_type === 'offline',
    });
    return redirect(reply, checked.redirectUri, {
      code,
      state: params.state,
      location: 'us',
      'accounts-server': options.origin(),
    });
  });
}

function redirect(reply: FastifyReply, uri: string, query: Params): FastifyReply {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  return reply.redirect(url.toString(), 302);
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title></head>
<body><main>${body}</main></body>
</html>
`;

function errorPage(reply: FastifyReply, title: string, detail: string): void {
  reply
    .code(400)
    .type('text/html; charset=utf-8')
    .send(page(title, `<h1>${escape(title)}</h1><p>${escape(detail)}</p>`));
}

const FORWARDED = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'access_type',
  'prompt',
];

function consentHtml(params: Params): string {
  const hidden = FORWARDED.filter((k) => params[k] !== undefined)
    .map((k) => `<input type="hidden" name="${k}" value="${escape(params[k]!)}">`)
    .join('\n');
  const scopes = parseScopes(params.scope ?? '')
    .map((s) => `<li><code>${escape(s)}</code></li>`)
    .join('');
  const users = DEMO_USERS.map(
    (
      u,
    ) => `<li><button type="submit" name="user_id" value="${u.id}" aria-describedby="user-${u.id}">${escape(u.name)}</button>
<span id="user-${u.id}">${escape(u.email)}, ${escape(u.profile)}: ${escape(u.shows)}</span></li>`,
  ).join('\n');
  return page(
    'Sign in to Bigin (sandbox)',
    `<h1>Sign in to Bigin (sandbox)</h1>
<p>This is the sandbox's stand-in for Zoho Accounts. The application asks for:</p>
<ul>${scopes}</ul>
<form method="post" action="/oauth/v2/auth">
${hidden}
<h2>Choose a demo user</h2>
<ul>
${users}
</ul>
<p><button type="submit" name="deny" value="1">Deny</button></p>
</form>`,
  );
}
