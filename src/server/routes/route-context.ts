import type { FastifyRequest } from 'fastify';
import type { BiginClient, TokenSource } from '../zoho/bigin-client.ts';
import type { NameFields } from '../zoho/name-fields.ts';

/** What every /api route needs: Bigin, and the tokens of whoever is asking. */
export interface RouteContext {
  bigin: BiginClient;
  /** Each module's name field, from Bigin's field metadata. */
  nameFields: NameFields;
  /** The caller's tokens; throws 401 PROXY_SIGNED_OUT when nobody is signed in. */
  tokensFor: (request: FastifyRequest) => TokenSource;
  /** Origins that may frame the embed pages (EMBED_ALLOWED_ORIGINS). */
  embedAllowedOrigins?: (() => readonly string[]) | undefined;
}

/** The routes that move files also need the upload limit. */
export interface FileRouteContext extends RouteContext {
  /** The largest upload, in bytes (`MAX_UPLOAD_MB`). */
  maxUploadBytes: number;
  /** The most files one ZIP may ask for (`ZIP_MAX_ENTRIES`, within the rate limit); 100 when absent. */
  zipMaxEntries?: number | undefined;
}
