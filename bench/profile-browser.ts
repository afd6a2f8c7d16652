// Where the browser's JavaScript time goes while a page receives a flood with a panel open: V8's sampling profiler
// in the page (hook and relay share its thread), the panel tab and the extension's service worker, during one run of
// the throughput bench's flood; prints each one's functions with the most self time.
// With --trace, the panel tab's main thread is traced instead (CDP Tracing): its work per frame and what it was made
// of (script, style, layout, paint), the way the latency bench measures the panel's frames.
// Run (under the e2e lock, after `npm run build`):
//   node --import tsx bench/profile-browser.ts [--events N] [--rate R] [--no-panel] [--trace] [--view raw] [--css '<rules>']
// The panel shows Packets, its default view, as the browser benches' does; `--view raw` shows its Raw frames instead.
// `--css` adds a style sheet to the panel tab once it shows its view: hiding a part tells what it costs a frame.
import type { CDPSession, Page } from 'puppeteer-core';
import { TargetType } from 'puppeteer-core';
import { launchWithExtension } from '../test/e2e/browsers.ts';
import { showView, waitForPanelRow, type PanelView } from '../test/e2e/panel-page.ts';
import { waitFor } from '../test/e2e/wait.ts';
import { startPushServer } from './apps/push-server.ts';
import { PANEL_VIEWPORT } from './page.ts';
import { startPanelTrace, stopPanelTrace } from './panel-trace.ts';
import { quantile, table } from './stats.ts';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const args = process.argv.slice(2);
const eventsAt = args.indexOf('--events');
const events = eventsAt >= 0 ? Number(args[eventsAt + 1]) : 100_000;
const rateAt = args.indexOf('--rate');
const rate = rateAt >= 0 ? Number(args[rateAt + 1]) : 0;
const withPanel = !args.includes('--no-panel');
const trace = withPanel && args.includes('--trace');
const view: PanelView = args[args.indexOf('--view') + 1] === 'raw' ? 'Raw frames' : 'Packets';
const css = args.includes('--css') ? args[args.indexOf('--css') + 1] : undefined;

declare const window: { bench: { connected: boolean; done: boolean }; startBench(count: number, rate: number): void };

async function startProfiler(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

/** The functions with the most self time (µs per event), keyed by name and file:line. */
async function stopProfiler(cdp: CDPSession, name: string): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
  };
  const perSample = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  const self = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const hits = node.hitCount ?? 0;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += hits;
    const file = url.replace(/^.*\//, '');
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + hits);
  }
  const us = (hits: number) => ((hits * perSample) / events).toFixed(2);
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
  console.log(`\n${name}: ${us(busy)} µs/event of JavaScript and what it calls (idle and "program" left out)`);
  console.log(table([['function (self time)', 'µs/event'], ...top.map(([key, hits]) => [key, us(hits)])]));
}

/** The panel main thread's frames and its CPU time by kind of work, per event. */
function printTrace(traced: Awaited<ReturnType<typeof stopPanelTrace>>): void {
  const ms = (values: number[], q: number) => quantile(values, q).toFixed(1);
  const { cpu, wall } = traced.frameWork;
  console.log(
    `\npanel tab main thread: CPU ${traced.cpuMs.toFixed(0)} ms in ${traced.spanMs.toFixed(0)} ms; ${cpu.length} frames, ` +
      `work per frame CPU p50 ${ms(cpu, 0.5)} / p95 ${ms(cpu, 0.95)}, wall p50 ${ms(wall, 0.5)} / p95 ${ms(wall, 0.95)} ms; ` +
      `${traced.tasks.length} tasks, wall p95 ${ms(traced.tasks, 0.95)} / max ${ms(traced.tasks, 1)} ms`,
  );
  const top = [...traced.byKind].sort((a, b) => b[1] - a[1]).slice(0, 20);
  const perFrame = (total: number) => (total / Math.max(1, cpu.length)).toFixed(2);
  console.log(
    table([
      ['trace event (CPU self time)', 'ms', 'ms/frame'],
      ...top.map(([name, t]) => [name, t.toFixed(0), perFrame(t)]),
    ]),
  );
}

const server = await startPushServer();
const extension = await launchWithExtension('chromium');
try {
  const url = `${server.pageUrl}?profile`;
  const page: Page = await extension.browser.newPage();
  await page.goto(url);
  await waitFor(
    'the push page to connect',
    () => page.evaluate(() => window.bench.connected),
    (connected) => connected,
  );
  const sessions: [string, CDPSession][] = [['page (hook, relay, the page)', await page.createCDPSession()]];
  let panel: Page | undefined;
  if (withPanel) {
    panel = await extension.openPanelFor(url);
    await panel.setViewport(PANEL_VIEWPORT);
    await waitForPanelRow(panel, 'the WebSocket open record', (row) => row.data.startsWith('open ws://'));
    await showView(panel, view);
    if (css !== undefined) await panel.addStyleTag({ content: css });
    sessions.push(['panel tab', await panel.createCDPSession()]);
    const worker = await extension.browser.waitForTarget(
      (target) => target.type() === TargetType.SERVICE_WORKER && target.url().startsWith('chrome-extension://'),
    );
    sessions.push(['service worker', await worker.createCDPSession()]);
  }
  if (trace && panel) await startPanelTrace(panel);
  else for (const [, cdp] of sessions) await startProfiler(cdp);
  await page.evaluate((n, r) => window.startBench(n, r), events, rate);
  await waitFor(
    `${events} events in the page`,
    () => page.evaluate(() => window.bench.done),
    (done) => done,
    180_000,
  );
  if (trace && panel) printTrace(await stopPanelTrace(panel));
  else for (const [name, cdp] of sessions) await stopProfiler(cdp, name);
} finally {
  await extension.close();
  await server.close();
}
