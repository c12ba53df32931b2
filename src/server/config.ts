import { z } from 'zod';

const port = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(0, 'a port is 0 to 65535')
    .max(65535, 'a port is 0 to 65535')
    .default(fallback);
const optionalUrl = z
  .url({ message: 'must be an absolute URL such as https://accounts.zoho.com' })
  .optional();

const envSchema = z.object({
  PORT: port(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_PORT: port(8090),
  ZOHO_CLIENT_ID: z.string().min(1).optional(),
  ZOHO_CLIENT_SECRET: z.string().min(1).optional(),
  ZOHO_ACCOUNTS_URL: z.url().default('https://accounts.zoho.com'),
  BIGIN_API_BASE: optionalUrl,
  ZOHO_REFRESH_TOKEN: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

export type Config = Env & {
  /** No Zoho client is configured: the built-in sandbox is the back end. */
  sandbox: boolean;
};

/** Reads the environment once at start-up; a bad value stops the start with what to set. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`The configuration is not valid; set these variables:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const sandbox = !c.ZOHO_CLIENT_ID;
  if (!sandbox && !c.ZOHO_CLIENT_SECRET) {
    throw new Error(
      "The configuration is not valid; set these variables:\n  ZOHO_CLIENT_SECRET: required with ZOHO_CLIENT_ID (from Zoho's API console)",
    );
  }
  return { ...c, sandbox };
}
