import { paintFirstFrame } from './features/attachments/first-paint.ts';

// A deep link's first frame needs none of the app's code: it is painted while that code loads.
const firstPaint = paintFirstFrame(document.getElementById('root')!, window.location);
void import('./app/start.tsx').then(({ start }) => start(firstPaint));
