import { buildSandbox } from './app.ts';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.SANDBOX_PORT ?? 8090);
const sandbox = await buildSandbox();
await sandbox.listen({ host, port });
console.log(`Sandbox (Bigin + Zoho Accounts stand-in) at http://${host}:${port}`);
