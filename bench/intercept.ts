// The hook's cost of breakpoints that match nothing (issue 13): the page's receive rate and its JavaScript per event
// with a panel tab open, with no breakpoint against three set (an event name, a /regex/ and a packet type) that no
// packet of the run matches, in alternating order within one run.
import type { Page } from 'puppeteer-core';
import { addBreakpoint } from '../test/e2e/intercept-page.ts';
import { fillField, pressButton, showView, waitForPanelRow } from '../test/e2e/panel-page.ts';
import { waitFor } from '../test/e2e/wait.ts';
import { throughputRun, withPushBrowsers, type ThroughputRun } from './page.ts';
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
  // Back in the Raw frames view, as the runs without breakpoints measure it.
  await waitForPanelRow(panel, 'the emit behind the breakpoints', (row) => row.data.includes('bench-sync'));
}

export async function interceptBench({ events, rounds }: { events: number; rounds: number }): Promise<void> {
  console.log(
    `\nBreakpoints that match nothing: ${count(events)} events pushed as fast as the server can, panel tab open, ` +
      `${rounds} rounds of both in alternating order (headless Chromium)\n`,
  );
  await withPushBrowsers(async (browsers, server) => {
    const variant = 'with extension + panel tab';
    const run = (breakpoints: boolean, n = events) =>
      throughputRun(variant, browsers, server, n, 0, breakpoints ? breakOnNothing : undefined);
    await run(false, 5_000);
    await run(true, 5_000);
    const none: ThroughputRun[] = [];
    const set: ThroughputRun[] = [];
    for (let round = 0; round < rounds; round++) {
      if (round % 2) set.push(await run(true));
      none.push(await run(false));
      if (!(round % 2)) set.push(await run(true));
    }
    const rate = summarize(set.map((r, i) => r.eventsPerSecond / none[i].eventsPerSecond));
    const script = summarize(set.map((r, i) => r.scriptUsPerEvent / none[i].scriptUsPerEvent));
    const median = (list: ThroughputRun[], figure: (r: ThroughputRun) => number) =>
      summarize(list.map(figure)).median.toFixed(2);
    console.log(
      table([
        ['panel tab', 'events/s (median)', 'page JS µs/event', 'main thread µs/event'],
        [
          'no breakpoint',
          count(summarize(none.map((r) => r.eventsPerSecond)).median),
          median(none, (r) => r.scriptUsPerEvent),
          median(none, (r) => r.taskUsPerEvent),
        ],
        [
          '3 breakpoints matching nothing',
          count(summarize(set.map((r) => r.eventsPerSecond)).median),
          median(set, (r) => r.scriptUsPerEvent),
          median(set, (r) => r.taskUsPerEvent),
        ],
      ]),
    );
    console.log(
      `Breakpoints set / none, per round: page rate ${ratioText(rate)}, page JavaScript per event ${ratioText(script)}.`,
    );
  });
}
