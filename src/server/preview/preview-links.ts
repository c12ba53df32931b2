import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { biginIdSchema } from '../../shared/bigin-attachment.ts';
import { moduleNameSchema } from '../../shared/modules.ts';
import { ApiFailure } from '../api-failure.ts';
import type { Sealer } from '../state/sealed.ts';

/**
 * A preview link: the address of one file's bytes on the preview origin, good for a few minutes.
 * The preview origin gets no cookie it may rely on (docs/decisions/009-preview-origin.md), so the
 * link itself says whose file it is and is signed by the app's origin that minted it:
 * `pv1.<claims>.<signature>`, the claims JSON in base64url, the signature HMAC-SHA256 over
 * `pv1.<claims>` with a key derived from SESSION_SECRET, in base64url.
 */
export const PREVIEW_LINK_PREFIX = 'pv1';

/** How long a minted link may be opened: long enough to load, too short to be worth stealing. */
export const PREVIEW_LINK_TTL_MS = 5 * 60_000;

/** A link is one file's: anything longer is refused unread. */
const MAX_LINK_LENGTH = 4000;

/**
 * Who a link acts for: a signed-in session (its id, sealed: the link never shows it), a signed
 * embed link's grant (the service credentials, within the grant checked when it was minted), or
 * the one user of service mode.
 */
const principalSchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('session'), s: z.string().min(1) }),
  z.object({ k: z.literal('embed-link') }),
  z.object({ k: z.literal('service') }),
]);

const claimsSchema = z.object({
  p: principalSchema,
  m: moduleNameSchema,
  r: biginIdSchema,
  a: biginIdSchema,
  /** When it stops opening, in ms since the epoch. */
  e: z.number().int(),
  /** Besides the app, the hosts an embedded widget showing it may sit in (frame-ancestors). */
  h: z.array(z.string()).max(50),
});

export type PreviewPrincipal =
  { kind: 'session'; sessionId: string } | { kind: 'embed-link' } | { kind: 'service' };

export interface PreviewTarget {
  module: string;
  recordId: string;
  attachmentId: string;
}

/** What a verified link allows: one file, for one principal, framed by these hosts. */
export interface PreviewGrant extends PreviewTarget {
  principal: PreviewPrincipal;
  embedHosts: string[];
  expiresAt: number;
}

const previewFailure = (
  code: 'PROXY_PREVIEW_LINK_INVALID' | 'PROXY_PREVIEW_LINK_EXPIRED',
  details: Record<string, unknown> = {},
) => ApiFailure.proxy(code, details);

/** Mints and checks preview links; `secrets[0]` signs, every one (a rotation's) verifies. */
export class PreviewLinks {
  private readonly keys: Buffer[];

  constructor(
    secrets: readonly string[],
    private readonly sealer: Sealer,
    private readonly now: () => number = Date.now,
  ) {
    if (!secrets.length) throw new Error('PreviewLinks needs a secret');
    this.keys = secrets.map((secret) =>
      Buffer.from(hkdfSync('sha256', secret, 'bigin-attachments', 'preview links v1', 32)),
    );
  }

  /** A link's token for one file, good for PREVIEW_LINK_TTL_MS from now. */
  mint(
    target: PreviewTarget,
    principal: PreviewPrincipal,
    embedHosts: readonly string[],
  ): { token: string; expiresAt: number } {
    const expiresAt = this.now() + PREVIEW_LINK_TTL_MS;
    const claims: z.infer<typeof claimsSchema> = {
      p:
        principal.kind === 'session'
          ? { k: 'session', s: this.sealer.seal(principal.sessionId) }
          : { k: principal.kind },
      m: target.module,
      r: target.recordId,
      a: target.attachmentId,
      e: expiresAt,
      h: [...embedHosts],
    };
    const signed = `${PREVIEW_LINK_PREFIX}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return { token: `${signed}.${this.mac(this.keys[0]!, signed)}`, expiresAt };
  }

  /**
   * What a link this server minted allows; 401 PROXY_PREVIEW_LINK_INVALID when it is not one
   * (altered, another server's, malformed), 401 PROXY_PREVIEW_LINK_EXPIRED past its time. The
   * signature is checked before anything in it is read.
   */
  verify(token: string): PreviewGrant {
    const parts = token.length <= MAX_LINK_LENGTH ? token.split('.') : [];
    const [prefix, payload, signature] = parts;
    if (parts.length !== 3 || prefix !== PREVIEW_LINK_PREFIX || !payload || !signature) {
      throw previewFailure('PROXY_PREVIEW_LINK_INVALID');
    }
    const given = Buffer.from(signature);
    const signedWith = this.keys.some((key) => {
      const expected = Buffer.from(this.mac(key, `${prefix}.${payload}`));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!signedWith) throw previewFailure('PROXY_PREVIEW_LINK_INVALID');
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw previewFailure('PROXY_PREVIEW_LINK_INVALID');
    }
    const parsed = claimsSchema.safeParse(json);
    if (!parsed.success) throw previewFailure('PROXY_PREVIEW_LINK_INVALID');
    const claims = parsed.data;
    if (claims.e <= this.now()) {
      throw previewFailure('PROXY_PREVIEW_LINK_EXPIRED', { expired_at: claims.e });
    }
    return {
      module: claims.m,
      recordId: claims.r,
      attachmentId: claims.a,
      principal: this.principalOf(claims.p),
      embedHosts: claims.h,
      expiresAt: claims.e,
    };
  }

  private principalOf(p: z.infer<typeof principalSchema>): PreviewPrincipal {
    if (p.k !== 'session') return { kind: p.k };
    const sessionId = this.sealer.open(p.s);
    if (!sessionId) throw previewFailure('PROXY_PREVIEW_LINK_INVALID');
    return { kind: 'session', sessionId };
  }

  private mac(key: Buffer, signed: string): string {
    return createHmac('sha256', key).update(signed).digest('base64url');
  }
}
