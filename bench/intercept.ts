// The hook's cost of breakpoints that match nothing (issue 13): the page's receive rate and its JavaScript per event
// with a panel tab open, with no breakpoint against three set (an event name, a /regex/ and a packet type) that no
// packet of the run matches, in alternating order within one run.
import type { Page } from 'puppeteer-core';
import { addBreakpoint } from '../test/e2e/intercept-page.ts';
import { fillField, pressButton, showView, waitForPanelRow, type PanelView } from '../test/e2e/panel-page.ts';
import { waitFor } from '../test/e2e/wait.ts';
import { costOf, throughputRun, withPushBrowsers, type ThroughputRun } from './page.ts';
import { count, ratioText, summarize, table } from './stats.ts';

/**
 * Sets breakpoints that match no packet of the run, then waits until the hook has them: an emit from the composer
 * travels the same way after them, and its row comes back.
 */
async function breakOnNothing(panel: Page): Promise<void> {
  await showView(panel, 'Packets');
  await waitFor(
    'the session in the composer',
    () => panel.evaluate(() => document.querySelector('select[aria-label="Session"]')?.textContent ?? ''),
    (text) => text.includes('s1'),
  );
  await addBreakpoint(panel, 'no-such-event', 'Both');
  await addBreakpoint(panel, '/"never-sent"/', 'Received');
  await addBreakpoint(panel, 'another-missing-event', 'Sent');
  await fillField(panel, 'Event', 'bench-sync');
  await fillField(panel, 'Arguments', '[]');
  await pressButton(panel, 'Emit');
  // (The run then shows the view it measures, as the runs without breakpoints do.)
  await waitForPanelRow(panel, 'the emit behind the breakpoints', (row) => row.data.includes('bench-sync'));
}

export async function interceptBench({
  events,
  rounds,
  view,
}: {
  events: number;
  rounds: number;
  /** The panel's view in the panel tab. */
  view: PanelView;
}): Promise<void> {
  console.log(
    `\nBreakpoints that match nothing: ${count(events)} events pushed as fast as the server can, panel tab open on ${view}, ` +
      `${rounds} rounds of both in alternating order (headless Chromium)\n`,
  );
  await withPushBrowsers(async (browsers, server) => {
    const variant = 'with extension + panel tab';
    const run = (breakpoints: boolean, pageCost: boolean, n = events) =>
      throughputRun(variant, browsers, server, n, {
        prepare: breakpoints ? breakOnNothing : undefined,
        pageCost,
        view,
      });
    await run(false, false, 5_000);
    await run(true, false, 5_000);
    // Per round, each variant once for the rate and once for the page's cost (see ThroughputOptions.pageCost).
    const none: ThroughputRun[] = [];
    const set: ThroughputRun[] = [];
    const noneCost: ThroughputRun[] = [];
    const setCost: ThroughputRun[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const pageCost of [false, true]) {
        const [noneRuns, setRuns] = pageCost ? [noneCost, setCost] : [none, set];
        if (round % 2) setRuns.push(await run(true, pageCost));
        noneRuns.push(await run(false, pageCost));
        if (!(round % 2)) setRuns.push(await run(true, pageCost));
      }
    }
    const rate = summarize(set.map((r, i) => r.eventsPerSecond / none[i].eventsPerSecond));
    const script = summarize(setCost.map((r, i) => costOf(r).scriptUsPerEvent / costOf(noneCost[i]).scriptUsPerEvent));
    const median = (list: ThroughputRun[], figure: (r: ThroughputRun) => number) =>
      summarize(list.map(figure)).median.toFixed(2);
    console.log(
      table([
        ['panel tab', 'events/s (median)', 'page JS µs/event', 'main thread µs/event'],
        [
          'no breakpoint',
          count(summarize(none.map((r) => r.eventsPerSecond)).median),
          median(noneCost, (r) => costOf(r).scriptUsPerEvent),
          median(noneCost, (r) => costOf(r).taskUsPerEvent),
        ],
        [
          '3 breakpoints matching nothing',
          count(summarize(set.map((r) => r.eventsPerSecond)).median),
          median(setCost, (r) => costOf(r).scriptUsPerEvent),
          median(setCost, (r) => costOf(r).taskUsPerEvent),
        ],
      ]),
    );
    console.log(
      `Breakpoints set / none, per round: page rate ${ratioText(rate)}, page JavaScript per event ${ratioText(script)}.`,
    );
  });
}
