import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DocumentedUser } from '../shared/bigin-attachment.ts';
import { requireAttachmentAccess, requireModule, type Caller } from './bigin-access.ts';
import { contentDisposition } from '../shared/content-disposition.ts';
import { decodeFormFileName } from '../shared/form-file-name.ts';
import { BiginFailure } from './bigin-failure.ts';
import { contentTypeFor } from './file-bytes.ts';
import { requireSizedBody } from './sized-body.ts';
import { pageOf, pickFields, readPaging, type PageQuery } from './paging.ts';
import { toWireAttachment } from './seed.ts';
import type { StoredAttachment } from './seed-types.ts';
import type { SandboxStore } from './store.ts';

export interface RouteContext {
  store: SandboxStore;
  caller: (request: FastifyRequest) => Caller;
  maxUploadBytes: number;
}

type RecordParams = { module: string; recordId: string };
type AttachmentParams = RecordParams & { attachmentId: string };

/** `resource_path_index` 1: the record id in `/{module}/{record_id}/Attachments`. */
function requireRecord(store: SandboxStore, module: string, recordId: string) {
  const record = store.findRecord(module, recordId);
  if (!record) {
    throw new BiginFailure('INVALID_DATA', { resource_path_index: 1 });
  }
  return record;
}

const unknownAttachment = () =>
  new BiginFailure('INVALID_DATA', { resource_path_index: 3 }, 'the id given seems to be invalid');

/** Bigin's attachment endpoints under `/{module}/{record_id}/Attachments`. */
export function registerAttachmentRoutes(api: FastifyInstance, ctx: RouteContext): void {
  registerReadRoutes(api, ctx);
  registerWriteRoutes(api, ctx);
}

function registerReadRoutes(api: FastifyInstance, ctx: RouteContext): void {
  const { store } = ctx;

  api.get<{ Params: RecordParams; Querystring: PageQuery & { fields?: string } }>(
    '/:module/:recordId/Attachments',
    async (request, reply) => {
      const { module, recordId } = request.params;
      requireModule(module);
      requireAttachmentAccess(ctx.caller(request), module, 'READ');
      requireRecord(store, module, recordId);
      const { page, perPage } = readPaging(request.query);
      const found = pageOf(store.attachmentsOf(module, recordId), page, perPage);
      // Bigin answers 204 with no body when there is nothing to list.
      if (!found) return reply.code(204).send();
      const data = found.data.map((a) => pickFields(toWireAttachment(a), request.query.fields));
      return { data, info: found.info };
    },
  );

  api.get<{ Params: AttachmentParams }>(
    '/:module/:recordId/Attachments/:attachmentId',
    async (request, reply) => {
      const { module, recordId, attachmentId } = request.params;
      requireModule(module);
      requireAttachmentAccess(ctx.caller(request), module, 'READ');
      requireRecord(store, module, recordId);
      const attachment = store.findAttachment(module, recordId, attachmentId);
      // Bigin answers 204 with no body for an attachment id the record does not have (CRM's
      // getAttachmentById; Zoho's SDKs expect it), where a delete of it is INVALID_DATA.
      if (!attachment) return reply.code(204).send();
      // A link has no bytes to give: the caller should open $link_url instead.
      if (!attachment.recipe) throw new BiginFailure('DOWNLOAD_NOT_ALLOWED');
      const bytes = await store.readBytes(attachment.recipe);
      return reply
        .type(attachment.contentType)
        .header('Content-Disposition', contentDisposition('attachment', attachment.File_Name))
        .send(bytes);
    },
  );
}

function registerWriteRoutes(api: FastifyInstance, ctx: RouteContext): void {
  const { store } = ctx;

  api.post<{ Params: RecordParams; Querystring: { attachmentUrl?: string; title?: string } }>(
    '/:module/:recordId/Attachments',
    async (request) => {
      // Before anything else, as a strict server's HTTP layer refuses it.
      requireSizedBody(request);
      const { module, recordId } = request.params;
      requireModule(module);
      const caller = ctx.caller(request);
      requireAttachmentAccess(caller, module, 'CREATE');
      requireRecord(store, module, recordId);
      const upload = await readUpload(request, ctx.maxUploadBytes);
      const saved = await saveUpload(store, { module, recordId, user: userRef(caller) }, upload);
      return writeSuccess(saved, 'attachment uploaded successfully');
    },
  );

  api.delete<{ Params: AttachmentParams }>(
    '/:module/:recordId/Attachments/:attachmentId',
    async (request) => {
      const { module, recordId, attachmentId } = request.params;
      requireModule(module);
      requireAttachmentAccess(ctx.caller(request), module, 'DELETE');
      requireRecord(store, module, recordId);
      if (!(await store.deleteAttachment(module, recordId, attachmentId))) {
        throw unknownAttachment();
      }
      return { data: [deleted(attachmentId)] };
    },
  );

  // [CRM] `DELETE .../Attachments?ids=a,b`: one item per id; a failed one is an error item
  // inside a 200 answer.
  api.delete<{ Params: RecordParams; Querystring: { ids?: string } }>(
    '/:module/:recordId/Attachments',
    async (request) => {
      const { module, recordId } = request.params;
      requireModule(module);
      requireAttachmentAccess(ctx.caller(request), module, 'DELETE');
      requireRecord(store, module, recordId);
      const ids = (request.query.ids ?? '').split(',').filter(Boolean);
      if (ids.length === 0) throw new BiginFailure('REQUIRED_PARAM_MISSING', { param_name: 'ids' });
      const data = [];
      for (const id of ids) {
        data.push(
          (await store.deleteAttachment(module, recordId, id))
            ? deleted(id)
            : {
                code: 'INVALID_DATA',
                details: { id },
                message: 'record not deleted',
                status: 'error',
              },
        );
      }
      return { data };
    },
  );
}

const userRef = ({ user }: Caller): DocumentedUser => ({ name: user.name, id: user.id });

const deleted = (id: string) => ({
  code: 'SUCCESS',
  details: { id },
  message: 'record deleted',
  status: 'success',
});

function writeSuccess(saved: StoredAttachment, message: string) {
  const { Modified_Time, Created_Time, id } = saved;
  const by = { name: saved.Created_By.name, id: saved.Created_By.id };
  return {
    data: [
      {
        code: 'SUCCESS',
        details: { Modified_Time, Modified_By: by, Created_Time, id, Created_By: by },
        message,
        status: 'success',
      },
    ],
  };
}

type Upload =
  | { kind: 'file'; fileName: string; bytes: Buffer }
  | { kind: 'link'; url: string; title: string | undefined };

/** A multipart `file`, or `attachmentUrl` (+ `title`) in the query or the form; never both. */
async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  const query = request.query as Record<string, string | undefined>;
  const fields: Record<string, string | undefined> = { ...query };
  let file: { fileName: string; bytes: Buffer } | undefined;
  if (request.isMultipart()) {
    try {
      for await (const part of request.parts({
        limits: { fileSize: maxBytes },
        preservePath: true,
      })) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          if (part.fieldname === 'file')
            file = { fileName: decodeFormFileName(part.filename) || 'file', bytes };
        } else if (typeof part.value === 'string') {
          fields[part.fieldname] = part.value;
        }
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new BiginFailure('FILE_SIZE_MORE_THAN_ALLOWED_SIZE', { limit: maxBytes });
      }
      throw error;
    }
  } else if (request.body && typeof request.body === 'object') {
    Object.assign(fields, request.body);
  }
  const url = fields.attachmentUrl;
  if (file && url) {
    throw new BiginFailure('INVALID_DATA', { param_name: 'attachmentUrl' }, 'invalid data');
  }
  if (file) return { kind: 'file', ...file };
  if (url !== undefined) return { kind: 'link', url, title: fields.title };
  throw new BiginFailure('REQUIRED_PARAM_MISSING', { param_name: 'file' });
}

async function saveUpload(
  store: SandboxStore,
  target: { module: string; recordId: string; user: DocumentedUser },
  upload: Upload,
): Promise<StoredAttachment> {
  if (upload.kind === 'file') {
    const { fileName, bytes } = upload;
    return store.addAttachment({
      ...target,
      fileName,
      bytes,
      contentType: contentTypeFor(fileName),
    });
  }
  const { url, title } = upload;
  if (url.length > 3000) {
    throw new BiginFailure(
      'INVALID_DATA',
      { param_name: 'attachmentUrl', maximum_length: 3000 },
      'invalid data',
    );
  }
  if (!/^https?:\/\/[^\s]+$/i.test(url) || !URL.canParse(url)) {
    // The CRM spec answers a malformed link with this code, as a 400.
    throw new BiginFailure('INVALID_URL_PATTERN', {}, 'the given attachment URL is incorrect', {
      status: 400,
    });
  }
  if (title !== undefined && (title.length === 0 || title.length > 255)) {
    throw new BiginFailure(
      'INVALID_DATA',
      { param_name: 'title', maximum_length: 255 },
      'invalid data',
    );
  }
  // A link must be unique on its record.
  if (store.attachmentsOf(target.module, target.recordId).some((a) => a.$link_url === url)) {
    throw new BiginFailure('DUPLICATE_DATA', { param_name: 'attachmentUrl' });
  }
  return store.addAttachment({
    ...target,
    fileName: title ?? url,
    linkUrl: url,
    contentType: 'text/uri-list',
  });
}
