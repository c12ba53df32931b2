import { expect, type APIRequestContext } from '@playwright/test';
import { e2eRun } from './run-files.ts';

/** The sandbox of the server Playwright started (its control routes are on in e2e). */
export const SANDBOX_URL = `http://127.0.0.1:${e2eRun().sandboxPort}`;

/** Adds a fault (see src/sandbox/README.md); scope it with `match` so specs do not collide. */
export async function addFault(request: APIRequestContext, fault: object): Promise<string> {
  const answer = await request.post(`${SANDBOX_URL}/__sandbox/faults`, { data: fault });
  expect(answer.status()).toBe(201);
  return ((await answer.json()) as { id: string }).id;
}

export const removeFault = (request: APIRequestContext, id: string) =>
  request.delete(`${SANDBOX_URL}/__sandbox/faults/${id}`);
