/**
 * Sockets in workers, against socket.io 4.x (test/apps/workers): a client in a dedicated worker, one in a shared
 * worker and one in a service worker each connect over polling, upgrade to WebSocket, emit with an ack and answer a
 * server event that carries a binary attachment. In Chromium, with the panel's "Capture workers" on, each worker's
 * session is listed with its worker, its packets equal the server's log for that worker, and the composer says it
 * cannot reach it; turning the switch off lets the debugger go. Firefox gives extensions no debugger: the panel has no
 * switch and says why.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startWorkersServer, type WorkersServer } from '../apps/workers/server';
import { describeInBrowsers } from './browsers';
import { byChannel, panelMessages, serverMessages } from './engine-messages';
import { exportFromPanel, fillField, pressButton, sessionTexts, setCheckbox, type ExportedCapture } from './panel-page';
import { waitFor } from './wait';

const KINDS = ['dedicated', 'shared', 'service'] as const;
/** The workers and the page's own client (captured by the hook, not the debugger: once). */
const ALL = ['page', ...KINDS] as const;

interface Seen {
  kind: string;
  waiting?: boolean;
  ack?: { ok: boolean; kind: string };
  serverEvent?: unknown;
  injected?: unknown;
  againAck?: unknown;
  transport?: string;
}

const seenBy = (page: Page) => page.evaluate(() => (window as never as { seen: Seen[] }).seen);

/** The text of the panel's status lines (role status), joined. */
const statusText = (panel: Page) =>
  panel.evaluate(() => Array.from(document.querySelectorAll('[role="status"]'), (s) => s.textContent).join(' | '));

/** The switch named "Capture workers", as the accessibility tree has it: its role and state, or null. */
const workersSwitch = (panel: Page) =>
  panel.evaluate(() => {
    const box = Array.from(document.querySelectorAll('label'))
      .find((label) => label.textContent?.trim() === 'Capture workers')
      ?.querySelector('input');
    return box ? { role: box.getAttribute('role'), checked: box.checked } : null;
  });

/** Starts the page's workers and waits until each waits for the go. */
async function startWorkers(page: Page): Promise<void> {
  await page.evaluate(() => (window as never as { startWorkers(): Promise<boolean> }).startWorkers());
  await waitFor(
    'each worker to wait for the go',
    () => seenBy(page),
    (seen) => KINDS.every((kind) => seen.some((item) => item.kind === kind && item.waiting)),
  );
}

/** Lets the workers connect, and waits until each got its ack and the server's event. */
async function letWorkersRun(page: Page): Promise<Seen[]> {
  await page.evaluate(() => (window as never as { go(): void }).go());
  return waitFor(
    'each worker to get its ack and the server event',
    () => seenBy(page),
    (list) =>
      KINDS.every(
        (kind) => list.some((s) => s.kind === kind && s.ack) && list.some((s) => s.kind === kind && s.serverEvent),
      ),
  );
}

/** Turns "Capture workers" on and waits until the panel says the browser shows it is debugging (or why not). */
async function turnOn(panel: Page): Promise<void> {
  await setCheckbox(panel, 'Capture workers', true);
  const said = await waitFor(
    'the switch to go on or say why not',
    () => statusText(panel),
    (text) => text.includes('started debugging this browser') || text.includes('Capture workers went off'),
  );
  assert.match(said, /While this is on, the browser shows a bar saying that Socket.IO Inspector started debugging/);
  assert.equal((await workersSwitch(panel))?.checked, true);
}

/** Picks the composer's session by its id, once the composer lists it (it follows the traffic a few times a second). */
async function pickSession(panel: Page, id: string): Promise<void> {
  await waitFor(
    `the composer to list session ${id}`,
    () =>
      panel.evaluate(
        (value) =>
          Array.from(document.querySelectorAll<HTMLOptionElement>('select[aria-label="Session"] option')).some(
            (option) => option.value === value,
          ),
        id,
      ),
    Boolean,
  );
  await panel.evaluate((value) => {
    const select = document.querySelector<HTMLSelectElement>('select[aria-label="Session"]')!;
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, id);
}

/** One worker's messages, as the panel exported them: the packets of its session (its URL names the kind). */
function workerMessages(capture: ExportedCapture, kind: string): string {
  const ids = new Set(capture.sessions.filter((s) => s.url.includes(`kind=${kind}`)).map((s) => s.id));
  return byChannel(panelMessages(capture.packets.filter((packet) => ids.has(packet.session))));
}

const serverWorkerMessages = (server: WorkersServer, kind: string) =>
  byChannel(serverMessages(server.packets.filter((packet) => packet.kind === kind)));

describeInBrowsers(
  (browserName) => `Sockets in workers in ${browserName}`,
  (extension, browserName) => {
    let server: WorkersServer;
    before(async () => {
      server = await startWorkersServer();
    });
    after(async () => {
      await server.close();
    });

    /** Opens the app, whose page has its own client, and the panel once the page's client has its ack. */
    async function openApp(page: Page, app = server): Promise<Page> {
      await page.goto(app.url, { waitUntil: 'domcontentloaded' });
      await waitFor(
        'the page’s own client to get its ack',
        () => seenBy(page),
        (seen) => seen.some((item) => item.kind === 'page' && item.ack),
      );
      return extension.openPanelFor(app.url);
    }

    if (browserName === 'firefox') {
      it('has no "Capture workers" switch and says why', async () => {
        const page = await extension.browser.newPage();
        try {
          const panel = await openApp(page);
          await waitFor(
            'the panel to say workers cannot be captured',
            () => panel.evaluate(() => document.querySelector('header')?.textContent ?? ''),
            (text) => text.includes('Capture workers: not available in this browser (Firefox gives extensions no'),
          );
          assert.equal(await workersSwitch(panel), null);
          // The page's own client is captured as ever.
          await waitFor(
            'the page’s session in the panel to equal the server log',
            async () => workerMessages(await exportFromPanel(panel), 'page') === serverWorkerMessages(server, 'page'),
            Boolean,
          );
          await panel.close();
        } finally {
          await page.close();
        }
      });
      return;
    }

    it('captures a dedicated, a shared and a service worker equal to the server log, and emits into each', async () => {
      const page = await extension.browser.newPage();
      try {
        const panel = await openApp(page);
        await waitFor('the "Capture workers" switch', () => workersSwitch(panel), Boolean);
        assert.deepEqual(await workersSwitch(panel), { role: 'switch', checked: false });
        await turnOn(panel);
        assert.match(await statusText(panel), /Workers: none yet/);

        await startWorkers(page);
        await waitFor(
          'the panel to reach each worker',
          () => statusText(panel),
          (text) => KINDS.every((kind) => text.includes(`${kind} worker · ${server.url}${kind}.js`)),
        );
        const seen = await letWorkersRun(page);
        assert.deepEqual(
          KINDS.map((kind) => seen.find((item) => item.kind === kind && item.ack)?.transport),
          ['websocket', 'websocket', 'websocket'],
        );
        await waitFor(
          'the server to get each worker’s ack',
          () => server.events.filter((event) => event.event === 'ack of server-event').length,
          (count) => count === KINDS.length,
        );

        const marked = (texts: string[], kind: string) =>
          texts.some(
            (text) =>
              text.includes(`${kind} worker · ${server.url}${kind}.js`) && text.includes('EIO4 · polling → websocket'),
          );
        const sessions = await waitFor(
          'the sessions list to mark each worker’s session',
          () => sessionTexts(panel),
          (texts) => KINDS.every((kind) => marked(texts, kind)),
        ).catch(() => sessionTexts(panel));
        for (const kind of KINDS) {
          assert.ok(
            marked(sessions, kind),
            `the sessions list marks the ${kind} worker's session: ${sessions.join(' / ')}`,
          );
        }

        // The composer reaches each worker's socket through the debugger: Emit (with an ack and a binary argument)
        // and Deliver to page.
        let capture = await exportFromPanel(panel);
        for (const kind of KINDS) {
          const session = capture.sessions.find((s) => s.url.includes(`kind=${kind}`))!;
          await pickSession(panel, session.id);
          await fillField(panel, 'Event', 'from-panel');
          await fillField(panel, 'Arguments', `["to the ${kind} worker", {"file": {"$binary": "AQID"}}]`);
          await fillField(panel, 'Ack', true);
          await pressButton(panel, 'Emit');
          const emitted = await waitFor(
            `the server to get the panel's emit from the ${kind} worker`,
            () => server.events.find((event) => event.event === 'from-panel' && event.kind === kind),
            Boolean,
          );
          assert.deepEqual(emitted?.args, [`to the ${kind} worker`, { file: Buffer.from([1, 2, 3]) }]);
          await fillField(panel, 'Event', 'injected');
          await fillField(panel, 'Arguments', `[{"to": "${kind}"}]`);
          await fillField(panel, 'Ack', false);
          await pressButton(panel, 'Deliver to page');
          const delivered = await waitFor(
            `the ${kind} worker's handler to run`,
            () => seenBy(page),
            (list) => list.some((item) => item.kind === kind && item.injected),
          );
          assert.deepEqual(
            delivered.find((item) => item.kind === kind && item.injected),
            { kind, injected: { to: kind }, transport: 'websocket' },
          );
        }

        await waitFor(
          'each worker’s session in the panel to equal the server log for that worker',
          async () => {
            capture = await exportFromPanel(panel);
            return ALL.every((kind) => workerMessages(capture, kind) === serverWorkerMessages(server, kind));
          },
          Boolean,
        ).catch((error: Error) => {
          const sides = ALL.map(
            (kind) =>
              `${kind}\n panel  ${workerMessages(capture, kind)}\n server ${serverWorkerMessages(server, kind)}`,
          );
          throw new Error(`${error.message}\n${sides.join('\n')}`);
        });
        for (const kind of KINDS) {
          const messages = serverMessages(server.packets.filter((packet) => packet.kind === kind));
          assert.ok(messages.includes('received over websocket: binary AQID'), `${kind}: the attachment`);
          assert.ok(
            messages.some((m) => m.startsWith('sent over polling: 40')),
            `${kind}: the CONNECT over polling`,
          );
          const session = capture.sessions.find((s) => s.url.includes(`kind=${kind}`));
          assert.deepEqual(session?.transports, ['polling', 'websocket'], `${kind}: upgraded`);
          assert.deepEqual(session?.worker, { kind, url: `${server.url}${kind}.js` }, `${kind}: the export names it`);
        }

        for (const kind of KINDS) {
          const session = capture.sessions.find((s) => s.url.includes(`kind=${kind}`))!;
          const injected = capture.packets.filter((packet) => packet.session === session.id && 'injected' in packet);
          assert.deepEqual(
            injected.map((packet) => [packet.direction, packet.sio?.event]),
            [
              ['sent', 'from-panel'],
              ['received', 'injected'],
            ],
            `${kind}: the panel's packets are marked`,
          );
        }

        // Off lets the debugger go: it attaches again at once (a debugger still attached would refuse a second).
        await setCheckbox(panel, 'Capture workers', false);
        await waitFor(
          'the background to say the capture is off',
          () => statusText(panel),
          (text) => !text.includes('started debugging'),
        );
        assert.equal((await workersSwitch(panel))?.checked, false);
        await turnOn(panel);
        // So does the panel's going: a new panel turns it on again.
        await panel.close();
        const again = await extension.openPanelFor(server.url);
        await waitFor(
          'the "Capture workers" switch, off',
          () => workersSwitch(again),
          (state) => state?.checked === false,
        );
        await turnOn(again);
        await setCheckbox(again, 'Capture workers', false);
        await again.close();
      } finally {
        await page.close();
      }
    });

    it('captures workers whose sockets opened before the switch went on, as Engine.IO sessions', async () => {
      // Its own server: another origin, so no service worker or shared worker of the other test is reused.
      const late = await startWorkersServer();
      const page = await extension.browser.newPage();
      try {
        const panel = await openApp(page, late);
        await startWorkers(page);
        await letWorkersRun(page);
        await waitFor('the "Capture workers" switch', () => workersSwitch(panel), Boolean);
        await turnOn(panel);
        await waitFor(
          'the panel to reach each running worker',
          () => statusText(panel),
          (text) => KINDS.every((kind) => text.includes(`${kind} worker · ${late.url}${kind}.js`)),
        );
        const from = late.packets.length;
        await page.evaluate(() => (window as never as { again(): void }).again());
        await waitFor(
          'each worker to get the ack of its emit',
          () => seenBy(page),
          (list) => KINDS.every((kind) => list.some((item) => item.kind === kind && item.againAck)),
        );
        const since = (kind: string) =>
          byChannel(serverMessages(late.packets.slice(from).filter((packet) => packet.kind === kind)));
        let capture: ExportedCapture | undefined;
        await waitFor(
          'each worker’s session to show what it sent and received since the switch went on',
          async () => {
            capture = await exportFromPanel(panel);
            return KINDS.every((kind) => workerMessages(capture!, kind) === since(kind));
          },
          Boolean,
        ).catch((error: Error) => {
          const sides = KINDS.map(
            (kind) => `${kind}\n panel  ${workerMessages(capture!, kind)}\n server ${since(kind)}`,
          );
          const sessions = JSON.stringify(capture!.sessions.map((s) => [s.url, s.transports]));
          throw new Error(`${error.message}\n${sides.join('\n')}\nsessions ${sessions}`);
        });
        for (const kind of KINDS) {
          const session = capture!.sessions.find((s) => s.url.includes(`kind=${kind}`));
          assert.deepEqual([session?.eio, session?.transports], [4, ['websocket']], `${kind}: an Engine.IO session`);
        }
        await panel.close();
      } finally {
        await page.close();
        await late.close();
      }
    });
  },
);
