/** The app's own addresses, built in one place. */
export const recordPath = (module: string, recordId: string) =>
  `/${encodeURIComponent(module)}/${encodeURIComponent(recordId)}`;
