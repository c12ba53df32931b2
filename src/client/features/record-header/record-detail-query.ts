import { queryOptions } from '@tanstack/react-query';
import { apiPaths, recordDetailSchema } from '../../../shared/api-contract.ts';
import { apiGet } from '../../lib/api-client.ts';

/** One record's name and whether its module can carry a photo. */
export const recordDetailQuery = (module: string, recordId: string) =>
  queryOptions({
    queryKey: ['records', module, 'detail', recordId],
    queryFn: ({ signal }) => apiGet(apiPaths.record(module, recordId), recordDetailSchema, signal),
  });
