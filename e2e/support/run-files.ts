/**
 * Where a browser-test run keeps its build, data, artifacts and JSON report. A run on other ports
 * (E2E_PORT, E2E_SANDBOX_PORT) keeps files of its own, so that two runs never share a folder:
 * Playwright empties its output folder when it starts.
 */
export function e2eRun(env: NodeJS.ProcessEnv = process.env) {
  const port = Number(env.E2E_PORT || 4180);
  const sandboxPort = Number(env.E2E_SANDBOX_PORT || 4181);
  // The preview origin's port: E2E_PREVIEW_PORT, else a free one the server picks (the specs
  // read the preview origin from the addresses the app hands out).
  const previewPort = Number(env.E2E_PREVIEW_PORT || 0);
  const suffix = env.E2E_PORT ? `-${port}` : '';
  return {
    port,
    sandboxPort,
    previewPort,
    distDir: suffix ? `test-results/dist${suffix}` : 'dist',
    dataDir: `test-results/sandbox-data${suffix}`,
    outputDir: `test-results/playwright${suffix}`,
    /** Read by `npm test` for its count. */
    reportFile: `test-results/e2e${suffix}.json`,
  };
}
