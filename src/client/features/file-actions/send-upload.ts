import { ApiClientError } from '../../lib/api-client.ts';
import { uploadForm, writeResultOrThrow } from '../../lib/api-write.ts';
import { apiErrorSchema } from '../../../shared/api-contract.ts';

/** How an upload ended, when it did not succeed outright. */
export type UploadFailure =
  /** The user cancelled it. */
  | { kind: 'cancelled' }
  /** No answer, or an answer that says nothing definite (5xx): the file may have arrived. */
  | { kind: 'lost'; error: ApiClientError | null }
  /** A definite refusal (4xx): nothing was stored. */
  | { kind: 'refused'; error: ApiClientError };

export interface UploadHandle {
  done: Promise<void>;
  cancel: () => void;
}

const TIMEOUT_MS = 10 * 60_000;

/**
 * Sends one file as multipart `file`, its `size` stated first, reporting bytes sent.
 * XMLHttpRequest, because fetch reports no upload progress. Never retried here: Bigin has no
 * idempotency key.
 */
export function sendUpload(
  url: string,
  file: File,
  csrfToken: string,
  onProgress: (sent: number, total: number) => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  let cancelled = false;
  const done = new Promise<void>((resolve, reject) => {
    const fail = (failure: UploadFailure) => reject(failure);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    xhr.onload = () => {
      const body: unknown = safeJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          writeResultOrThrow(xhr.status, body);
          resolve();
        } catch (error) {
          fail({ kind: 'refused', error: error as ApiClientError });
        }
        return;
      }
      const envelope = apiErrorSchema.safeParse(body);
      const error = envelope.success ? new ApiClientError(xhr.status, envelope.data) : null;
      if (xhr.status >= 500 || !error) fail({ kind: 'lost', error });
      else fail({ kind: 'refused', error });
    };
    xhr.onerror = () => fail({ kind: 'lost', error: null });
    xhr.ontimeout = () => fail({ kind: 'lost', error: null });
    xhr.onabort = () => fail(cancelled ? { kind: 'cancelled' } : { kind: 'lost', error: null });
  });
  xhr.open('POST', url);
  xhr.timeout = TIMEOUT_MS;
  xhr.withCredentials = false;
  xhr.setRequestHeader('X-CSRF-Token', csrfToken);
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.send(uploadForm(file));
  return {
    done,
    cancel: () => {
      cancelled = true;
      xhr.abort();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
