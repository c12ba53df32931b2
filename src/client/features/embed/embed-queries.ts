import { queryOptions } from '@tanstack/react-query';
import { embedContextSchema, embedPaths } from '../../../shared/embed-contract.ts';
import { apiGet } from '../../lib/api-client.ts';

/** The widget's query keys, general to specific. */
export const embedKeys = {
  all: ['embed'] as const,
  context: (token: string | null) => [...embedKeys.all, 'context', token] as const,
};

/** Which origins may frame the widget and what the signed link (if any) grants; read once. */
export const embedContextQuery = (token: string | null) =>
  queryOptions({
    queryKey: embedKeys.context(token),
    queryFn: ({ signal }) => apiGet(embedPaths.context(), embedContextSchema, signal),
    staleTime: Infinity,
  });
