// Benchmarks 2 and 3 (issue 4), and the page heap (issue 11), in headless Chromium started exactly as the e2e tests
// start it:
// - page throughput: the page's own receive rate of 100,000 pushed events without the extension, with it, with it
//   and the panel open in a tab, and with a panel tab whose port drops the records (the hops' floor); runs alternate
//   between the four, and each round gives the ratios with/without.
// - capture latency: at a steady 5,000 events/s, from the page's receive of an event to the panel having its row.
// - page heap: after 200,000 chat events with no panel, with the extension and without.
import type { Browser, CDPSession, Page } from 'puppeteer-core';
import { DEFAULT_SETTINGS } from '../src/settings/schema.ts';
import { startFloodServer } from '../test/apps/flood/server.ts';
import { launchPlain, launchWithExtension, type ExtensionBrowser, type PlainBrowser } from '../test/e2e/browsers.ts';
import { floodedPage, mib, pageHeapBytes } from '../test/e2e/page-heap.ts';
import { showView, waitForPanelRow, type PanelView } from '../test/e2e/panel-page.ts';
import { waitFor } from '../test/e2e/wait.ts';
import { startPushServer, type PushServer } from './apps/push-server.ts';
import { cpuSpent, cpuTimes, ownCpuSeconds, type CpuTimes } from './cpu.ts';
import { startPanelTrace, stopPanelTrace, type PanelTrace } from './panel-trace.ts';
import { count, quantile, ratioText, summarize, table, verdict, type Summary } from './stats.ts';

export type Variant =
  'without extension' | 'with extension' | 'with extension + panel tab' | 'with extension + panel tab, batches dropped';
const VARIANTS: Variant[] = [
  'without extension',
  'with extension',
  'with extension + panel tab',
  'with extension + panel tab, batches dropped',
];
/**
 * The floor of a panel tab's cost to the page: every hop carries the records as with the panel tab, but the panel's
 * port drops the flood's batches before the panel reads them (installBatchDropper), so the panel parses, decodes and
 * renders none of them. What the panel tab costs beyond this is the panel's own work.
 */
const FLOOR: Variant = 'with extension + panel tab, batches dropped';
/** The variants that open a panel tab on the page: the panel tab and its floor. */
const hasPanelTab = (variant: Variant) => variant === 'with extension + panel tab' || variant === FLOOR;

interface BenchWindow {
  bench: {
    connected: boolean;
    received: number;
    outOfOrder: number;
    first: number;
    last: number;
    done: boolean;
    serverMs: number;
    receivedAt?: Float64Array;
    sentAt?: Float64Array;
  };
  startBench(count: number, rate: number, stamp?: boolean): void;
}
declare const window: BenchWindow;

let runs = 0;

/**
 * The panel tab's size in the browser benches: a DevTools window's (e2e tests open it 2400 px tall, to see a test's
 * whole capture at once; a render's cost grows with the rows in view: 45 here, 126 there).
 */
export const PANEL_VIEWPORT = { width: 1400, height: 900 };

/**
 * Opens the push page in a new tab of `browser`, connected; with `panel`, also the panel attached to it, showing
 * `panel.view`; with `panel.stampArrivals`, the panel is loaded again with the port's messages stamped (see
 * installArrivalStamper); with `panel.dropBatches`, with the flood's batches dropped (see installBatchDropper).
 */
async function openPushPage(
  browser: Browser,
  server: PushServer,
  panelOf?: { extension: ExtensionBrowser; view: PanelView; stampArrivals?: boolean; dropBatches?: boolean },
): Promise<{ page: Page; panel?: Page }> {
  const url = `${server.pageUrl}?run=${++runs}`;
  const page = await browser.newPage();
  await page.goto(url);
  await waitFor(
    'the push page to connect',
    () => page.evaluate(() => window.bench.connected),
    (connected) => connected,
  );
  if (!panelOf) return { page };
  const panel = await panelOf.extension.openPanelFor(url);
  await panel.setViewport(PANEL_VIEWPORT);
  if (panelOf.stampArrivals || panelOf.dropBatches) {
    if (panelOf.stampArrivals) await panel.evaluateOnNewDocument(installArrivalStamper, TICK_IN_BATCH);
    if (panelOf.dropBatches) await panel.evaluateOnNewDocument(installBatchDropper, TICK_IN_BATCH);
    await panel.reload();
  }
  await waitForPanelRow(panel, 'the WebSocket open record', (row) => row.data.startsWith('open ws://'));
  await showView(panel, panelOf.view);
  return { page, panel };
}

/** Runs `bench` with the push server, a plain headless Chromium and one with the extension, and closes them after. */
export async function withPushBrowsers(
  bench: (browsers: { plain: Browser; extension: ExtensionBrowser }, server: PushServer) => Promise<void>,
): Promise<void> {
  const server = await startPushServer();
  let plain: PlainBrowser | undefined;
  let extension: ExtensionBrowser | undefined;
  try {
    plain = await launchPlain('chromium');
    extension = await launchWithExtension('chromium');
    await bench({ plain: plain.browser, extension }, server);
  } finally {
    await extension?.close();
    await plain?.close();
    await server.close();
  }
}

async function closeAll(...pages: (Page | undefined)[]): Promise<void> {
  for (const page of pages) await page?.close().catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------------------------
// Page throughput

export interface ThroughputRun {
  eventsPerSecond: number;
  /** How long the server took to emit all events (if close to the page's time, the server was the limit). */
  serverMs: number;
  pageMs: number;
  outOfOrder: number;
  /** With the panel: the last event index the panel tab showed when the page had received every event. */
  panelAt?: number;
  /** With the panel (not its floor): seconds from the page's last event until the panel showed it (its catching up). */
  caughtUpSeconds?: number;
  /**
   * With the panel (not its floor): when its toolbar first said it holds the flood, in seconds from the start request,
   * and for how long in all it said so (see installHoldWatcher); none if it never did, reading the whole flood live.
   */
  held?: { fromSeconds: number; forSeconds: number };
  /** Measured only in a run that measures the page's cost (see ThroughputOptions.pageCost). */
  pageCost?: PageCost;
  /** CPU seconds each kind of thread of the browser spent during the run (see cpu.ts), and the bench process's. */
  cpu: CpuTimes;
  /** With a panel tab: the same over the run's first FLOOD_START_MS (none if the page was done sooner). */
  cpuAtStart?: CpuTimes;
  /** Wall-clock seconds from the start request to the last event. */
  wallSeconds: number;
}

/** The page's main thread's time per event, from CDP's Performance domain. */
export interface PageCost {
  /**
   * The CPU time of JavaScript on the page's main thread per event (CDP's ScriptDuration in thread time: not the time
   * the thread waited for a core), hook and relay included.
   */
  scriptUsPerEvent: number;
  /** The CPU time of the page's main thread per event (CDP's TaskDuration in thread time): JS, event dispatch, GC. */
  taskUsPerEvent: number;
}

/** The page's main-thread busy times so far, in seconds (CDP Performance domain). */
async function mainThreadSeconds(cdp: CDPSession): Promise<{ script: number; task: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const seconds = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return { script: seconds('ScriptDuration'), task: seconds('TaskDuration') };
}

/**
 * The rows of either view and the tick index in a row's text: `tick",7,{"v"` in a raw frame, `tick[7,{"v"` in the
 * Packets view (its Event and Arguments cells). As sources, for the functions that run in the panel.
 */
const ROWS = 'table.frames tbody tr, .timeline-body [role="row"]';
const TICK = 'tick(?:",|\\[)(\\d+),\\{"v"';
/** The tick index in a batch's text as the port brings it (the hook's JSON, each frame a JSON string in it). */
const TICK_IN_BATCH = 'tick\\\\",(\\d+),\\{\\\\"v';

/** The part of a `chrome.runtime.Port` the arrival stamper and the batch dropper use. */
interface ChromePort {
  onMessage: { addListener(listener: (message: unknown) => void): void };
  postMessage(message: unknown): void;
}

/**
 * In the panel tab, before its scripts (puppeteer's evaluateOnNewDocument): stamps the epoch time at which the panel's
 * port first brought each tick index, so that the latency splits into the way to the panel and the panel's own part.
 * The panel's port is the first `runtime.connect` of the page; the stamper's listener comes before the panel's.
 */
function installArrivalStamper(tickSource: string): void {
  const arrivals = new Map<number, number>();
  (window as unknown as { portArrivals: Map<number, number> }).portArrivals = arrivals;
  const tick = new RegExp(tickSource, 'g');
  const runtime = (globalThis as unknown as { chrome: { runtime: { connect(...args: unknown[]): ChromePort } } }).chrome
    .runtime;
  const connect = runtime.connect.bind(runtime);
  runtime.connect = (...args) => {
    const port = connect(...args);
    port.onMessage.addListener((message) => {
      const at = performance.timeOrigin + performance.now();
      const batches = (message as { batches?: { text?: unknown }[] } | undefined)?.batches;
      for (const batch of Array.isArray(batches) ? batches : []) {
        if (typeof batch.text !== 'string') continue;
        for (const match of batch.text.matchAll(tick)) {
          if (!arrivals.has(Number(match[1]))) arrivals.set(Number(match[1]), at);
        }
      }
    });
    return port;
  };
}

/**
 * In the panel tab, before its scripts: the panel's port (its first `runtime.connect`) hands the panel no `batches`
 * message that carries a tick (the flood's events), so the panel reads none of them. The open record, which comes
 * before the first tick, still reaches it. The panel's `hold` goes as `no`, so that the page's relays keep nothing
 * and every record crosses every hop. (No named functions inside: see installRowStamper.)
 */
function installBatchDropper(tickSource: string): void {
  const tick = new RegExp(tickSource);
  const runtime = (globalThis as unknown as { chrome: { runtime: { connect(...args: unknown[]): ChromePort } } }).chrome
    .runtime;
  const connect = runtime.connect.bind(runtime);
  runtime.connect = (...args) => {
    const port = connect(...args);
    const addListener = port.onMessage.addListener.bind(port.onMessage);
    port.onMessage.addListener = (listener) =>
      addListener((message) => {
        const batches = (message as { batches?: { text?: unknown }[] } | undefined)?.batches;
        const flood =
          Array.isArray(batches) && batches.some((batch) => typeof batch.text === 'string' && tick.test(batch.text));
        if (!flood) listener(message);
      });
    const postMessage = port.postMessage.bind(port);
    port.postMessage = (message) =>
      postMessage((message as { type?: unknown }).type === 'hold' ? { ...(message as object), keep: 'no' } : message);
    return port;
  };
}

/** The highest tick index among the panel's last rows (-1 if none). */
function lastTickShown(panel: Page): Promise<number> {
  return panel.evaluate(
    (rowsSelector, tickSource) => {
      const tick = new RegExp(tickSource);
      const rows = Array.from(document.querySelectorAll(rowsSelector)).slice(-10);
      return Math.max(-1, ...rows.map((row) => Number(tick.exec(row.textContent ?? '')?.[1] ?? -1)));
    },
    ROWS,
    TICK,
  );
}

export interface ThroughputOptions {
  /** A steady rate per second; 0 (the default): as fast as the server can. */
  rate?: number;
  /** Sets the panel up first (with the panel tab). */
  prepare?: (panel: Page) => Promise<void>;
  /**
   * Measures the page's main thread's time per event (CDP's Performance domain, in thread time). That measure costs
   * the page: the renderer then reads its thread's CPU clock around every task and script call, and the extension's
   * listener and relay make more of them (on 2026-12-05, 5 rounds: the page's main thread +2.5 µs per event without
   * the extension, +6.6 with it, +7.7 with a panel tab; its rate with a panel tab 0.73x of none's, against 0.82x
   * unmeasured). A run that measures the rate measures nothing else.
   */
  pageCost?: boolean;
  /** The panel's view in the panel tab (the default: Packets, the panel's own). */
  view?: PanelView;
}

/** One run of `events` pushed to the page (see ThroughputOptions). */
export async function throughputRun(
  variant: Variant,
  browsers: { plain: Browser; extension: ExtensionBrowser },
  server: PushServer,
  events: number,
  { rate = 0, prepare, pageCost = false, view = 'Packets' }: ThroughputOptions = {},
): Promise<ThroughputRun> {
  const browser = variant === 'without extension' ? browsers.plain : browsers.extension.browser;
  const withPanel = hasPanelTab(variant);
  const { page, panel } = await openPushPage(
    browser,
    server,
    withPanel ? { extension: browsers.extension, view, dropBatches: variant === FLOOR } : undefined,
  );
  try {
    if (panel && prepare) {
      await prepare(panel);
      await showView(panel, view);
    }
    const cdp = pageCost ? await page.createCDPSession() : undefined;
    await cdp?.send('Performance.enable', { timeDomain: 'threadTicks' });
    const root = browser.process()?.pid ?? 0;
    const before = cdp && (await mainThreadSeconds(cdp));
    const cpuBefore = cpuTimes(root);
    cpuBefore.set('bench process (push server)', ownCpuSeconds());
    const wallStart = performance.now();
    let cpuAtStart: CpuTimes | undefined;
    const atStart = withPanel ? setTimeout(() => (cpuAtStart = cpuTimes(root)), FLOOD_START_MS) : undefined;
    if (panel && variant !== FLOOR) await panel.evaluate(installHoldWatcher);
    const startedAt = Date.now();
    await page.evaluate((n, r) => window.startBench(n, r), events, rate);
    const result = await waitFor(
      `${events} events in the page`,
      () => page.evaluate(() => ({ ...window.bench })),
      (bench) => bench.done,
      180_000,
    );
    const pageMs = result.last - result.first;
    const pageDone = performance.now();
    clearTimeout(atStart);
    const wallSeconds = (pageDone - wallStart) / 1000;
    const cpuAfter = cpuTimes(root);
    cpuAfter.set('bench process (push server)', ownCpuSeconds());
    const after = cdp && (await mainThreadSeconds(cdp));
    const perEvent = (seconds: number) => (seconds * 1e6) / events;
    const run: ThroughputRun = {
      eventsPerSecond: ((events - 1) * 1000) / pageMs,
      serverMs: result.serverMs,
      pageMs,
      outOfOrder: result.outOfOrder,
      cpu: cpuSpent(cpuBefore, cpuAfter),
      wallSeconds,
    };
    if (cpuAtStart) run.cpuAtStart = cpuSpent(cpuBefore, cpuAtStart);
    if (before && after) {
      run.pageCost = {
        scriptUsPerEvent: perEvent(after.script - before.script),
        taskUsPerEvent: perEvent(after.task - before.task),
      };
    }
    if (panel) run.panelAt = await lastTickShown(panel);
    if (panel && variant !== FLOOR) {
      const last = events - 1;
      await waitFor(
        'the panel to show the last event',
        () => lastTickShown(panel),
        (at) => at === last,
        120_000,
      );
      run.caughtUpSeconds = (performance.now() - pageDone) / 1000;
      const hold = await panel.evaluate(() => (window as { benchHold?: HoldSeen }).benchHold);
      if (hold) run.held = { fromSeconds: (hold.firstAt - startedAt) / 1000, forSeconds: hold.ms / 1000 };
    }
    if (variant === FLOOR && run.panelAt !== -1)
      throw new Error(
        `the panel tab whose port drops the flood's batches showed tick ${run.panelAt}: one came through`,
      );
    return run;
  } finally {
    await closeAll(panel, page);
  }
}

/** The page's cost a run measured (one run with ThroughputOptions.pageCost). */
export function costOf(run: ThroughputRun): PageCost {
  if (!run.pageCost) throw new Error('a run that did not measure the page cost was read for it');
  return run.pageCost;
}

/** The median of one figure of `runs`, as text. */
function medianOf(runs: ThroughputRun[], figure: (run: ThroughputRun) => number, digits = 2): string {
  return summarize(runs.map(figure)).median.toFixed(digits);
}

/**
 * Per round, the main thread's busy time without the extension over with it: the share of its rate that a page whose
 * main thread is its limit keeps.
 */
function mainThreadRatio(without: ThroughputRun[], withExtension: ThroughputRun[]): Summary {
  return summarize(withExtension.map((run, i) => costOf(without[i]).taskUsPerEvent / costOf(run).taskUsPerEvent));
}

/** At a steady rate the page keeps up with or without the extension: what differs is its main thread's time. */
const STEADY = { rate: 5_000, events: 20_000 };

/** The extension's cost to the page's main thread at a steady rate, no panel: `rounds` pairs in alternating order. */
async function steadyCost(
  browsers: { plain: Browser; extension: ExtensionBrowser },
  server: PushServer,
  rounds: number,
): Promise<void> {
  console.log(
    `\nMain-thread cost at a steady ${count(STEADY.rate)} events/s (${count(STEADY.events)} events, no panel, ${rounds} rounds of both in alternating order)`,
  );
  const variants: Variant[] = ['without extension', 'with extension'];
  const results = new Map<Variant, ThroughputRun[]>(variants.map((v) => [v, []]));
  for (let round = 0; round < rounds; round++) {
    for (const variant of round % 2 ? [...variants].reverse() : variants) {
      results
        .get(variant)!
        .push(await throughputRun(variant, browsers, server, STEADY.events, { rate: STEADY.rate, pageCost: true }));
    }
  }
  const [base, hooked] = variants.map((v) => results.get(v)!) as [ThroughputRun[], ThroughputRun[]];
  const row = (variant: Variant, runsOf: ThroughputRun[], ratio: string) => [
    variant,
    count(summarize(runsOf.map((r) => r.eventsPerSecond)).median),
    medianOf(runsOf, (r) => costOf(r).scriptUsPerEvent),
    medianOf(runsOf, (r) => costOf(r).taskUsPerEvent),
    ratio,
  ];
  console.log(
    table([
      [
        'variant',
        'events/s (median)',
        'page JS µs/event',
        'main thread µs/event',
        'main thread busy, without/with [min–max]',
      ],
      row('without extension', base, '(baseline)'),
      row('with extension', hooked, ratioText(mainThreadRatio(base, hooked))),
    ]),
  );
}

/**
 * Where the CPU went, per variant: each kind of thread's CPU µs per event (medians over the rounds), and how many of
 * the machine's cores the browser and the bench kept busy on average during the runs (2 = both, all the time).
 */
function cpuTable(results: Map<Variant, ThroughputRun[]>, events: number): string {
  const keys = [...new Set([...results.values()].flat().flatMap((run) => [...run.cpu.keys()]))].sort();
  const perEvent = (run: ThroughputRun, key: string) => ((run.cpu.get(key) ?? 0) * 1e6) / events;
  const total = (run: ThroughputRun) => [...run.cpu.values()].reduce((sum, seconds) => sum + seconds, 0);
  const rows = [['CPU µs/event (median)', ...VARIANTS]];
  for (const key of keys) {
    const row = VARIANTS.map((v) => medianOf(results.get(v)!, (r) => perEvent(r, key), 1));
    if (row.some((cell) => Number(cell) >= 0.5)) rows.push([key, ...row]); // threads that did next to nothing left out
  }
  rows.push(['all of them', ...VARIANTS.map((v) => medianOf(results.get(v)!, (r) => (total(r) * 1e6) / events, 1))]);
  rows.push([
    'cores busy (CPU s / wall s)',
    ...VARIANTS.map((v) => medianOf(results.get(v)!, (r) => total(r) / r.wallSeconds)),
  ]);
  return `\n${table(rows)}`;
}

/** What installHoldWatcher saw: when the toolbar first said it holds (epoch ms), and for how long in all, till now. */
interface HoldSeen {
  firstAt: number;
  ms: number;
}

/**
 * In the panel tab: watches its toolbar for saying it holds a flood (src/panel/flood-hold.ts), and keeps what it saw
 * as `benchHold` (see HoldSeen). (No named functions inside: tsx would wrap them in a `__name` helper that does not
 * exist there.)
 */
function installHoldWatcher(): void {
  const scope = window as { benchHold?: HoldSeen };
  let since: number | undefined;
  new MutationObserver(() => {
    const statuses = document.querySelectorAll('.toolbar [role="status"]');
    const holding = [...statuses].some((status) => status.textContent?.startsWith('Holding'));
    const at = Date.now();
    if (holding && since === undefined) {
      since = at;
      scope.benchHold ??= { firstAt: at, ms: 0 };
    } else if (!holding && since !== undefined) {
      scope.benchHold!.ms += at - since;
      since = undefined;
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}

/**
 * A flood's start: the page takes its first records in at rates the panel follows live, and the panel's code is not
 * optimized yet. The CPU the panel's process spends then, and after, tells what is left of its cost under a flood.
 */
const FLOOD_START_MS = 1200;

/** The threads of the panel's process (and its service worker) and the GPU process: what the panel tab adds. */
const panelSide = (key: string) => key.startsWith('extension renderer') || key === 'gpu-process';

/**
 * For the variants with a panel tab: the CPU ms per run (medians) of the panel's side (panelSide) in the flood's first
 * FLOOD_START_MS and in the rest of it, as one line.
 */
function floodStartLine(results: Map<Variant, ThroughputRun[]>): string {
  const ms = (times: CpuTimes | undefined) =>
    [...(times ?? new Map<string, number>())].reduce((sum, [key, s]) => sum + (panelSide(key) ? s * 1000 : 0), 0);
  const parts = VARIANTS.filter(hasPanelTab).map((variant) => {
    const runs = results.get(variant)!.filter((run) => run.cpuAtStart);
    if (runs.length === 0) return `"${variant}": every run was over within ${FLOOD_START_MS / 1000} s`;
    const first = quantile(
      runs.map((run) => ms(run.cpuAtStart)),
      0.5,
    );
    const rest = quantile(
      runs.map((run) => ms(run.cpu) - ms(run.cpuAtStart)),
      0.5,
    );
    return `"${variant}" ${first.toFixed(0)} ms in the first ${FLOOD_START_MS / 1000} s, ${rest.toFixed(0)} ms after (${runs.length} runs)`;
  });
  return `CPU of the extension's process (panel, service worker) and the GPU process, per run: ${parts.join('; ')}.`;
}

/**
 * How many of the panel tab's runs held the flood, from when and for how long: a panel that never held it read it all
 * live (the page stayed below the hold's rate, HOLD_RATE, which a panel reading live can keep it below on a slow
 * machine).
 */
function holdLine(panelRuns: ThroughputRun[]): string {
  const held = panelRuns.flatMap((run) => (run.held ? [{ ...run.held, pageSeconds: run.pageMs / 1000 }] : []));
  const median = (figure: (hold: (typeof held)[number]) => number) => summarize(held.map(figure)).median.toFixed(1);
  return (
    `The panel tab held the flood in ${held.length} of ${panelRuns.length} runs` +
    (held.length > 0
      ? ` (median: from ${median((hold) => hold.fromSeconds)} s after the start, for ${median((hold) => hold.forSeconds)} s of the page's ${median((hold) => hold.pageSeconds)} s)`
      : '') +
    (held.length < panelRuns.length ? '; in the others it read the whole flood live.' : '.')
  );
}

/**
 * `minRounds` to `maxRounds` rounds: a new round starts only while the rounds so far took less than `budgetS`
 * seconds (on this 2-core machine a run of 100k events takes 2 to 25 s, depending on what else runs). The first
 * COST_ROUNDS rounds also run each variant once more, measuring the page's cost instead of its rate (see
 * ThroughputOptions.pageCost).
 */
const COST_ROUNDS = 5;

export async function throughputBench({
  events,
  minRounds,
  maxRounds,
  budgetS,
  steadyRounds,
  view,
}: {
  events: number;
  minRounds: number;
  maxRounds: number;
  budgetS: number;
  steadyRounds: number;
  /** The panel's view in the panel tab. */
  view: PanelView;
}): Promise<void> {
  console.log(
    `\nPage throughput: ${count(events)} small events pushed as fast as the server can, socket.io 4.x client, WebSocket; the panel tab shows ${view}`,
  );
  console.log(
    `(headless Chromium; ${minRounds}–${maxRounds} rounds within ${budgetS} s, each runs the four variants in rotated order; ratios are taken within a round; ` +
      `the first ${COST_ROUNDS} rounds run the first three once more for the page's cost)\n`,
  );
  await withPushBrowsers(async (browsers, server) => {
    // One warm-up run per variant (JIT, caches, the extension's service worker), not counted.
    for (const variant of VARIANTS) await throughputRun(variant, browsers, server, Math.min(events, 5_000), { view });
    const results = new Map<Variant, ThroughputRun[]>(VARIANTS.map((v) => [v, []]));
    const costs = new Map<Variant, ThroughputRun[]>(VARIANTS.map((v) => [v, []]));
    const started = Date.now();
    let rounds = 0;
    for (let round = 0; round < maxRounds && (round < minRounds || Date.now() - started < budgetS * 1000); round++) {
      rounds++;
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
      for (const variant of order) {
        results.get(variant)!.push(await throughputRun(variant, browsers, server, events, { view }));
      }
      if (round < COST_ROUNDS) {
        for (const variant of order.filter((v) => v !== FLOOR)) {
          costs.get(variant)!.push(await throughputRun(variant, browsers, server, events, { pageCost: true, view }));
        }
      }
      const line = VARIANTS.map((v) => `${v}: ${count(results.get(v)![round].eventsPerSecond)}/s`).join(', ');
      console.log(`  round ${round + 1}: ${line}`);
    }
    const base = results.get('without extension')!;
    const rows = [
      [
        'variant',
        'events/s (median)',
        'page ms',
        'server ms',
        'page JS µs/event',
        'main thread µs/event',
        'ratio vs without [min–max]',
        'verdict (target 0.95, goal 0.98)',
      ],
    ];
    for (const variant of VARIANTS) {
      const runsOf = results.get(variant)!;
      const rate = summarize(runsOf.map((r) => r.eventsPerSecond));
      const ratio = summarize(runsOf.map((r, i) => r.eventsPerSecond / base[i].eventsPerSecond));
      const isBase = variant === 'without extension';
      rows.push([
        variant,
        count(rate.median),
        medianOf(runsOf, (r) => r.pageMs, 0),
        medianOf(runsOf, (r) => r.serverMs, 0),
        variant === FLOOR ? '–' : medianOf(costs.get(variant)!, (r) => costOf(r).scriptUsPerEvent),
        variant === FLOOR ? '–' : medianOf(costs.get(variant)!, (r) => costOf(r).taskUsPerEvent),
        isBase ? '(baseline)' : ratioText(ratio),
        isBase || variant === FLOOR ? '' : verdict(ratio.median, 0.95, 0.98),
      ]);
    }
    console.log('');
    console.log(table(rows));
    console.log(
      `Page JS and main thread: from ${costs.get('without extension')!.length} more runs of each variant that measured them (CDP's Performance domain), not the rate: ` +
        `that measure costs the page more with the extension (bench/README.md).\n` +
        `Main thread busy time, without/with extension: ${ratioText(mainThreadRatio(costs.get('without extension')!, costs.get('with extension')!))}. A page whose main thread is its limit keeps this ` +
        `share of its rate (this page does almost nothing per event: a page doing more loses less).\n` +
        `"${FLOOR}": the records go every hop as with the panel tab, but its port drops the flood's batches before ` +
        `the panel reads them: a panel tab's floor, what the hops cost the page; the rest is the panel's own work.`,
    );
    console.log(cpuTable(results, events));
    console.log(floodStartLine(results));
    const disorder = [...results.values()].flat().reduce((n, r) => n + r.outOfOrder, 0);
    if (disorder) console.log(`⚠ ${disorder} events arrived out of order or twice in the page`);
    const panelRuns = results.get('with extension + panel tab')!;
    const behind = summarize(panelRuns.map((r) => events - 1 - (r.panelAt ?? -1)));
    const caughtUp = summarize(panelRuns.map((r) => r.caughtUpSeconds!));
    console.log(
      `${rounds} rounds. Panel tab: when the page had all ${count(events)} events, the panel was a median ${count(behind.median)} events behind [${count(behind.min)}–${count(behind.max)}] ` +
        `(it holds a flood unread, src/panel/flood-hold.ts), and showed the last one a median ${caughtUp.median.toFixed(1)} s later [${caughtUp.min.toFixed(1)}–${caughtUp.max.toFixed(1)}].`,
    );
    console.log(holdLine(panelRuns));
    await steadyCost(browsers, server, steadyRounds);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Capture latency

/**
 * In the panel tab: stamps the epoch time at which a row for each tick index first appears. (No named functions
 * inside: tsx would wrap them in a `__name` helper that does not exist in the page.)
 */
function installRowStamper(panel: Page): Promise<void> {
  return panel.evaluate(
    (rowsSelector, tickSource) => {
      const stamps = new Map<number, number>();
      (window as unknown as { rowStamps: Map<number, number> }).rowStamps = stamps;
      const tick = new RegExp(tickSource);
      new MutationObserver((mutations) => {
        const at = performance.timeOrigin + performance.now();
        for (const mutation of mutations) {
          // A row the list reuses for another record changes its text: its row is read again.
          const changed =
            mutation.type === 'characterData' ? [mutation.target.parentElement?.closest(rowsSelector)] : [];
          for (const node of [...mutation.addedNodes, ...changed]) {
            if (!(node instanceof Element)) continue;
            for (const row of node.matches(rowsSelector) ? [node] : node.querySelectorAll(rowsSelector)) {
              const match = tick.exec(row.textContent ?? '');
              if (match && !stamps.has(Number(match[1]))) stamps.set(Number(match[1]), at);
            }
          }
        }
      }).observe(document.body, { childList: true, characterData: true, subtree: true });
      // The panel's frames: the time between animation frames (a long one is a frame the panel's main thread held up).
      const frames: number[] = [];
      (window as unknown as { frameGaps: number[] }).frameGaps = frames;
      let previous = performance.now();
      const next: ((now: number) => void)[] = [];
      next.push((now) => {
        frames.push(now - previous);
        previous = now;
        requestAnimationFrame(next[0]);
      });
      requestAnimationFrame(next[0]);
    },
    ROWS,
    TICK,
  );
}

/**
 * Per event index, when the panel had it: the first time a row of that event or of a later one appeared (events
 * arrive in order, and the panel's raw list renders only the rows in view, following the newest, so a render that
 * adds more records than fit shows only the newest: the earlier ones were in the panel's store by then, not on
 * screen). NaN if never.
 */
function panelHadAt(shown: Map<number, number>, events: number): Float64Array {
  const at = new Float64Array(events).fill(NaN);
  let earliest = Infinity;
  for (let i = events - 1; i >= 0; i--) {
    earliest = Math.min(earliest, shown.get(i) ?? Infinity);
    if (earliest !== Infinity) at[i] = earliest;
  }
  return at;
}

/** The panel's frame gaps over the run, from its first event in the page to its last in the panel. */
interface Frames {
  gaps: number[];
  /** With a trace: per frame, the panel main thread's busy time, wall clock and its own CPU (thread) time, ms. */
  work: { wall: number[]; cpu: number[] };
  /** How far the panel was behind the page at the end of the run (ms from the page's last event to the panel's). */
  behindMs: number;
}

/**
 * The panel's first half second of a stream (its code not yet optimized by V8, the page's neither): the latency is
 * also given without it, as a developer watching a live session sees it.
 */
const WARM_UP_MS = 500;

interface Delays {
  /** Page receive → panel having the record, per event. */
  capture: number[];
  /** The same, for the events the page received after the first WARM_UP_MS of the stream. */
  steady: number[];
  /** Server send → page receive, per event: the context (Node's and Chromium's epoch clocks). */
  wire: number[];
  /** The capture latency's two parts, per event: page receive → the panel's port brings it; → the panel has its row. */
  toPort: number[];
  portToRow: number[];
  /** Events whose own row appeared. */
  ownRows: number;
}

function delayRow(label: string, d: Delays, events: number, frames: Frames): string[] {
  const p = (values: number[], q: number) => quantile(values, q).toFixed(1);
  return [
    label,
    `${d.capture.length}/${events} (${d.ownRows} own row)`,
    p(d.capture, 0.5),
    p(d.capture, 0.99),
    Math.max(...d.capture).toFixed(1),
    `${p(d.steady, 0.5)} / ${p(d.steady, 0.99)} / ${Math.max(...d.steady).toFixed(1)}`,
    `${p(d.toPort, 0.5)} / ${p(d.toPort, 0.99)}`,
    `${p(d.portToRow, 0.5)} / ${p(d.portToRow, 0.99)}`,
    `${p(d.wire, 0.5)} / ${p(d.wire, 0.99)}`,
    `${p(frames.gaps, 0.5)} / ${p(frames.gaps, 0.95)} / ${Math.max(...frames.gaps).toFixed(0)}`,
    ...(frames.work.wall.length
      ? [
          `${p(frames.work.cpu, 0.5)} / ${p(frames.work.cpu, 0.95)}`,
          `${p(frames.work.wall, 0.5)} / ${p(frames.work.wall, 0.95)}`,
        ]
      : []),
    frames.behindMs.toFixed(0),
  ];
}

/** What the trace says the panel's main thread did, by kind, in ms per frame. */
function traceSummary(traced: PanelTrace): string {
  const perFrame = (ms: number) => (ms / Math.max(1, traced.frameWork.cpu.length)).toFixed(2);
  const kinds = [...traced.byKind].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return (
    `  panel main thread: ${traced.frameWork.cpu.length} frames, CPU ${traced.cpuMs.toFixed(0)} ms in ${traced.spanMs.toFixed(0)} ms; ` +
    `per frame (CPU ms): ${kinds.map(([name, ms]) => `${name} ${perFrame(ms)}`).join(', ')}`
  );
}

export async function latencyBench({
  rate,
  seconds,
  runs: latencyRuns,
  trace = false,
  view,
  startAfterMs = 0,
}: {
  rate: number;
  seconds: number;
  runs: number;
  /**
   * How long after the panel showed the page's first record the stream begins: 0, at once (the panel's code still
   * cold, its warm-up not done: src/panel/warm-up.tsx), or later, as when a developer opens the panel, then acts.
   */
  startAfterMs?: number;
  /** Traces the panel tab (CDP Tracing) for its main thread's work per frame. */
  trace?: boolean;
  /** The panel's view in the panel tab. */
  view: PanelView;
}): Promise<void> {
  const events = rate * seconds;
  const begins = startAfterMs ? `, the stream beginning ${startAfterMs / 1000} s after the panel showed the page` : '';
  console.log(
    `\nCapture latency: ${count(events)} events at a steady ${rate}/s${begins}, page receive → panel tab has the row (MutationObserver; the panel shows ${view}), ${latencyRuns} runs`,
  );
  const server = await startPushServer();
  let extension: ExtensionBrowser | undefined;
  try {
    extension = await launchWithExtension('chromium');
    const all: Delays = { capture: [], steady: [], wire: [], toPort: [], portToRow: [], ownRows: 0 };
    const allFrames: Frames = { gaps: [], work: { wall: [], cpu: [] }, behindMs: 0 };
    const notes: string[] = [];
    const rows = [
      [
        'run',
        'events placed',
        'p50 ms',
        'p99 ms',
        'max ms',
        `after ${WARM_UP_MS / 1000} s: p50 / p99 / max ms`,
        "page → panel's port p50 / p99 ms",
        'port → row p50 / p99 ms',
        'server → page p50 / p99 ms',
        'panel frame gap p50 / p95 / max ms',
        ...(trace ? ['panel work per frame, CPU p50 / p95 ms', 'wall p50 / p95 ms'] : []),
        'panel behind at end, ms',
      ],
    ];
    for (let run = 1; run <= latencyRuns; run++) {
      const { page, panel } = await openPushPage(extension.browser, server, { extension, view, stampArrivals: true });
      try {
        await installRowStamper(panel!);
        if (trace) await startPanelTrace(panel!);
        // A developer's pause, not a wait for a condition: what comes in it is what the measure is about.
        if (startAfterMs) await new Promise((resolve) => setTimeout(resolve, startAfterMs));
        await page.evaluate((n, r) => window.startBench(n, r, true), events, rate);
        await waitFor(
          `${events} events in the page`,
          () => page.evaluate(() => window.bench.done),
          (done) => done,
          seconds * 1000 + 60_000,
        );
        const hasLast = () =>
          panel!.evaluate(
            (last) => (window as unknown as { rowStamps: Map<number, number> }).rowStamps.has(last),
            events - 1,
          );
        await waitFor('the panel to show the last event', hasLast, (ok) => ok, 60_000).catch(() => undefined);
        const traced = trace ? await stopPanelTrace(panel!) : undefined;
        if (traced) notes.push(traceSummary(traced));
        const received = await page.evaluate(() => ({
          at: Array.from(window.bench.receivedAt!),
          sent: Array.from(window.bench.sentAt!),
        }));
        const shown = new Map(
          await panel!.evaluate(() => [...(window as unknown as { rowStamps: Map<number, number> }).rowStamps]),
        );
        const hadAt = panelHadAt(shown, events);
        const arrivals = new Map(
          await panel!.evaluate(() => [...(window as unknown as { portArrivals: Map<number, number> }).portArrivals]),
        );
        if (arrivals.size === 0)
          throw new Error("no tick came through the panel's port: installArrivalStamper missed it");
        const d: Delays = { capture: [], steady: [], wire: [], toPort: [], portToRow: [], ownRows: shown.size };
        received.at.forEach((at, i) => {
          d.wire.push(at - received.sent[i]);
          if (Number.isNaN(hadAt[i])) return;
          d.capture.push(hadAt[i] - at);
          if (at - received.at[0] >= WARM_UP_MS) d.steady.push(hadAt[i] - at);
          const arrived = arrivals.get(i);
          if (arrived === undefined) return;
          d.toPort.push(arrived - at);
          d.portToRow.push(hadAt[i] - arrived);
        });
        const frames: Frames = {
          gaps: await panel!.evaluate(() => (window as unknown as { frameGaps: number[] }).frameGaps.slice(1)),
          work: traced?.frameWork ?? { wall: [], cpu: [] },
          behindMs: (shown.get(events - 1) ?? NaN) - received.at[events - 1],
        };
        rows.push(delayRow(`${run}`, d, events, frames));
        all.capture.push(...d.capture);
        all.steady.push(...d.steady);
        all.wire.push(...d.wire);
        all.toPort.push(...d.toPort);
        all.portToRow.push(...d.portToRow);
        all.ownRows += d.ownRows;
        allFrames.gaps.push(...frames.gaps);
        allFrames.work.wall.push(...frames.work.wall);
        allFrames.work.cpu.push(...frames.work.cpu);
        allFrames.behindMs = Math.max(allFrames.behindMs, frames.behindMs);
      } finally {
        await closeAll(panel, page);
      }
    }
    rows.push(delayRow('all', all, events * latencyRuns, allFrames));
    console.log(table(rows));
    for (const note of notes) console.log(note);
  } finally {
    await extension?.close();
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Page heap

/**
 * Issue 11: the page's JS heap after a chat flood with no panel (CDP, after a full GC), with the extension and
 * without it, in one run; memory is steady enough on these machines to report in MiB.
 */
export async function heapBench({ events, bytes }: { events: number; bytes: number }): Promise<void> {
  console.log(
    `\nPage heap after ${count(events)} chat events of ~${bytes} B on one socket.io 4.x WebSocket, no panel (CDP Runtime.getHeapUsage after a full GC)`,
  );
  const server = await startFloodServer();
  let plain: PlainBrowser | undefined;
  let extension: ExtensionBrowser | undefined;
  try {
    plain = await launchPlain('chromium');
    extension = await launchWithExtension('chromium');
    const heapOf = async (browser: Browser, variant: string) => {
      const page = await floodedPage(browser, `${server.url}?${variant}`, events, bytes);
      try {
        return await pageHeapBytes(page);
      } finally {
        await page.close();
      }
    };
    const without = await heapOf(plain.browser, 'without');
    const withExtension = await heapOf(extension.browser, 'with');
    console.log(
      table([
        ['variant', 'page heap', 'the extension holds', `idle budget (default)`],
        ['without extension', mib(without), '', ''],
        [
          'with extension, no panel',
          mib(withExtension),
          mib(withExtension - without),
          mib(DEFAULT_SETTINGS.idleBudgetBytes),
        ],
      ]),
    );
  } finally {
    await extension?.close();
    await plain?.close();
    await server.close();
  }
}
