import { BIGIN_ERRORS } from '../../shared/bigin-error.ts';
import {
  photoResultSchema,
  writeResultSchema,
  type PhotoResult,
  type WriteResult,
} from '../../shared/bigin-write.ts';
import { ApiFailure } from '../api-failure.ts';
import { readJson } from '../zoho/bigin-client.ts';

/** The HTTP status an error item inside a 2xx answer is passed on with. */
const statusOf = (code: string) =>
  (BIGIN_ERRORS as Record<string, { status: number } | undefined>)[code]?.status ?? 400;

/**
 * Reads Bigin's answer to a write (upload, link, delete): `{"data":[{code, details, message,
 * status}]}`. Bigin reports a failed item with `"status":"error"` inside a 2xx answer; that is a
 * failure here, passed on with Bigin's code, message and details.
 */
export async function readWriteResult(response: Response): Promise<WriteResult> {
  const parsed = writeResultSchema.safeParse(await readJson(response));
  if (!parsed.success) {
    throw ApiFailure.proxy('PROXY_UPSTREAM_INVALID', { status: response.status });
  }
  const failed = parsed.data.data.find((item) => item.status === 'error');
  if (failed) {
    throw new ApiFailure(statusOf(failed.code), failed.code, failed.message, failed.details);
  }
  return parsed.data;
}

export async function readPhotoResult(response: Response): Promise<PhotoResult> {
  const body = await readJson(response);
  // Some of Zoho's write answers wrap the one item in `data`; both are read alike.
  const item = (body as { data?: unknown[] } | undefined)?.data?.[0] ?? body;
  const parsed = photoResultSchema.safeParse(item);
  if (!parsed.success) {
    throw ApiFailure.proxy('PROXY_UPSTREAM_INVALID', { status: response.status });
  }
  if (parsed.data.status === 'error') {
    const { code, message, details } = parsed.data;
    throw new ApiFailure(statusOf(code), code, message, details);
  }
  return parsed.data;
}
