/**
 * Each module's singular label ("Pipeline" for `Pipelines`, "Company" for `Accounts`), kept in
 * this browser once the org's modules have been read, so that a deep link's first frame, drawn
 * before anything is asked of Bigin, names the module as the app then does. Imports nothing: the
 * first frame's script carries it.
 */
const KEY = 'bigin-attachments.module-labels';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage can be switched off (privacy settings, sandboxed iframes): then nothing is kept.
    return undefined;
  }
}

/** Keeps the labels of the org's modules (from `GET /api/modules`). */
export function rememberModuleLabels(
  modules: readonly { api_name: string; singular_label: string }[],
): void {
  const labels = Object.fromEntries(modules.map((m) => [m.api_name, m.singular_label]));
  try {
    storage()?.setItem(KEY, JSON.stringify(labels));
  } catch {
    // Full or refused: the first frame then shows the API name, until the app renders.
  }
}

/** The module's label as last read, if this browser has read the org's modules. */
export function rememberedModuleLabel(module: string): string | undefined {
  try {
    const labels: unknown = JSON.parse(storage()?.getItem(KEY) ?? '{}');
    if (!labels || typeof labels !== 'object' || !Object.hasOwn(labels, module)) return undefined;
    const label = (labels as Record<string, unknown>)[module];
    return typeof label === 'string' && label.trim() ? label : undefined;
  } catch {
    return undefined;
  }
}
