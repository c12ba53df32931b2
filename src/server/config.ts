import { z } from 'zod';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../shared/api-contract.ts';
import { FETCH_BAD_PORTS } from './bad-ports.ts';
import {
  DEFAULT_BODY_MIN_RATE,
  DEFAULT_CONNECTION_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './body-guard.ts';
import { trustProxySchema } from './trust-proxy.ts';
import {
  DEFAULT_ZOHO_EMBED_SDK_URL,
  embedOriginsSchema,
  SANDBOX_EMBED_SECRET,
} from './embed/embed-config.ts';

const portNumber = z.coerce
  .number({ message: 'a port is a number from 0 to 65535' })
  .int('a port is a whole number')
  .min(0, 'a port is 0 to 65535')
  .max(65535, 'a port is 0 to 65535')
  .refine((p) => !FETCH_BAD_PORTS.has(p), {
    message:
      'browsers and Node\'s fetch refuse to connect to this port (a "bad port" of the Fetch standard, like 4190, 6000 or 6665-6669); choose another, such as 8080',
  });

const port = (fallback: number) => portNumber.default(fallback);

const absoluteUrl = (example: string) =>
  z.url({ protocol: /^https?$/, message: `must be an absolute http(s) URL such as ${example}` });

/** An origin with nothing after it: the app's routes are absolute, it cannot live under a path. */
const publicUrl = absoluteUrl('https://attachments.example.com').refine(
  (u) => {
    const url = new URL(u);
    return url.pathname === '/' && !url.search && !url.hash && !url.username;
  },
  {
    message: 'must be an origin only (scheme, host, port), such as https://attachments.example.com',
  },
);

/** A whole number of `unit` from `min` to `max`, each refusal naming the unit and the range. */
const wholeNumber = (unit: string, min: number, max: number) =>
  z.coerce
    .number({ message: `must be a number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be ${min} to ${max} ${unit}`)
    .max(max, `must be ${min} to ${max} ${unit}`);
const seconds = (min: number, max: number) => wholeNumber('seconds', min, max);
const milliseconds = (min: number, max: number) => wholeNumber('milliseconds', min, max);

const flag = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1')
  .default(false);

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: port(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: publicUrl.optional(),
  SANDBOX_PORT: port(8090),
  /**
   * Where previews are served from: an origin of their own (another host, or another port), so
   * that a file shown there, even by a viewer that ignores `CSP: sandbox`, runs outside the
   * app's origin. Its listener is at PREVIEW_PORT.
   */
  PREVIEW_ORIGIN: publicUrl.optional(),
  /** Where the preview origin's listener listens; in sandbox mode a free port by default. */
  PREVIEW_PORT: portNumber.optional(),
  SANDBOX_CONTROL_ROUTES: flag,
  ZOHO_CLIENT_ID: z.string().min(1).optional(),
  ZOHO_CLIENT_SECRET: z.string().min(1).optional(),
  ZOHO_ACCOUNTS_URL: absoluteUrl('https://accounts.zoho.com').default('https://accounts.zoho.com'),
  BIGIN_API_BASE: absoluteUrl('https://www.zohoapis.com').optional(),
  /** Bigin's API line: v2 is the one Zoho's pages document today; v1 is still answered. */
  BIGIN_API_VERSION: z.enum(['v1', 'v2'], { message: 'must be v1 or v2' }).default('v2'),
  ZOHO_REFRESH_TOKEN: z.string().min(1).optional(),
  SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters; generate one with `openssl rand -base64 48`')
    .optional(),
  /**
   * The secret before a rotation: sessions it signed and sealed stay readable (and are signed
   * again with SESSION_SECRET) until it is unset.
   */
  SESSION_SECRET_PREVIOUS: z
    .string()
    .min(32, 'must be at least 32 characters (the SESSION_SECRET used before this one)')
    .optional(),
  /**
   * Sessions, tokens and shared counts in Redis (or Valkey), for several instances; without it
   * they are kept under DATA_DIR, for this instance alone.
   */
  REDIS_URL: z
    .url({
      protocol: /^rediss?$/,
      message: 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379',
    })
    .optional(),
  // Bigin's own limit is 20 MB (CRM's 100 MB); more is for a Bigin that allows it, or for the
  // benchmark against the sandbox. Uploads are streamed, so the limit costs no memory.
  MAX_UPLOAD_MB: z.coerce
    .number({ message: 'must be a number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(1, 'must be 1 to 2048 (megabytes; Bigin itself takes at most 20)')
    .max(2048, 'must be 1 to 2048 (megabytes; Bigin itself takes at most 20)')
    .default(DEFAULT_MAX_UPLOAD_BYTES / (1024 * 1024)),
  // Each file of a ZIP is a call to Bigin, paid in API credits, and a request against the rate
  // limit (app.ts keeps it within RATE_LIMIT_PER_MINUTE).
  ZIP_MAX_ENTRIES: z.coerce
    .number({ message: 'must be a number of files' })
    .int('must be a whole number of files')
    .min(1, 'must be 1 to 500 (files in one ZIP)')
    .max(500, 'must be 1 to 500 (files in one ZIP)')
    .default(100),
  /** Where the sandbox keeps uploads and deletions across restarts (git-ignored). */
  DATA_DIR: z.string().min(1).default('data/sandbox'),
  /** The built app to serve (`vite build` output). */
  APP_DIST_DIR: z.string().min(1).default('dist'),
  BIGIN_MAX_IN_FLIGHT: z.coerce
    .number({ message: 'must be a number of concurrent calls' })
    .int()
    .min(1, 'must be 1 to 25 (Bigin allows 5 on the free edition, 25 at most)')
    .max(25, 'must be 1 to 25 (Bigin allows 5 on the free edition, 25 at most)')
    .default(5),
  /**
   * How long a call to Bigin holds its place in the organisation's budget without its instance
   * renewing it: an instance that dies frees its places after this long at most.
   */
  BIGIN_SLOT_LEASE_SECONDS: seconds(1, 300).default(10),
  /**
   * A session's (or embed link's) fair share of BIGIN_MAX_IN_FLIGHT while others want calls too:
   * holding this many, it waits behind them and never takes the slot kept for somebody else.
   */
  BIGIN_FAIR_SHARE: wholeNumber('calls', 1, 25).default(2),
  /** How long a listing, record or photo waits for a place among Bigin's calls: then 503 PROXY_BUSY. */
  BIGIN_SLOT_WAIT_MS: milliseconds(100, 120_000).default(10_000),
  /** How long a download or upload waits for a place: then 503 PROXY_BUSY. */
  BIGIN_TRANSFER_SLOT_WAIT_MS: milliseconds(100, 600_000).default(60_000),
  /** At most this many calls wait for a place in one instance; more are answered PROXY_BUSY. */
  BIGIN_QUEUE_MAX: wholeNumber('calls', 1, 10_000).default(200),
  /**
   * One deadline for a call to Bigin that is not a transfer, its retries included: a listing
   * Bigin does not answer is answered 504 PROXY_UPSTREAM_TIMEOUT after this long.
   */
  BIGIN_CALL_DEADLINE_MS: milliseconds(100, 120_000).default(20_000),
  /** Origins that may frame the embed pages, comma-separated. */
  EMBED_ALLOWED_ORIGINS: embedOriginsSchema.optional(),
  /** Signs embed links (HMAC-SHA256). */
  EMBED_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters; generate one with `openssl rand -base64 48`')
    .optional(),
  ZOHO_EMBED_SDK_URL: z
    .url({
      protocol: /^https?$/,
      message: "must be the http(s) address of Zoho's embedded-app SDK",
    })
    .default(DEFAULT_ZOHO_EMBED_SDK_URL),
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ message: 'must be a number of requests' })
    .int()
    .min(1, 'must be at least 1')
    .default(600),
  /**
   * On SIGTERM or SIGINT, how long requests in flight (an upload, a ZIP) may take to finish
   * before they are stopped and the process exits.
   */
  SHUTDOWN_GRACE_SECONDS: seconds(0, 3600).default(30),
  /**
   * How long a request may take to arrive whole, its body included (0: no limit). Generous: a
   * 100 MB upload over a 1 Mbit/s link takes some 14 minutes; BODY_MIN_BYTES_PER_WINDOW is what
   * lets a stalled sender go.
   */
  REQUEST_TIMEOUT_SECONDS: seconds(0, 86_400).default(DEFAULT_REQUEST_TIMEOUT_MS / 1000),
  /** A connection on which nothing moves either way for this long is closed (0: never). */
  CONNECTION_TIMEOUT_SECONDS: seconds(0, 86_400).default(DEFAULT_CONNECTION_TIMEOUT_MS / 1000),
  /**
   * A request body must bring at least this many bytes in each BODY_RATE_WINDOW_SECONDS while the
   * proxy reads it, else it is cut with 408 PROXY_BODY_TOO_SLOW (0: no minimum).
   */
  BODY_MIN_BYTES_PER_WINDOW: wholeNumber('bytes', 0, 100 * 1024 * 1024).default(
    DEFAULT_BODY_MIN_RATE.minBytes,
  ),
  BODY_RATE_WINDOW_SECONDS: seconds(1, 600).default(DEFAULT_BODY_MIN_RATE.windowMs / 1000),
  /** Which proxies in front (a load balancer) may say who the client is (X-Forwarded-For). */
  TRUST_PROXY: trustProxySchema,
  /** The log's least level (pino's names): `info` logs one line per request, `silent` nothing. */
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

export type Env = z.infer<typeof envSchema>;

/**
 * - `sandbox`: users sign in through the sandbox's consent page (no Zoho client configured);
 * - `zoho`: users sign in with their own Zoho accounts;
 * - `service`: every request acts as the one user of ZOHO_REFRESH_TOKEN, with no sign-in.
 */
export type SignInMode = 'sandbox' | 'zoho' | 'service';

export type Config = Env & {
  /** No Zoho client is configured: the built-in sandbox is the back end. */
  sandbox: boolean;
  mode: SignInMode;
  /**
   * No SESSION_SECRET (sandbox mode only): one made on the first start is kept under DATA_DIR
   * (state/open-state.ts), so that a restart keeps everyone signed in.
   */
  sessionSecretGenerated: boolean;
  /** EMBED_SECRET, or in sandbox mode outside production the documented development secret. */
  embedSecret: string | undefined;
  /**
   * Where the preview origin's listener listens (0: a free port), or undefined for none: with a
   * Zoho client and no PREVIEW_ORIGIN, a PDF is offered as a download and not shown.
   */
  previewPort: number | undefined;
};

const invalid = (lines: string[]) =>
  new Error(`The configuration is not valid; set these variables:\n${lines.join('\n')}`);

/** Reads the environment once at start-up; a bad value stops the start with what to set. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const sandbox = !c.ZOHO_CLIENT_ID;
  const mode: SignInMode = c.ZOHO_REFRESH_TOKEN ? 'service' : sandbox ? 'sandbox' : 'zoho';
  const problems: string[] = [];
  if (!sandbox && !c.ZOHO_CLIENT_SECRET) {
    problems.push("  ZOHO_CLIENT_SECRET: required with ZOHO_CLIENT_ID (from Zoho's API console)");
  }
  if (!sandbox && !c.SESSION_SECRET) {
    problems.push(
      '  SESSION_SECRET: required with a Zoho client (it signs the session cookie); at least 32 characters, e.g. from `openssl rand -base64 48`',
    );
  }
  if (mode === 'zoho' && !c.PUBLIC_URL) {
    problems.push(
      "  PUBLIC_URL: required with a Zoho client: the address users open, such as https://attachments.example.com; register <PUBLIC_URL>/auth/callback as the redirect URI in Zoho's API console",
    );
  }
  if (c.SANDBOX_CONTROL_ROUTES && c.NODE_ENV === 'production') {
    problems.push(
      "  SANDBOX_CONTROL_ROUTES: must not be true when NODE_ENV=production (they let anyone change the sandbox's faults and limits)",
    );
  }
  if (c.EMBED_SECRET && mode === 'zoho') {
    problems.push(
      '  EMBED_SECRET: signed embed links act as the user of ZOHO_REFRESH_TOKEN; set it too (or unset EMBED_SECRET)',
    );
  }
  if (c.SESSION_SECRET_PREVIOUS && !c.SESSION_SECRET) {
    problems.push(
      '  SESSION_SECRET_PREVIOUS: only with SESSION_SECRET (the new secret it was replaced by)',
    );
  }
  problems.push(...previewProblems(c, sandbox));
  if (problems.length) throw invalid(problems);

  // The development secret is public: only ever for the sandbox, and never in production.
  const embedSecret =
    c.EMBED_SECRET ?? (sandbox && c.NODE_ENV !== 'production' ? SANDBOX_EMBED_SECRET : undefined);
  return {
    ...c,
    sandbox,
    mode,
    sessionSecretGenerated: !c.SESSION_SECRET,
    embedSecret,
    previewPort: c.PREVIEW_ORIGIN || sandbox ? (c.PREVIEW_PORT ?? 0) : undefined,
  };
}

/** PREVIEW_ORIGIN is another origin than the app's, with a port to listen on for it. */
function previewProblems(c: Env, sandbox: boolean): string[] {
  const problems: string[] = [];
  if (
    c.PREVIEW_ORIGIN &&
    c.PUBLIC_URL &&
    new URL(c.PREVIEW_ORIGIN).origin === new URL(c.PUBLIC_URL).origin
  ) {
    problems.push(
      "  PREVIEW_ORIGIN: must be another origin than PUBLIC_URL's (another host, or another port), such as https://previews.attachments.example.com; on the app's own origin a PDF viewer could read the user's data",
    );
  }
  if (c.PREVIEW_ORIGIN && c.PREVIEW_PORT === undefined && !sandbox) {
    problems.push(
      '  PREVIEW_PORT: required with PREVIEW_ORIGIN: the port the previews listener listens on, which PREVIEW_ORIGIN reaches (through your reverse proxy)',
    );
  }
  if (!c.PREVIEW_ORIGIN && c.PREVIEW_PORT !== undefined && !sandbox) {
    problems.push(
      '  PREVIEW_PORT: only with PREVIEW_ORIGIN (the address browsers reach that port at) when a Zoho client is configured',
    );
  }
  return problems;
}
