/**
 * Where a deep link's main thread goes until the data grid has its rows and takes a click (`npx
 * tsx bench/grid-trace.ts [runs] [--repeat]`): a production build against the sandbox, in
 * Chromium, with a timeline trace and a JavaScript CPU profile of each first visit (with
 * `--repeat`, of a visit after one that filled the caches). Prints, as medians over the runs:
 * - the timeline: when each script was asked for, arrived and ran, the first frame's row, the
 *   grid's first row and the grid ready (the client benchmark's: the task after the row's),
 * - the JavaScript by React's step (render, commit, layout effects, passive effects) and outside,
 * - main-thread time by phase (each chunk's compile and evaluation, style recalculation, layout,
 *   paint, garbage collection, other script),
 * - JavaScript self time by the package or source file it comes from (the profile mapped through
 *   the build's source maps), and the heaviest functions.
 * Figures for finding the time, not a pass or a fail.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { DOC_SAMPLE_RECORD_ID } from '../src/shared/doc-samples.ts';
import { buildAppInto, launchChromium, serveBuild } from './browser-stack.ts';

const RUNS = Number(process.argv[2] ?? 3);
/** What is counted after the grid ready: within the 300 ms the visit is traced past its first row. */
const AFTER_READY_MS = 250;
/** `--repeat` (anywhere among the arguments): each traced visit follows one that filled the caches. */
const REPEAT = process.argv.includes('--repeat');
/**
 * Builds given (`npx tsx bench/grid-trace.ts 5 /tmp/before /tmp/after`, each from `npx vite build
 * --outDir`) are compared: each served by a stack of its own, their runs taken in turn, so that
 * the machine's other load falls on both alike. Without any, the working tree is built.
 */
const work = mkdtempSync(path.join(tmpdir(), 'bigin-grid-trace-'));
const given = process.argv
  .slice(3)
  .filter((arg) => arg !== '--repeat')
  .map((dir) => path.resolve(dir));
if (given.length === 0) buildAppInto(path.join(work, 'dist'));
const dists = given.length > 0 ? given : [path.join(work, 'dist')];
const stacks = await Promise.all(
  dists.map((distDir, i) => serveBuild(distDir, path.join(work, `data-${i}`))),
);
/** Each app's origin, and the build it serves (for its source maps). */
const distOf = new Map(stacks.map((stack, i) => [new URL(stack.appUrl).origin, dists[i]!]));
const browser = await launchChromium();

const OBSERVE = `
  window.__trace = { firstRow: null, gridRow: null, gridReady: null };
  new MutationObserver((_, observer) => {
    const t = window.__trace;
    if (t.firstRow === null && document.querySelector('[role="cell"], .MuiDataGrid-row')) t.firstRow = performance.now();
    if (document.querySelector('.MuiDataGrid-row')) {
      t.gridRow = performance.now();
      observer.disconnect();
      // As the client benchmark's "grid ready": the task that drew the rows, and what it queued.
      setTimeout(() => { t.gridReady = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true });
`;

interface Marks {
  firstRow: number;
  gridRow: number;
  gridReady: number;
}
interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the slice. */
  tdur?: number;
  tid: number;
  pid: number;
  args?: { data?: Record<string, unknown>; [k: string]: unknown };
}
interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface Run {
  timeline: Map<string, number>;
  phases: Map<string, number>;
  bySource: Map<string, number>;
  byFunction: Map<string, number>;
  inclusive: Map<string, number>;
}

const shortUrl = (url: string) =>
  url
    .replace(/^https?:\/\/[^/]+/, '')
    .replace(/^\/assets\//, '')
    .replace(/-[\w-]{8}\.js$/, '');

const maps = new Map<string, TraceMap | null>();
function mapFor(url: string): TraceMap | null {
  if (!maps.has(url)) {
    const distDir = distOf.get(new URL(url).origin) ?? '';
    const file = path.join(distDir, 'assets', url.replace(/^.*\/assets\//, '') + '.map');
    let map: TraceMap | null = null;
    try {
      map = new TraceMap(readFileSync(file, 'utf8'));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url)!;
}

/** A profile frame's package (node_modules/<name>) or app source file, and its function. */
function origin(frame: ProfileNode['callFrame']): { source: string; fn: string } {
  if (!frame.url) return { source: `(${frame.functionName || 'program'})`, fn: frame.functionName };
  // A function from the code cache may come without a position (a repeat visit).
  const map = frame.url.includes('/assets/') && frame.lineNumber >= 0 ? mapFor(frame.url) : null;
  if (!map) return { source: shortUrl(frame.url), fn: frame.functionName || '(anonymous)' };
  const pos = originalPositionFor(map, {
    line: frame.lineNumber + 1,
    column: Math.max(frame.columnNumber, 0),
  });
  const file = pos.source ?? '?';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(file);
  // The grid's and MUI's packages by folder (a feature, a component), others whole.
  const [, name = '', rest = ''] = pkg ?? [];
  const folder = /^@mui\/(x-data-grid|material)$/.test(name)
    ? `/${rest.split('/').slice(0, -1).join('/')}`
    : '';
  const source = pkg ? `${name}${folder}` : file.replace(/^(\.\.\/)+/, '');
  const where = pkg ? `${name}/${rest}` : source;
  return { source, fn: `${pos.name ?? frame.functionName ?? '?'} ${where}:${pos.line ?? '?'}` };
}

function add(m: Map<string, number>, key: string, ms: number) {
  m.set(key, (m.get(key) ?? 0) + ms);
}

async function traceOnce(appUrl: string): Promise<Run> {
  const context = await browser.newContext({ baseURL: appUrl });
  await context.addInitScript(OBSERVE);
  const page = await context.newPage();
  if (REPEAT) {
    // The visit before, in the same browser context: the app's code is in the HTTP cache.
    await page.goto(`/Contacts/${DOC_SAMPLE_RECORD_ID}`);
    await page.waitForSelector('.MuiDataGrid-row');
    await page.goto('about:blank');
  }
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) =>
    events.push(...(value as unknown as TraceEvent[])),
  );
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'v8.execute',
        'blink.user_timing',
        'loading',
      ],
    },
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(`/Contacts/${DOC_SAMPLE_RECORD_ID}`);
  await page.waitForSelector('.MuiDataGrid-row');
  await page.waitForTimeout(300);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.send('Tracing.end');
  await done;
  if (process.env.TRACE_DUMP) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${process.env.TRACE_DUMP}.trace.json`, JSON.stringify(events));
    writeFileSync(`${process.env.TRACE_DUMP}.cpuprofile`, JSON.stringify(profile));
  }
  await page.waitForFunction('window.__trace.gridReady !== null');
  const marks = (await page.evaluate('window.__trace')) as Marks;
  const navStart = (await page.evaluate('performance.timeOrigin')) as number;
  await context.close();
  return summarise(events, profile, marks, navStart);
}

/** The renderer's main thread: the thread that ran the page's scripts. */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } {
  const named = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.ph === 'M',
  );
  const script = events.filter(
    (e) => e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule',
  );
  const pid = script[0]?.pid ?? named?.pid ?? 0;
  const tid =
    events.find(
      (e) => e.pid === pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
    )?.tid ??
    script[0]?.tid ??
    0;
  return { pid, tid };
}

function summarise(events: TraceEvent[], profile: Profile, marks: Marks, timeOrigin: number): Run {
  const { pid, tid } = mainThread(events);
  const nav =
    events.find(
      (e) =>
        e.name === 'navigationStart' &&
        e.pid === pid &&
        String(e.args?.data?.documentLoaderURL ?? '').includes('/Contacts/'),
    )?.ts ?? 0;
  const rel = (ts: number) => (ts - nav) / 1000;
  // Until the grid takes a click: the client benchmark's "grid ready".
  const end = nav + marks.gridReady * 1000;
  void timeOrigin;
  const timeline = new Map<string, number>();
  for (const e of events) {
    const url = String(e.args?.data?.url ?? '');
    const ours = url.includes('/assets/') || url.includes('/api/') || /\/Contacts\//.test(url);
    if (e.name === 'ResourceSendRequest' && ours)
      timeline.set(`asked   ${shortUrl(url)}`, rel(e.ts));
    if (e.name === 'ResourceFinish') {
      const req = events.find(
        (s) =>
          s.name === 'ResourceSendRequest' && s.args?.data?.requestId === e.args?.data?.requestId,
      );
      const u = String(req?.args?.data?.url ?? '');
      if (u.includes('/assets/') || u.includes('/api/') || /\/Contacts\//.test(u))
        timeline.set(`arrived ${shortUrl(u)}`, rel(e.ts));
    }
  }
  timeline.set('first frame row (DOM)', marks.firstRow);
  timeline.set('grid first row', marks.gridRow);
  timeline.set('grid ready (the task after the row)', marks.gridReady);
  timeline.set('from the first frame row to the grid row', marks.gridRow - marks.firstRow);
  // What a change to the app's own work moves, with the chunks' arrival (the network, the
  // server's load) left out: from the last of the app's code arriving to the grid ready.
  const codeArrived = Math.max(
    ...[...timeline]
      .filter(([k, ms]) => /^arrived (?!\/)/.test(k) && ms < marks.gridReady)
      .map(([, ms]) => ms),
  );
  timeline.set('from the last chunk arriving to the grid ready', marks.gridReady - codeArrived);

  // Phases: the main thread's slices, by kind, until the grid is ready. A module graph's
  // evaluation is named by the chunks compiled since the one before (the import it answers).
  const phases = new Map<string, number>();
  const main = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= nav && e.ts < end)
    .sort((a, b) => a.ts - b.ts);
  const slice = (e: TraceEvent) => Math.min(e.dur ?? 0, end - e.ts) / 1000;
  let compiled: string[] = [];
  let taskEnd = 0;
  for (const e of main) {
    const url = shortUrl(String(e.args?.data?.url ?? ''));
    if (e.name === 'v8.compileModule' || e.name === 'v8.compile') {
      compiled.push(url);
      add(phases, 'compile (main thread part)', slice(e));
    } else if (e.name === 'v8.evaluateModule') {
      const biggest =
        compiled.find((c) => /attachments-grid|framework|^index/.test(c)) ?? compiled[0];
      add(
        phases,
        `evaluate ${biggest ?? '?'}${compiled.length > 1 ? ` (+${compiled.length - 1} chunks)` : ''}`,
        slice(e),
      );
      compiled = [];
    } else if (e.name === 'UpdateLayoutTree') add(phases, 'style recalculation', slice(e));
    else if (e.name === 'Layout') add(phases, 'layout', slice(e));
    else if (e.name === 'Paint' || e.name === 'PrePaint' || e.name === 'Layerize')
      add(phases, 'paint', slice(e));
    else if (e.name === 'MajorGC' || e.name === 'MinorGC')
      add(phases, 'garbage collection', slice(e));
    else if (e.name === 'ParseHTML') add(phases, 'parse HTML', slice(e));
    else if (e.name === 'RunTask' && e.ts >= taskEnd) {
      add(phases, 'main thread busy (all tasks)', slice(e));
      // The thread's own CPU time: what other processes on a loaded machine take is left out,
      // so this is the figure to compare builds by.
      add(phases, 'main thread CPU time (all tasks)', (e.tdur ?? 0) / 1000);
      // The app's own work, once its code is all here: the first frame's and the network's left out.
      if (rel(e.ts) >= codeArrived)
        add(phases, 'main thread CPU time after the last chunk arrived', (e.tdur ?? 0) / 1000);
      taskEnd = e.ts + (e.dur ?? 0);
    }
  }
  timeline.set(
    'main thread busy until the grid is ready',
    phases.get('main thread busy (all tasks)') ?? 0,
  );
  // After the grid is ready, until the traced visit ends: the session's, the modules' and the
  // thumbnails' answers arrive about then, and what they render again waits before a user's click.
  const after = end + AFTER_READY_MS * 1000;
  let afterEnd = end;
  const tasksAfter = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.name === 'RunTask')
    .filter((e) => e.ts >= end && e.ts < after)
    .sort((a, b) => a.ts - b.ts);
  for (const e of tasksAfter) {
    if (e.ts < afterEnd) continue;
    add(
      phases,
      `main thread CPU time in the ${AFTER_READY_MS} ms after the grid ready`,
      (e.tdur ?? 0) / 1000,
    );
    afterEnd = e.ts + (e.dur ?? 0);
  }

  // Self time from the CPU profile, by source and by function, until the grid is ready.
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const bySource = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const origins = new Map<number, { source: string; fn: string }>();
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  const originOf = (id: number) => {
    if (!origins.has(id)) origins.set(id, origin(nodes.get(id)!.callFrame));
    return origins.get(id)!;
  };
  // React's step a sample is in, the innermost on its stack (a render that a layout effect's
  // update forced is a render, not the commit it ran in), or the script outside React.
  const steps: [RegExp, string][] = [
    [/^(renderRootSync|renderRootConcurrent)$/, 'React render'],
    [/^flushLayoutEffects$/, 'React layout effects'],
    [/^flushPassiveEffects$/, 'React passive effects'],
    [/^commitRoot$/, 'React commit (DOM, insertion effects: the style engine)'],
  ];
  const step = (id: number): string => {
    for (let n: number | undefined = id; n !== undefined; n = parents.get(n)) {
      const { source, fn } = originOf(n);
      const name = fn.split(' ')[0] ?? '';
      const found = /react-dom/.test(source) ? steps.find(([re]) => re.test(name)) : undefined;
      if (found) return found[1];
    }
    const { fn } = originOf(id);
    return /^\(/.test(fn) ? fn : 'script outside React (evaluation, queries, the first frame)';
  };
  // Inclusive time: a sample counts once for each kind of work on its stack.
  const inclusive = new Map<string, number>();
  const kinds = (id: number): Set<string> => {
    const found = new Set<string>();
    found.add(`step ${step(id)}`);
    let child: { source: string; fn: string } | null = null;
    for (let n: number | undefined = id; n !== undefined; n = parents.get(n)) {
      const { source, fn } = originOf(n);
      // The component a render was in: the function renderWithHooks called.
      if (/^renderWithHooks/.test(fn) && child) found.add(`component ${child.fn}`);
      child = { source, fn };
      if (/@emotion|stylis/.test(source)) found.add('in the style engine (emotion, stylis)');
      if (/@mui\/x-data-grid|@mui\/x-virtualizer|@mui\/x-internals/.test(source))
        found.add('in the data grid (@mui/x-*)');
      if (/react-dom/.test(source) && /^(renderRootSync|renderRootConcurrent)/.test(fn))
        found.add('React render');
      if (/react-dom/.test(source) && /^commitRoot/.test(fn)) found.add('React commit');
      if (/react-dom/.test(source) && /^flushPassiveEffects/.test(fn))
        found.add('React passive effects');
      // The app's sources, wherever the build was made (a worktree's too).
      if (/(^|\/)src\/client\//.test(source)) found.add("in the app's own code");
    }
    return found;
  };
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    t += profile.timeDeltas[i] ?? 0;
    if (t > end) break;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = nodes.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === '(idle)') continue;
    const o = originOf(node.id);
    add(bySource, o.source, dt);
    add(byFunction, o.fn, dt);
    for (const k of kinds(node.id)) {
      add(inclusive, k, dt);
      if (/^React (render|commit)/.test(k))
        add(inclusive, `${k}: ${o.source} ${o.fn.split(' ')[0]}`, dt);
    }
  }
  return { timeline, phases, bySource, byFunction, inclusive };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
function medians(runs: Run[], key: keyof Run): [string, number][] {
  const keys = new Set(runs.flatMap((r) => [...r[key].keys()]));
  return [...keys].map((k) => [k, median(runs.map((r) => r[key].get(k) ?? 0))]);
}
function table(title: string, rows: [string, number][], limit = 40) {
  console.log(`\n${title}`);
  for (const [k, ms] of rows.slice(0, limit))
    console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
}

try {
  const runs: Run[][] = stacks.map(() => []);
  for (let i = 0; i < RUNS; i += 1) {
    for (const [n, stack] of stacks.entries()) runs[n]!.push(await traceOnce(stack.appUrl));
  }
  for (const [n, dist] of dists.entries()) {
    if (given.length > 0) console.log(`\n===== ${dist}`);
    report(runs[n]!);
  }
} finally {
  await browser.close();
  await Promise.all(stacks.map((stack) => stack.close()));
  rmSync(work, { recursive: true, force: true });
}

function report(runs: Run[]) {
  const byTime = (a: [string, number], b: [string, number]) => a[1] - b[1];
  const byCost = (a: [string, number], b: [string, number]) => b[1] - a[1];
  console.log(
    `Deep link, ${REPEAT ? 'repeat' : 'first'} visit, median of ${RUNS} (ms from navigation start)`,
  );
  table('Timeline', medians(runs, 'timeline').sort(byTime), 80);
  table(
    'Main thread until the grid is ready, by phase',
    medians(runs, 'phases')
      .filter(([, v]) => v >= 1)
      .sort(byCost),
  );
  const inclusive = medians(runs, 'inclusive').sort(byCost);
  table(
    "Main thread's JavaScript by React step (each sample once: the innermost step)",
    inclusive.filter(([k]) => k.startsWith('step ')).map(([k, v]) => [k.slice(5), v]),
  );
  table(
    'JavaScript time including what it calls',
    inclusive.filter(
      ([k]) => !k.includes(':') && !k.startsWith('component ') && !k.startsWith('step '),
    ),
  );
  table(
    'React components, their render including what it calls',
    inclusive.filter(([k]) => k.startsWith('component ')),
    30,
  );
  for (const phase of ['React render', 'React commit'])
    table(
      `${phase}: self time within it`,
      inclusive.filter(([k]) => k.startsWith(`${phase}:`)),
      15,
    );
  table(
    'JavaScript self time by source',
    medians(runs, 'bySource')
      .filter(([, v]) => v >= 1)
      .sort(byCost),
    30,
  );
  table('Heaviest functions (self time)', medians(runs, 'byFunction').sort(byCost), 25);
}
