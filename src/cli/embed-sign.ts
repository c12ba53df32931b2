/**
 * `npm run embed:sign -- Contacts 1000000231009 [--actions view,download] [--ttl 600]
 * [--origin https://intranet.example.com]`: mints a signed embed link with EMBED_SECRET (in
 * sandbox mode, the development secret when none is set) and prints the widget's URL as the
 * last line. A host's own server does the same with HMAC-SHA256 (see the README).
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  embedActionSchema,
  embedPaths,
  type EmbedAction,
  type EmbedClaims,
} from '../shared/embed-contract.ts';
import { loadConfig } from '../server/config.ts';
import { signEmbedToken } from '../server/embed/embed-token.ts';

export interface SignedLink {
  url: string;
  claims: EmbedClaims;
}

/** Reads the command line and the environment; throws with what to fix. */
export function embedSignLink(
  argv: string[],
  env: Record<string, string | undefined>,
  nowMs = Date.now(),
): SignedLink {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      actions: { type: 'string', default: 'view,download' },
      ttl: { type: 'string', default: '600' },
      origin: { type: 'string' },
    },
  });
  const [module, recordId] = positionals;
  if (!module || !recordId) {
    throw new Error(
      'Usage: npm run embed:sign -- <Module> <recordId> [--actions view,download] [--ttl 600] [--origin https://host.example]',
    );
  }
  const actions = values.actions.split(',').map((a) => embedActionSchema.parse(a.trim()));
  const ttl = Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 7 * 24 * 3600) {
    throw new Error('--ttl is a number of seconds, from 1 to 604800 (7 days)');
  }
  const config = loadConfig(env);
  if (!config.embedSecret) {
    throw new Error(
      'EMBED_SECRET is not set: set it (at least 32 characters, `openssl rand -base64 48`).',
    );
  }
  const claims: EmbedClaims = {
    module,
    recordId,
    actions: [...new Set<EmbedAction>(actions)],
    exp: Math.floor(nowMs / 1000) + ttl,
    ...(values.origin ? { origin: values.origin } : {}),
  };
  const base = config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
  const token = signEmbedToken(claims, config.embedSecret);
  return { url: `${new URL(base).origin}${embedPaths.widget(module, recordId, token)}`, claims };
}

function main(): void {
  try {
    const { url, claims } = embedSignLink(process.argv.slice(2), process.env);
    console.log(
      `Embed link for ${claims.module} ${claims.recordId} (${claims.actions.join(', ')}), valid until ${new Date(claims.exp * 1000).toISOString()}:`,
    );
    console.log(url);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
