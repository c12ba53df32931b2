import { z } from 'zod';
import { originSchema } from '../../shared/embed-contract.ts';

export const DEFAULT_ZOHO_EMBED_SDK_URL =
  'https://live.zwidgets.com/js-sdk/1.2/ZohoEmbededAppSDK.min.js';

/**
 * The secret embed links are signed with in sandbox mode when EMBED_SECRET is unset (never in
 * production): public, so that `npm run embed:sign` and the example host work out of the box.
 */
export const SANDBOX_EMBED_SECRET = 'sandbox-embed-secret-not-for-production-0000';

/** `EMBED_ALLOWED_ORIGINS`: comma-separated origins, each scheme, host and port only. */
export const embedOriginsSchema = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      originSchema.check(
        z.refine((o) => !o.includes('*'), {
          message:
            'each must be an exact origin (no wildcards), such as https://intranet.example.com',
        }),
      ),
    ),
  );
