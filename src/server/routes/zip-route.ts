import { pipeline, Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIP_NOT_INCLUDED_ENTRY, zipRequestSchema } from '../../shared/api-contract.ts';
import { recordParamsSchema } from '../../shared/api-params.ts';
import { recordName, singleRecordSchema } from '../../shared/bigin-record.ts';
import { contentDisposition, fileNameFromDisposition } from '../../shared/content-disposition.ts';
import { ApiFailure } from '../api-failure.ts';
import { biginPath, type BiginClient, type TokenSource } from '../zoho/bigin-client.ts';
import { PartialEntry, ZipWriter } from '../zip-writer.ts';
import {
  cutByShutdown,
  requireAttachmentBytes,
  restoreFileHeaders,
  type Transfer,
  transferFor,
  useFileHeaders,
} from './file-transfer.ts';
import type { FileRouteContext } from './route-context.ts';
import { listChosen, withChosenNames } from './zip-listing.ts';
import { uniqueZipNames } from './zip-names.ts';

/** The most files one ZIP asks for when ZIP_MAX_ENTRIES does not say. */
export const DEFAULT_ZIP_MAX_ENTRIES = 100;

/** The ZIP's own calls in flight at once: within Bigin's 5, leaving room for the user's others. */
export const ZIP_PARALLEL_DOWNLOADS = 3;

interface Pending {
  id: string;
  response: Promise<Response>;
  /** Lets the call go once its bytes are in the ZIP (or given up). */
  release: () => void;
  call: Promise<void>;
}

/** One download, started now; its answer waits, unread, until the ZIP reaches it. */
function startDownload(
  bigin: BiginClient,
  tokens: TokenSource,
  path: string,
  transfer: Transfer,
): Omit<Pending, 'id'> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let handOver!: (r: Response) => void;
  let fail!: (e: unknown) => void;
  const response = new Promise<Response>((resolve, reject) => {
    handOver = resolve;
    fail = reject;
  });
  const call = bigin
    .exchange(tokens, { method: 'GET', path, signal: transfer.signal, noDeadline: true }, (r) => {
      handOver(r);
      return released;
    })
    .catch(fail);
  response.catch(() => undefined);
  return { response, release, call };
}

/**
 * `POST apiPaths.zip` `{ids, names?}`: the chosen attachments as one ZIP, streamed as it is
 * built.
 */
export const zipRoute: FastifyPluginAsyncZod<FileRouteContext> = async (app, context) => {
  const { bigin, tokensFor } = context;
  const zipMaxEntries = context.zipMaxEntries ?? DEFAULT_ZIP_MAX_ENTRIES;
  app.post(
    '/records/:module/:recordId/attachments/zip',
    {
      schema: { params: recordParamsSchema, body: zipRequestSchema },
      // The files' bytes, zipped: a download to an embed link.
      config: { embedAction: 'download' },
      onSend: restoreFileHeaders,
    },
    async (request, reply) => {
      const { module, recordId } = request.params;
      const chosen = request.body;
      const ids = [...new Set(chosen.ids)];
      if (ids.length > zipMaxEntries) {
        throw ApiFailure.proxy('PROXY_ZIP_TOO_MANY_FILES', {
          max_entries: zipMaxEntries,
          files: ids.length,
        });
      }
      // Each file counts as a request (the ZIP itself was one): refused whole, before any call
      // to Bigin, rather than cut off part-way.
      await request.server.chargeRequests?.(request, ids.length - 1, { zip_files: ids.length });
      const tokens = tokensFor(request);
      const title = await recordTitle(context, tokens, module, recordId);
      // Listed first: only ids of this record's attachments cost a call to Bigin (API credits).
      const listing = await listChosen(bigin, tokens, { module, recordId }, ids);
      const names = withChosenNames(listing, ids, chosen.names);
      const known = (id: string) => listing.listed.has(id) || !listing.complete;
      const zip = new ZipWriter();
      const transfer = transferFor(reply);
      reply
        .header('Content-Type', 'application/zip')
        .header('Content-Disposition', contentDisposition('attachment', `${title}.zip`));
      useFileHeaders(reply, { csp: 'sandbox', frameOptions: 'DENY' });
      void reply.send(zip.output);
      const path = (id: string) => biginPath([module, recordId, 'Attachments', id]);
      const gone = reasonOf(ApiFailure.proxy('PROXY_ATTACHMENT_GONE'));
      const unknown = ids.filter((id) => !known(id));
      await buildZip(
        zip,
        ids.filter(known),
        (id) => startDownload(bigin, tokens, path(id), transfer),
        { transfer, names, failures: unknown.map((id) => ({ id, reason: gone })) },
      );
      transfer.done();
      return reply;
    },
  );
};

interface Failure {
  id: string;
  name?: string;
  reason: string;
}

async function buildZip(
  zip: ZipWriter,
  ids: string[],
  start: (id: string) => Omit<Pending, 'id'>,
  options: { transfer: Transfer; names: Map<string, string>; failures: Failure[] },
): Promise<void> {
  const pending: Pending[] = [];
  const next = () => {
    const id = ids[pending.length];
    if (id !== undefined) pending.push({ id, ...start(id) });
  };
  for (let i = 0; i < ZIP_PARALLEL_DOWNLOADS; i++) next();
  const failures: Failure[] = [...options.failures];
  const names = uniqueZipNames([ZIP_NOT_INCLUDED_ENTRY]);
  for (let i = 0; i < ids.length; i++) {
    const item = pending[i]!;
    try {
      const response = await item.response;
      // An id Bigin no longer has: named in NOT-INCLUDED.txt, never an empty entry.
      await requireAttachmentBytes(response, item.id);
      const given = fileNameFromDisposition(response.headers.get('content-disposition'));
      const length = Number(response.headers.get('content-length') ?? 0);
      if (!zip.fits(length)) {
        await response.body?.cancel();
        failures.push({ id: item.id, name: given, reason: 'the ZIP reached its 4 GiB limit' });
      } else {
        const body = response.body ? Readable.fromWeb(response.body as never) : Readable.from([]);
        await zip.add(
          names.take(given ?? `attachment-${item.id}`),
          pipeline(body, options.transfer.meter(), () => undefined),
        );
      }
    } catch (error) {
      if (zip.output.destroyed) break;
      failures.push({ id: item.id, reason: reasonOf(error, options.transfer) });
    } finally {
      item.release();
      await item.call;
      next();
    }
  }
  if (zip.output.destroyed) {
    // The browser went away: let every call started go, and drop what they were bringing.
    for (const p of pending) {
      p.release();
      void p.response.then((r) => r.body?.cancel()).catch(() => undefined);
    }
    return;
  }
  if (failures.length) {
    const text = notIncludedText(
      failures.map((f) => ({ ...f, name: f.name ?? options.names.get(f.id) })),
    );
    await zip.add(ZIP_NOT_INCLUDED_ENTRY, [Buffer.from(text, 'utf8')]).catch(() => undefined);
  }
  await zip.finish().catch(() => undefined);
}

function reasonOf(error: unknown, transfer?: Transfer): string {
  if (error instanceof PartialEntry) {
    return `incomplete: the download broke off after ${error.bytesWritten} bytes, so the copy in this ZIP is cut short (${reasonOf(error.reason, transfer)})`;
  }
  // The shutdown's grace period ended: the ZIP is closed with what it holds (lifecycle.ts).
  if (transfer && cutByShutdown(transfer)) {
    return 'the server was restarting and stopped before this file was added; download it again';
  }
  if (error instanceof ApiFailure) return `${error.code}: ${error.message}`;
  return (error as Error)?.message ?? String(error);
}

/** What would break a line of NOT-INCLUDED.txt: control characters, Unicode line separators. */
// eslint-disable-next-line no-control-regex -- control characters are what it replaces
const LINE_BREAKING = /[\u0000-\u001f\u007f\u2028\u2029]/g;

/** One line per file: a name cannot break its line (a hostile name may hold CR or LF). */
function notIncludedText(failures: Failure[]): string {
  const lines = failures.map(
    (f) => `- ${f.name?.replace(LINE_BREAKING, ' ') ?? '(name unknown)'} [id ${f.id}]: ${f.reason}`,
  );
  return `These attachments are not (or not wholly) in this ZIP:\r\n${lines.join('\r\n')}\r\n`;
}

/** "<record name> attachments": the ZIP's name; the module and id when Bigin does not say. */
async function recordTitle(
  { bigin, nameFields }: Pick<FileRouteContext, 'bigin' | 'nameFields'>,
  tokens: TokenSource,
  module: string,
  id: string,
) {
  try {
    const [answer, nameField] = await Promise.all([
      bigin.getJson(tokens, biginPath([module, id]), singleRecordSchema),
      nameFields.of(tokens, module),
    ]);
    const record = answer?.record;
    return `${record ? recordName(nameField, record) : `${module} ${id}`} attachments`;
  } catch (error) {
    // A refusal to read the record says nothing about its attachments: try them anyway.
    if (error instanceof ApiFailure && error.httpStatus >= 500) throw error;
    return `${module} ${id} attachments`;
  }
}
