/** The app's own addresses, built in one place. */
export const recordPath = (module: string, recordId: string) =>
  `/${encodeURIComponent(module)}/${encodeURIComponent(recordId)}`;

/** The pickers on the home page, opened on a module when one is given. */
export const pickerPath = (module?: string) =>
  module ? `/?${new URLSearchParams({ module }).toString()}` : '/';
