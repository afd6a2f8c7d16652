/**
 * The Problems view against real, really misconfigured socket.io servers (test/apps/diagnose/servers.ts), in both
 * browsers: each scenario's page runs its client from npm against its server, and the panel's Problems view shows
 * the problem, counted in the toolbar, with its packets linked: a click selects the packet in the timeline.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startPageServer, type PageServer } from '../apps/diagnose/page-server';
import { startScenarioServer, type ScenarioName } from '../apps/diagnose/servers';
import { describeInBrowsers } from './browsers';
import { waitFor } from './wait';

interface Scenario {
  name: ScenarioName;
  what: string;
  /** The problem's title. */
  title: RegExp;
  /** What its text says besides (cause, fix, figures). */
  says: RegExp[];
  /** The raw text of the first packet it links. */
  firstPacket: RegExp;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'sticky',
    what: 'two socket.io 4 servers behind a round-robin proxy without sticky sessions',
    title: /^Session ID unknown$/,
    says: [/different server instances/, /sticky sessions/, /transports: \["websocket"\]/],
    firstPacket: /"message":"Session ID unknown"/,
  },
  {
    name: 'eio-mismatch',
    what: 'socket.io-client 2.x against socket.io 4 without allowEIO3',
    title: /^Engine\.IO version mismatch: the client speaks 3, the server 4$/,
    says: [/EIO=3/, /allowEIO3/],
    firstPacket: /Unsupported protocol version/,
  },
  {
    name: 'silent-heartbeat',
    what: 'a socket.io 4 server that stops pinging',
    title: /^The server stopped sending pings$/,
    says: [/pingInterval 300 ms \+ pingTimeout 200 ms/, /"ping timeout" disconnect/],
    firstPacket: /^2$/,
  },
  {
    name: 'unanswered-ack',
    what: 'an emit whose ack the server never calls',
    title: /^No ack for "save"$/,
    says: [/tried 3 times/, /ackTimeout/, /never calls its acknowledgement callback/],
    firstPacket: /"save"/,
  },
  {
    name: 'refused',
    what: 'a namespace middleware refusing with new Error("not authorized") and data',
    title: /^Namespace "\/admin" refused the connection: "not authorized"$/,
    says: [/data \{"reason":"token expired"\}/, /middleware/],
    firstPacket: /^40\/admin,/,
  },
  {
    name: 'restart-loop',
    what: 'a server restarting in a loop',
    title: /^Reconnect storm on http:\/\/127\.0\.0\.1:\d+\/socket\.io\/$/,
    says: [/new sessions in/, /gaps/],
    firstPacket: /^0\{"sid"/,
  },
  {
    name: 'upgrade-refused',
    what: 'a proxy refusing the WebSocket upgrade',
    title: /^The WebSocket upgrade failed: the session stays on polling$/,
    says: [/Upgrade and Connection headers/],
    firstPacket: /"upgrades":\["websocket"\]/,
  },
];

interface ShownProblem {
  title: string;
  text: string;
  /** The accessible names of its packet links that can be clicked. */
  packets: string[];
}

/** The problems the view shows, read from the region named "Problems". */
function readProblems(panel: Page): Promise<ShownProblem[]> {
  return panel.evaluate(() => {
    const region = document.querySelector('section[aria-label="Problems"]');
    return Array.from(region?.querySelectorAll('article') ?? [], (article) => ({
      title: article.getAttribute('aria-label') ?? '',
      text: article.textContent ?? '',
      packets: Array.from(
        article.querySelectorAll<HTMLButtonElement>('button[aria-label^="Select packet"]:not([disabled])'),
        (button) => button.getAttribute('aria-label') ?? '',
      ),
    }));
  });
}

/** Clicks the toolbar tab or button whose text is `text`. */
function clickButton(panel: Page, text: RegExp): Promise<boolean> {
  return panel.evaluate((source) => {
    const pattern = new RegExp(source);
    const button = Array.from(document.querySelectorAll('button')).find((candidate) =>
      pattern.test(candidate.textContent?.trim() ?? ''),
    );
    button?.click();
    return button !== undefined;
  }, text.source);
}

describeInBrowsers(
  (browserName) => `the Problems view in ${browserName}`,
  (extension) => {
    let pages: PageServer;
    before(async () => {
      pages = await startPageServer();
    });
    after(() => pages.close());

    for (const scenario of SCENARIOS) {
      it(`${scenario.what}: shows the problem, with its packets linked`, async () => {
        const server = await startScenarioServer(scenario.name);
        const page = await extension.browser.newPage();
        try {
          const url = pages.pageUrl(scenario.name, server.url);
          await page.goto(url, { waitUntil: 'domcontentloaded' });
          const panel = await extension.openPanelFor(url);
          // The toolbar counts the problems; a click on the count opens the view.
          await waitFor('the toolbar to count problems', () => clickButton(panel, /^\d+ problems?$/), Boolean);
          const tab = await panel.evaluate(
            () => document.querySelector('[role="tab"][aria-selected="true"]')?.textContent,
          );
          assert.equal(tab, 'Problems');
          // A problem may grow as its packets come (a retried emit: its tries), so the wait is for what it says.
          const complete = (candidate: { title: string; text: string; packets: string[] }) =>
            scenario.title.test(candidate.title) &&
            candidate.packets.length > 0 &&
            scenario.says.every((said) => said.test(candidate.text));
          const problem = (
            await waitFor(
              `the problem ${scenario.title}`,
              () => readProblems(panel),
              (shown) => shown.some(complete),
            )
          ).find(complete)!;
          assert.match(problem.text, /Likely cause:/);
          assert.match(problem.text, /Fix:/);

          const link = problem.packets[0];
          const [, seq, session] = /^Select packet (\d+) of session (\S+)$/.exec(link)!;
          await panel.evaluate(
            (label) => document.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!.click(),
            link,
          );
          const selected = await waitFor(
            'the linked packet selected in the Packets view',
            () =>
              panel.evaluate(() => ({
                tab: document.querySelector('[role="tab"][aria-selected="true"]')?.textContent ?? '',
                session: document.querySelector('aside[aria-label="Packet details"] dd')?.textContent ?? '',
                raw: document.querySelector('aside[aria-label="Packet details"] section[aria-label="Raw frame"] pre')
                  ?.textContent,
              })),
            (shown) => shown.tab === 'Packets' && shown.session !== '',
          );
          assert.match(selected.session, new RegExp(`^${session}( |$)`));
          assert.match(selected.raw ?? '', scenario.firstPacket, `packet ${seq} of ${session}`);
          await panel.close();
        } finally {
          await page.close();
          await server.close();
        }
      });
    }
  },
);
