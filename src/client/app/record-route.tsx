import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useParams } from 'react-router';
import { recordPageOf } from '../../shared/record-page.ts';
import { modulesQuery } from '../lib/module-queries.ts';
import { findModule } from '../lib/module-names.ts';
import { PageLoading } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { recordPath } from './paths.ts';

/**
 * `/:module/:recordId`, checked before the record's page is drawn: a module or id that no Bigin
 * address could hold is no page at all, and a module written otherwise than its API name
 * (`/contacts/...`, `/Companies/...`) goes to the right address. The org's modules are the
 * record header's own query, so this asks Bigin nothing more; a module that starts with a
 * capital, as every Bigin API name does, is drawn at once without waiting for them.
 */
export function RecordRoute({ children }: { children: ReactNode }) {
  const { module = '', recordId = '' } = useParams();
  const { search, hash } = useLocation();
  const valid = recordPageOf(`/${module}/${recordId}`) !== null;
  const modules = useQuery({ ...modulesQuery(), enabled: valid });
  if (!valid) return <NotFoundPage />;
  const known = modules.data && findModule(modules.data, module);
  if (known && known.api_name !== module) {
    return <Navigate to={`${recordPath(known.api_name, recordId)}${search}${hash}`} replace />;
  }
  const unsure = !/^[A-Z]/.test(module) && modules.isPending;
  return unsure ? <PageLoading /> : children;
}
