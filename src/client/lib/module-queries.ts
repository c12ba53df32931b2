import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { apiPaths, moduleListResponseSchema } from '../../shared/api-contract.ts';
import type { ModuleInfo } from '../../shared/modules.ts';
import { apiAuthorization, apiGet, subscribeApiAuthorization } from './api-client.ts';
import { rememberedModuleLabel, rememberModuleLabels } from './module-labels.ts';

/** The modules' query keys (one: the org's list). */
export const moduleKeys = {
  all: ['modules'] as const,
};

/**
 * The org's modules, labelled as Bigin's settings name them ("Companies" is `Accounts`). An org
 * renames modules rarely, so the list is kept for the whole visit.
 */
export const modulesQuery = () =>
  queryOptions({
    queryKey: moduleKeys.all,
    queryFn: async ({ signal }) => {
      const answer = await apiGet(apiPaths.modules(), moduleListResponseSchema, signal);
      rememberModuleLabels(answer.modules);
      return answer;
    },
    staleTime: Infinity,
    // Only modules Bigin's API serves can have their records and attachments listed.
    select: (answer) => answer.modules.filter((m) => m.api_supported),
  });

/** A module's labels by its API name; undefined while loading or for a name the org lacks. */
export function useModuleInfo(apiName: string): ModuleInfo | undefined {
  const { data } = useQuery(modulesQuery());
  return data?.find((m) => m.api_name === apiName);
}

/**
 * The one name the app shows a module by: Bigin's singular label ("Pipeline", "Company"), as the
 * org's modules say, else as this browser last read them, else the API name.
 */
export function useModuleLabel(apiName: string): string {
  // A signed embed link reaches its one record only, not the org's module list (403).
  const linked = useSyncExternalStore(subscribeApiAuthorization, apiAuthorization) !== null;
  const { data } = useQuery({ ...modulesQuery(), enabled: !linked });
  const info = data?.find((m) => m.api_name === apiName);
  return info?.singular_label ?? rememberedModuleLabel(apiName) ?? apiName;
}
