import { z } from 'zod/mini';
import { readItems } from './bigin-attachment.ts';

/**
 * A module's API name as it may appear in a URL: letters, digits and underscores only, so that
 * nothing else can ever be spliced into an upstream path. Unknown names still pass: Bigin itself
 * decides whether a module exists (INVALID_MODULE).
 */
export const moduleNameSchema = z
  .string()
  .check(
    z.regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/, 'a module name is letters, digits and underscores'),
  );

/**
 * A module of a Bigin org, as `GET /settings/modules` lists it, read generously: only the API
 * name is needed; a missing label reads as the API name, and a module is served by the API
 * unless Bigin says it is not.
 */
export const moduleInfoSchema = z.pipe(
  z.looseObject({
    api_name: moduleNameSchema,
    plural_label: z.catch(z.optional(z.string()), undefined),
    singular_label: z.catch(z.optional(z.string()), undefined),
    api_supported: z.catch(z.boolean(), true),
  }),
  z.transform(({ api_name, plural_label, singular_label, api_supported }) => ({
    api_name,
    plural_label: plural_label || api_name,
    singular_label: singular_label || plural_label || api_name,
    api_supported,
  })),
);
export type ModuleInfo = z.infer<typeof moduleInfoSchema>;

/** `GET /settings/modules`: `{modules:[...]}`; an unreadable module is left out and counted. */
export const moduleListSchema = z.pipe(
  z.object({ modules: z.array(z.unknown()) }),
  z.transform(({ modules }) => {
    const { items, unreadable } = readItems(modules, moduleInfoSchema);
    return { modules: items, unreadable };
  }),
);
