import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildSandbox } from '../sandbox/app.ts';
import { SANDBOX_CLIENT, SELF_CLIENT_REFRESH_TOKENS } from '../sandbox/sandbox-client.ts';
import { DOC_REQUEST_RECORD_ID } from '../sandbox/seed-ids.ts';
import { DEMO_USERS } from '../sandbox/seed.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { registerExampleHost } from './embed/example-host.ts';
import { PreviewLinks } from './preview/preview-links.ts';
import { buildPreviewServer } from './preview/preview-server.ts';
import { openState, type OpenedState } from './state/open-state.ts';
import { redisOf } from './state/redis-store.ts';
import { Sealer } from './state/sealed.ts';
import { SharedSemaphore } from './state/shared-semaphore.ts';
import { AccountsClient } from './zoho/accounts-client.ts';
import { BiginClient } from './zoho/bigin-client.ts';
import { TrustedOrigins } from './zoho/data-centres.ts';
import { serviceUser } from './zoho/service-user.ts';
import { TokenManager } from './zoho/token-manager.ts';
import type { SendStreamed } from './zoho/streamed-request.ts';
import { Upstream } from './zoho/upstream.ts';
import { listeningUrl } from '../shared/listening-url.ts';

export interface Started {
  appUrl: string;
  sandboxUrl: string | undefined;
  /** The preview origin, when previews have one (PREVIEW_ORIGIN, or their own port). */
  previewUrl: string | undefined;
  close: () => Promise<void>;
}

export interface StartOptions {
  /**
   * The proxy's log (JSON lines, one per request): to `stream` (stdout when absent) from `level`
   * up. None when absent: main.ts passes LOG_LEVEL's, tests pass a stream of their own.
   */
  logger?: { stream?: { write(line: string): void }; level?: string };
  /** For tests: the fetch every Zoho call uses (to count or record them). */
  fetch?: typeof fetch;
  /** For tests: how streamed uploads are sent (to count or record them). */
  sendStreamed?: SendStreamed;
  /** For tests: the sandbox's access-token lifetime. */
  sandboxAccessTokenTtlMs?: number;
  now?: () => number;
}

/**
 * Starts the proxy and, when no Zoho client is configured, the sandbox beside it. The proxy is the
 * same either way: only the base URLs and credentials differ.
 */
export async function start(
  config: Config,
  log: (line: string) => void = console.log,
  options: StartOptions = {},
): Promise<Started> {
  // First, so that a Redis that cannot be reached stops the start before anything listens.
  const opened = await openState(config, (level, message) =>
    log(`${level === 'warn' ? 'Warning: ' : ''}${message}`),
  );
  try {
    return await startOn(config, log, options, opened);
  } catch (error) {
    await opened.state.close();
    throw error;
  }
}

async function startOn(
  config: Config,
  log: (line: string) => void,
  options: StartOptions,
  { state, sessionSecret, describe }: OpenedState,
): Promise<Started> {
  const shared = {
    store: state,
    sealer: new Sealer([sessionSecret, config.SESSION_SECRET_PREVIOUS].filter(isSet)),
  };
  let sandbox: FastifyInstance | undefined;
  let sandboxUrl: string | undefined;
  if (config.sandbox) {
    sandbox = await buildSandbox({
      controlRoutes: config.SANDBOX_CONTROL_ROUTES,
      dataDir: config.DATA_DIR,
      maxUploadBytes: config.MAX_UPLOAD_MB * 1024 * 1024,
      ...(options.sandboxAccessTokenTtlMs
        ? { accessTokenTtlMs: options.sandboxAccessTokenTtlMs }
        : {}),
    });
    if (config.embedSecret) {
      // Another origin than the app's, as a real host is: the sandbox's.
      registerExampleHost(sandbox, {
        appUrl: () => publicUrl,
        hostOrigin: () => sandboxUrl ?? '',
        secret: config.embedSecret,
        module: 'Contacts',
        recordId: DOC_REQUEST_RECORD_ID,
      });
    }
    await sandbox.listen({ host: config.HOST, port: config.SANDBOX_PORT });
    sandboxUrl = addressOf(sandbox);
  }
  // Without a list, only the sandbox's example host may frame the widget (sandbox mode).
  const embedOrigins = config.EMBED_ALLOWED_ORIGINS ?? (sandboxUrl ? [sandboxUrl] : []);
  const accountsUrl = sandboxUrl ?? config.ZOHO_ACCOUNTS_URL;
  const client = config.sandbox
    ? { clientId: SANDBOX_CLIENT.id, clientSecret: SANDBOX_CLIENT.secret }
    : { clientId: config.ZOHO_CLIENT_ID!, clientSecret: config.ZOHO_CLIENT_SECRET! };
  // Zoho's data centres, plus exactly what was configured (or the sandbox's own address).
  const trusted = new TrustedOrigins({
    accounts: [accountsUrl],
    api: [config.BIGIN_API_BASE, sandboxUrl],
  });
  const accounts = new AccountsClient({ client, trusted, fetch: options.fetch, now: options.now });
  const upstream = new Upstream({
    maxInFlight: config.BIGIN_MAX_IN_FLIGHT,
    // BIGIN_MAX_IN_FLIGHT is the organisation's, whichever instance calls.
    limiter: (orgKey) =>
      new SharedSemaphore(state, `bigin-slots:${orgKey}`, config.BIGIN_MAX_IN_FLIGHT, {
        leaseMs: config.BIGIN_SLOT_LEASE_SECONDS * 1000,
        fairShare: config.BIGIN_FAIR_SHARE,
        maxQueue: config.BIGIN_QUEUE_MAX,
      }),
    deadlineMs: config.BIGIN_CALL_DEADLINE_MS,
    slotWaitMs: config.BIGIN_SLOT_WAIT_MS,
    transferSlotWaitMs: config.BIGIN_TRANSFER_SLOT_WAIT_MS,
    fetch: options.fetch,
    sendStreamed: options.sendStreamed,
  });
  const bigin = new BiginClient({
    upstream,
    apiBase: config.BIGIN_API_BASE,
    apiVersion: config.BIGIN_API_VERSION,
  });

  let publicUrl = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : '';
  // Previews are shown from an origin of their own (docs/decisions/009-preview-origin.md).
  let previewOrigin = config.PREVIEW_ORIGIN ? new URL(config.PREVIEW_ORIGIN).origin : '';
  const previewLinks =
    config.previewPort === undefined
      ? undefined
      : new PreviewLinks(
          [sessionSecret, config.SESSION_SECRET_PREVIOUS].filter(isSet),
          shared.sealer,
          options.now,
        );
  const serviceTokens =
    config.mode === 'service'
      ? new TokenManager({
          accounts,
          accountsServer: accountsUrl,
          refreshToken: config.ZOHO_REFRESH_TOKEN!,
          now: options.now,
          shared,
        })
      : undefined;
  // Signed embed links act as the service user; in sandbox mode, as the sandbox's administrator.
  const embedTokens =
    serviceTokens ??
    (sandboxUrl
      ? new TokenManager({
          accounts,
          accountsServer: sandboxUrl,
          refreshToken: SELF_CLIENT_REFRESH_TOKENS['Patricia Boyle']!,
          now: options.now,
          shared,
        })
      : undefined);
  const app = await buildApp({
    bigin,
    sessionSecret,
    previousSessionSecret: config.SESSION_SECRET_PREVIOUS,
    state,
    publicUrl: () => publicUrl,
    serviceTokens,
    serviceUser:
      serviceTokens &&
      serviceUser({ accounts, accountsServer: accountsUrl, tokens: serviceTokens }),
    signIn:
      config.mode === 'service'
        ? undefined
        : {
            mode: config.mode,
            accounts,
            clientId: client.clientId,
            accountsUrl,
            trusted,
            tokenOptions: { now: options.now },
          },
    staticDir: path.resolve(config.APP_DIST_DIR),
    logger: options.logger,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    trustProxy: config.TRUST_PROXY,
    shutdownGraceMs: config.SHUTDOWN_GRACE_SECONDS * 1000,
    maxUploadBytes: config.MAX_UPLOAD_MB * 1024 * 1024,
    zipMaxEntries: config.ZIP_MAX_ENTRIES,
    requestTimeoutMs: config.REQUEST_TIMEOUT_SECONDS * 1000,
    connectionTimeoutMs: config.CONNECTION_TIMEOUT_SECONDS * 1000,
    bodyMinRate: {
      minBytes: config.BODY_MIN_BYTES_PER_WINDOW,
      windowMs: config.BODY_RATE_WINDOW_SECONDS * 1000,
    },
    embed: {
      allowedOrigins: () => embedOrigins,
      secret: config.embedSecret,
      tokens: embedTokens,
      sdkUrl: config.ZOHO_EMBED_SDK_URL,
    },
    preview: previewLinks && { links: previewLinks, origin: () => previewOrigin },
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  const appUrl = addressOf(app);
  // Without PUBLIC_URL, the app is where it listens (the sandbox accepts 127.0.0.1 and localhost).
  publicUrl ||= appUrl;
  const previews =
    previewLinks &&
    (await buildPreviewServer({
      links: previewLinks,
      bigin,
      sessions: app.sessions.store,
      serviceTokens,
      embedTokens,
      appOrigin: () => publicUrl,
      logger: options.logger,
      rateLimit: {
        perMinute: config.RATE_LIMIT_PER_MINUTE,
        redis: redisOf(state),
      },
    }));
  if (previews) {
    await previews.listen({ host: config.HOST, port: config.previewPort });
    previewOrigin ||= addressOf(previews);
  }

  log(`Bigin Attachments at ${publicUrl}`);
  log(describe);
  log(
    previews
      ? `Previews shown from their own origin, ${previewOrigin}`
      : 'Previews: no PREVIEW_ORIGIN, so a PDF is offered as a download and not shown (images, text and players are)',
  );
  if (sandboxUrl) {
    log(`Sandbox (a local stand-in for Zoho Bigin and Zoho Accounts) at ${sandboxUrl}`);
    if (config.SANDBOX_CONTROL_ROUTES) {
      log(`Sandbox control routes (faults, limits) are on at ${sandboxUrl}/__sandbox/`);
    }
    log(
      'The sandbox is in use because no Zoho client is configured (set ZOHO_CLIENT_ID and ZOHO_CLIENT_SECRET to use Zoho).',
    );
    if (config.mode !== 'service') log(signInHint(publicUrl));
  } else {
    log(`Using Zoho at ${config.ZOHO_ACCOUNTS_URL}`);
  }
  if (config.embedSecret) {
    log(
      `Embedding: framing allowed for ${embedOrigins.join(', ') || 'nobody'}${
        sandboxUrl ? `; example host at ${sandboxUrl}/embed-example` : ''
      }`,
    );
  }
  if (config.mode === 'service') {
    log(
      'Service mode: every request acts as the user of ZOHO_REFRESH_TOKEN, with no sign-in. Put the app behind your own sign-in.',
    );
  }
  return {
    appUrl,
    sandboxUrl,
    previewUrl: previews ? previewOrigin : undefined,
    // Drains: requests in flight finish within SHUTDOWN_GRACE_SECONDS (lifecycle.ts).
    close: async () => {
      await previews?.close();
      await app.close();
      await state.close();
      await sandbox?.close();
    },
  };
}

const isSet = (value: string | undefined): value is string => Boolean(value);

/** Who to choose on the sandbox's consent page: the first demo user may do everything. */
function signInHint(appUrl: string): string {
  const [everything, ...others] = DEMO_USERS;
  return (
    `Open ${appUrl} and choose ${everything!.name} on the sandbox's sign-in page (${everything!.shows}); ` +
    `${others.map((user) => user.name).join(', ')} show Bigin's refusals.`
  );
}

/** A URL a browser can open for a listening server. */
function addressOf(app: FastifyInstance): string {
  const url = listeningUrl(app.server.address());
  if (!url) throw new Error('not listening');
  return url;
}
