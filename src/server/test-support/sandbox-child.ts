/**
 * The sandbox alone in a process of its own, so that the proxy's memory can be measured apart
 * from it: prints `SANDBOX <url>` once listening. MAX_UPLOAD_MB sets its upload limit.
 */
import { buildSandbox } from '../../sandbox/app.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../shared/api-contract.ts';

const sandbox = await buildSandbox({
  maxUploadBytes: process.env.MAX_UPLOAD_MB
    ? Number(process.env.MAX_UPLOAD_MB) * 1024 * 1024
    : DEFAULT_MAX_UPLOAD_BYTES,
  controlRoutes: true,
});
await sandbox.listen({ host: '127.0.0.1', port: 0 });
const address = sandbox.server.address();
if (typeof address === 'object' && address) console.log(`SANDBOX http://127.0.0.1:${address.port}`);
