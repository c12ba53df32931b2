import { queryOptions } from '@tanstack/react-query';
import {
  apiPaths,
  DEFAULT_MAX_UPLOAD_BYTES,
  sessionSchema,
  type Session,
} from '../../shared/api-contract.ts';
import { apiGet } from './api-client.ts';

/** The session's query keys (one: the session is one fact per visit). */
export const sessionKeys = {
  all: ['session'] as const,
};

/** Who is signed in, and the proxy's limits; read once per visit. */
export const sessionQuery = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: ({ signal }) => apiGet(apiPaths.session(), sessionSchema, signal),
    staleTime: Infinity,
  });

/** The upload limit the proxy names, else Bigin's documented 20 MB. */
export const maxUploadBytesOf = (session: Session | undefined) =>
  session?.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
