import { queryOptions } from '@tanstack/react-query';
import { apiPaths, recordDetailSchema } from '../../../shared/api-contract.ts';
import { apiGet } from '../../lib/api-client.ts';
import { recordKeys } from '../../lib/record-keys.ts';

/** One record's name and whether its module can carry a photo. */
export const recordDetailQuery = (module: string, recordId: string) =>
  queryOptions({
    queryKey: recordKeys.detail(module, recordId),
    queryFn: ({ signal }) => apiGet(apiPaths.record(module, recordId), recordDetailSchema, signal),
  });
