import { buildSandbox } from './app.ts';
import { sandboxOptionsFromEnv } from './main-options.ts';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.SANDBOX_PORT ?? 8090);
const options = sandboxOptionsFromEnv();
const sandbox = await buildSandbox(options);
await sandbox.listen({ host, port });
console.log(`Sandbox (Bigin + Zoho Accounts stand-in) at http://${host}:${port}`);
console.log(`Data in ${options.dataDir}${options.controlRoutes ? '; control routes on' : ''}`);
