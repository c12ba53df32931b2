import { paintAppUnavailable } from './app/app-unavailable.ts';
import { paintFirstFrame } from './features/attachments/first-paint.ts';

/** How long the app's code waits for a first frame's rows before it loads anyway. */
const FIRST_ROWS_WAIT_MS = 200;

// A deep link's first frame needs none of the app's code, so it is painted first; the app's
// code, whose running holds the page up for a while, is asked for once the frame has its rows,
// which wait for the first page and the record's name (measured: ~40 ms sooner rows than loading
// both at once, and no later a grid).
const root = document.getElementById('root')!;
const firstPaint = paintFirstFrame(root, window.location);
const startApp = () => {
  // The record page (the grid) is asked for with the app's shell, not once the shell has run:
  // start.tsx waits for it over a first frame, and the browser runs each module once. A page
  // whose code does not arrive is start.tsx's to report (lazy-pages.ts), so a failure is left.
  if (firstPaint) {
    void import('./features/record-page/record-attachments-page.tsx').catch(() => undefined);
  }
  void import('./app/start.tsx').then(
    ({ start }) => start(firstPaint),
    () => paintAppUnavailable(root),
  );
};
if (firstPaint) {
  const wait = new Promise((resolve) => setTimeout(resolve, FIRST_ROWS_WAIT_MS));
  void Promise.race([Promise.all([firstPaint.firstPage, firstPaint.record]), wait])
    .catch(() => undefined)
    .then(() => setTimeout(startApp));
} else startApp();
