import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh sandbox data folder per test file, so tests never touch `data/` or each other. */
export const tempDataDir = () => mkdtempSync(path.join(tmpdir(), 'bigin-sandbox-'));
