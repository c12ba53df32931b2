import { z } from 'zod';

/**
 * A module's API name as it may appear in a URL: letters, digits and underscores only, so that
 * nothing else can ever be spliced into an upstream path. Unknown names still pass: Bigin itself
 * decides whether a module exists (INVALID_MODULE).
 */
export const moduleNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/, 'a module name is letters, digits and underscores');

/** The modules of a Bigin org, as `GET /bigin/v1/settings/modules` lists them. */
export const moduleInfoSchema = z.object({
  api_name: z.string(),
  plural_label: z.string(),
  singular_label: z.string(),
  api_supported: z.boolean(),
});
export type ModuleInfo = z.infer<typeof moduleInfoSchema>;

export const moduleListSchema = z.object({ modules: z.array(moduleInfoSchema) });
