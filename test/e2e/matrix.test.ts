/**
 * The compatibility matrix (test/matrix/cells.ts), in both browsers: for every row (socket.io version x transport)
 * the page runs the features (test/apps/matrix/scenario.js) against real servers; for each feature, the Socket.IO
 * packets of the panel's export equal the server's log (both directions, in order, per session) and the page
 * observed the same as in a browser without the extension. Each cell's outcome goes to .tmp/matrix/<browser>.json,
 * from which `npm run matrix:table` writes the README's table.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { startMatrixServer, type RunName } from '../apps/matrix/server';
import { startPlainServer, type PlainLog, type PlainMessage } from '../apps/matrix/plain-server';
import type { LoggedSioPacket, SessionLog } from '../apps/matrix/server-log';
import {
  featureUnavailable,
  PLAIN_APPS,
  RESULTS_DIR,
  rows,
  rowTitle,
  type CellResult,
  type FeatureName,
  type Row,
} from '../matrix/cells';
import { describeInBrowsers, launchPlain, type PlainBrowser } from './browsers';
import { exportFromPanel, type ExportedCapture } from './panel-page';
import { waitFor } from './wait';

interface PageResult {
  observed: Record<string, unknown>;
  sessions: Record<string, string[]>;
}

/** The features each run tries: one page run on one server each. */
const RUNS: { run: RunName; features: FeatureName[] }[] = [
  {
    run: 'default',
    features: ['acks', 'binary', 'namespaces', 'refused', 'server-disconnect', 'two-sockets', 'iframe'],
  },
  { run: 'msgpack', features: ['msgpack'] },
  { run: 'recovery', features: ['recovery'] },
];

/** Runs a page to its end and returns what it reports (or throws what it says went wrong). */
async function runPage<T>(browser: Browser, url: string, result: string): Promise<{ page: Page; result: T }> {
  const page = await browser.newPage();
  await page.goto(url);
  return { page, result: await pageResult<T>(page, result) };
}

async function pageResult<T>(page: Page, name: string): Promise<T> {
  const outcome = await waitFor(
    `the page's ${name}`,
    () =>
      page.evaluate(
        (key) => ({ result: (window as never)[key], error: (window as never as { matrixError?: string }).matrixError }),
        name,
      ),
    (value) => value.result !== undefined || value.error !== undefined,
    30_000,
  );
  if (outcome.error) throw new Error(`the page failed: ${outcome.error}`);
  return outcome.result;
}

/** A packet in one key order, so that the capture's and the log's compare as JSON. */
const canonical = ({ type, nsp, id, event, args, data, error }: LoggedSioPacket): LoggedSioPacket => ({
  type,
  nsp,
  id,
  event,
  args,
  data,
  error,
});

/** The Engine.IO message packets of a session of the export, as Socket.IO packets in the log's shape. */
function capturedSession(capture: ExportedCapture, sid: string): SessionLog {
  const sessions = new Set(capture.sessions.filter((session) => session.sid === sid).map((session) => session.id));
  const log: SessionLog = { sent: [], received: [] };
  for (const packet of capture.packets) {
    if (!sessions.has(packet.session) || packet.eio.type !== 'message') continue;
    const shaped: LoggedSioPacket = packet.sio
      ? { ...(packet.sio as LoggedSioPacket), error: packet.error }
      : { type: 'not a Socket.IO packet', nsp: '', error: packet.error ?? JSON.stringify(packet.raw) };
    log[packet.direction].push(shaped);
  }
  return log;
}

/** What the page observed that it does not observe without the extension: nothing, or one line saying so. */
function pageDifference(withExtension: unknown, without: unknown): string[] {
  const [observed, baseline] = [JSON.stringify(withExtension), JSON.stringify(without)];
  return observed === baseline ? [] : [`the page observed ${observed}, without the extension ${baseline}`];
}

const asJson = (log: SessionLog) =>
  JSON.stringify({ sent: log.sent.map(canonical), received: log.received.map(canonical) });

/** Per sid: what differs between the capture and the server's log, or nothing. */
function differences(capture: ExportedCapture, serverLog: Map<string, SessionLog>, sids: string[]): string[] {
  return sids.flatMap((sid) => {
    const expected = serverLog.get(sid);
    if (!expected) return [`the server logged no session ${sid}`];
    const shown = asJson(capturedSession(capture, sid));
    return shown === asJson(expected) ? [] : [`session ${sid}\n  panel  ${shown}\n  server ${asJson(expected)}`];
  });
}

describeInBrowsers(
  (name) => `compatibility matrix in ${name}`,
  (extension, browserName) => {
    const results: CellResult[] = [];
    let plain: PlainBrowser | undefined;
    const plainBrowser = () => plain!.browser;
    before(async () => {
      plain = await launchPlain(browserName);
    });
    after(async () => {
      await plain?.close();
      if (results.length === 0) return; // nothing ran here (a --test-name-pattern for the other browser): keep its last results
      mkdirSync(RESULTS_DIR, { recursive: true });
      writeFileSync(new URL(`${browserName}.json`, RESULTS_DIR), `${JSON.stringify(results, null, 2)}\n`);
    });

    /** Records each cell's outcome (a message says what failed), then fails the test with every failure. */
    function settle(cells: { row: string; feature: CellResult['feature']; message: string | undefined }[]): void {
      for (const { row, feature, message } of cells)
        results.push({ row, feature, browser: browserName, passed: !message, message });
      const failures = cells
        .filter(({ message }) => message)
        .map(({ row, feature, message }) => `${row}, ${feature}: ${message}`);
      assert.deepEqual(failures, [], failures.join('\n'));
    }

    /** Waits until every feature's sessions in the panel's export equal the server's log; returns what still differs. */
    async function compareWithServer(
      panel: Page,
      serverLog: Map<string, SessionLog>,
      sessions: Record<string, string[]>,
    ): Promise<Map<string, string[]>> {
      let last = new Map<string, string[]>();
      await waitFor(
        "the panel's export to equal the server's log",
        async () => {
          const capture = await exportFromPanel(panel);
          last = new Map(
            Object.entries(sessions).map(([feature, sids]) => [feature, differences(capture, serverLog, sids)]),
          );
          return [...last.values()].every((found) => found.length === 0);
        },
        (equal) => equal,
      ).catch(() => undefined);
      return last;
    }

    async function checkRun(row: Row, run: RunName, features: FeatureName[]): Promise<void> {
      const server = await startMatrixServer(row.flavour, row.transport, run);
      const outcomes = new Map<CellResult['feature'], string | undefined>();
      try {
        const { page, result } = await runPage<PageResult>(extension.browser, server.url, 'matrixResult');
        const panel = await extension.openPanelFor(server.url);
        const found = await compareWithServer(panel, server.sessions, result.sessions);
        const baseline = await runPage<PageResult>(plainBrowser(), server.url, 'matrixResult');
        await baseline.page.close();
        for (const feature of features) {
          const problems = [
            ...(found.get(feature) ?? ['no session']),
            ...pageDifference(result.observed[feature], baseline.result.observed[feature]),
          ];
          outcomes.set(feature, problems.length ? problems.join('\n') : undefined);
        }
        if (run === 'default') outcomes.set('reload', await checkReload(page, panel, server.sessions, result));
        await panel.close();
        await page.close();
      } finally {
        await server.close();
      }
      settle([...outcomes].map(([feature, message]) => ({ row: rowTitle(row), feature, message })));
    }

    /** After a reload the panel shows the new page's sessions as the server logged them, and none of the old ones. */
    async function checkReload(
      page: Page,
      panel: Page,
      serverLog: Map<string, SessionLog>,
      before: PageResult,
    ): Promise<string | undefined> {
      await page.bringToFront();
      await page.reload();
      const after = await pageResult<PageResult>(page, 'matrixResult');
      const found = await compareWithServer(panel, serverLog, after.sessions);
      const problems = [...found.values()].flat();
      const capture = await exportFromPanel(panel);
      const old = Object.values(before.sessions)
        .flat()
        .filter((sid) => capture.sessions.some((session) => session.sid === sid));
      if (old.length) problems.push(`sessions from before the reload still shown: ${old.join(', ')}`);
      return problems.length ? problems.join('\n') : undefined;
    }

    for (const row of rows()) {
      describe(rowTitle(row), () => {
        for (const { run, features } of RUNS) {
          const tried = features.filter((feature) => !featureUnavailable(row.flavour, feature));
          if (tried.length === 0) continue;
          it(`${tried.join(', ')}${run === 'default' ? ', reload' : ''}: the panel has the server's packets, the page is unchanged`, () =>
            checkRun(row, run, tried));
        }
      });
    }

    it('apps that are not Socket.IO: a plain WebSocket shown raw, a plain Engine.IO app at the Engine.IO level', async () => {
      const server = await startPlainServer();
      const outcomes = new Map<string, string | undefined>();
      try {
        for (const app of PLAIN_APPS) {
          const url = server.urls[app.name];
          const { page, result } = await runPage<unknown>(extension.browser, url, 'plainResult');
          const panel = await extension.openPanelFor(url);
          const expected = JSON.stringify(server.messages[app.name]);
          let shown = '';
          const problems: string[] = [];
          await waitFor(
            `the panel's export to show the ${app.name} messages`,
            async () => (shown = JSON.stringify(plainMessages(await exportFromPanel(panel), app.name))),
            (messages) => messages === expected,
          ).catch(() => problems.push(`panel ${shown}\n  server ${expected}`));
          // After the check: the baseline's messages go to the same server log.
          const baseline = await runPage<unknown>(plainBrowser(), url, 'plainResult');
          await baseline.page.close();
          problems.push(...pageDifference(result, baseline.result));
          outcomes.set(app.name, problems.length ? problems.join('\n') : undefined);
          await panel.close();
          await page.close();
        }
      } finally {
        await server.close();
      }
      settle([...outcomes].map(([app, message]) => ({ row: app, feature: 'plain', message })));
    });
  },
);

/**
 * The messages of a plain app in the export: for `ws`, the frames of its WebSocket session (not Engine.IO, so
 * `eio` null); for `engine.io`, the message packets of its Engine.IO session, none read as Socket.IO or flagged.
 */
function plainMessages(capture: ExportedCapture, app: 'ws' | 'engine.io'): PlainLog {
  const plainSessions = new Set(
    capture.sessions
      .filter((session) => (app === 'ws' ? session.eio === null : session.eio === 4))
      .map((session) => session.id),
  );
  const log: PlainLog = { sent: [], received: [] };
  for (const packet of capture.packets) {
    if (!plainSessions.has(packet.session) || (app === 'engine.io' && packet.eio.type !== 'message')) continue;
    const raw = packet.raw as PlainMessage;
    if (packet.sio || packet.error) log[packet.direction].push(`unexpected: ${JSON.stringify(packet)}`);
    else log[packet.direction].push(app === 'ws' || typeof raw !== 'string' ? raw : raw.slice(1));
  }
  return log;
}
