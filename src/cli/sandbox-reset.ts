/**
 * `npm run sandbox:reset`: puts the sandbox's data folder (DATA_DIR, default `data/sandbox`) back
 * to the seed. A sandbox running on that folder keeps what it holds in memory: restart it.
 */
import { SANDBOX_DATA_DIR_DEFAULT } from '../sandbox/main-options.ts';
import { buildSeed } from '../sandbox/seed.ts';
import { SandboxStore } from '../sandbox/store.ts';

const dataDir = process.env.DATA_DIR ?? SANDBOX_DATA_DIR_DEFAULT;
const store = await SandboxStore.open(buildSeed, { dataDir });
await store.reset();
console.log(`The sandbox's data in ${dataDir} is back to the seed (restart a running sandbox).`);
