/**
 * Acting on the live session from the panel, against real socket.io 2.x and 4.x servers, over WebSocket (after the
 * upgrade) and over polling: Emit reaches the server's handler with exactly the args (unicode and a binary arg) and
 * its ACK comes back paired; Deliver to page runs the page's handler; Replay sends a captured emit again; invalid
 * Arguments show an error and send nothing; the history sends again; the page's own traffic keeps working; with the
 * msgpack parser (socket.io 2.x and 4.x), Emit with an ack and a binary argument reaches the server's handler and
 * Deliver to page the page's; and in the seed chat, the other client receives what the panel emitted. In both
 * browsers.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { SocketIoMajor } from '../apps/chat-server';
import { joinChat } from '../apps/chat-client';
import { startChatServer } from '../apps/chat-server';
import { startEchoServer } from '../apps/echo-server';
import { startMatrixServer } from '../apps/matrix/server';
import { FLAVOURS } from '../matrix/cells';
import { describeInBrowsers } from './browsers';
import { fillField, pressButton, readDetails, readPacketRows, selectPacket } from './panel-page';
import { waitFor } from './wait';

/** The rows the panel itself sent or delivered, as "TYPE name" with their place in the grid. */
const injectedRows = async (panel: Page) =>
  (await readPacketRows(panel)).filter((row) => row.flags.includes('Injected'));

/** The composer's history entries as text. */
const historyItems = (panel: Page) =>
  panel.evaluate(() =>
    Array.from(
      document.querySelectorAll('[aria-label="Composer"] [aria-label="History"] li'),
      (item) => item.textContent ?? '',
    ),
  );

/** The sessions the composer offers. */
const composerSessions = (panel: Page) =>
  panel.evaluate(() => document.querySelector('select[aria-label="Session"]')?.textContent ?? '');

const CELLS: { version: SocketIoMajor; transports: 'websocket' | 'polling' | 'jsonp' }[] = [
  { version: 2, transports: 'websocket' },
  { version: 4, transports: 'websocket' },
  { version: 2, transports: 'polling' },
  { version: 4, transports: 'polling' },
  { version: 2, transports: 'jsonp' },
];

describeInBrowsers(
  (browserName) => `composer in ${browserName}`,
  (extension) => {
    for (const { version, transports } of CELLS) {
      it(`emits (with ack and binary), delivers and replays on socket.io ${version}.x over ${transports}`, async () => {
        const server = await startEchoServer(version);
        const page = await extension.browser.newPage();
        try {
          const url = `${server.url}?client=${version}${transports === 'websocket' ? '' : '&transports=polling'}${transports === 'jsonp' ? '&jsonp' : ''}`;
          await page.goto(url, { waitUntil: 'domcontentloaded' });
          await waitFor(
            'the page to connect',
            () => page.evaluate(() => Boolean((window as never as { echoResult?: unknown }).echoResult)),
            Boolean,
          );
          if (transports === 'websocket') {
            await waitFor('the upgrade', () => server.packets.some((packet) => packet.packet === '5'), Boolean);
          }
          const panel = await extension.openPanelFor(url);
          await waitFor(
            'the session in the composer',
            () => composerSessions(panel),
            (text) => text.includes('s1'),
          );

          // Invalid arguments: an error next to the field, nothing sent.
          const before = server.events.length;
          await fillField(panel, 'Event', 'echo');
          await fillField(panel, 'Arguments', '["unterminated');
          await pressButton(panel, 'Emit');
          const error = await waitFor(
            'the Arguments error',
            () =>
              panel.evaluate(() => {
                const ids = document.querySelector('[aria-label="Arguments"]')?.getAttribute('aria-describedby') ?? '';
                return ids ? (document.getElementById(ids)?.textContent ?? '') : '';
              }),
            (text) => text.length > 0,
          );
          assert.match(error, /Not JSON/);

          // Emit with an ack and a binary argument.
          await fillField(panel, 'Arguments', '["from the panel ✓ 🎉", {"file": {"$binary": "AQID"}}]');
          await fillField(panel, 'Ack', true);
          await pressButton(panel, 'Emit');
          await waitFor(
            'the server to receive the emit',
            () => server.events.length,
            (count) => count > before,
          );
          assert.equal(server.events.length, before + 1, 'the invalid emit sent nothing');
          const [event, text, file] = server.events[before] as [string, string, { file: Buffer }];
          assert.deepEqual([event, text, [...file.file]], ['echo', 'from the panel ✓ 🎉', [1, 2, 3]]);
          const injected = await waitFor(
            'the injected EVENT and its ACK in the timeline',
            () => injectedRows(panel),
            (rows) => rows.some((row) => row.name === 'echo' && ['BINARY_EVENT', 'EVENT'].includes(row.type)),
          );
          await selectPacket(panel, injected.find((row) => row.name === 'echo')!.rowIndex);
          const details = await waitFor(
            'the ACK paired with the injected emit',
            () => readDetails(panel),
            (text) => text.includes('Answered by ACK 1000000000'),
          );
          assert.match(details, /after/);

          // Replay the selected (injected) emit: the server receives it a second time.
          await pressButton(panel, 'Replay');
          await waitFor(
            'the replayed emit',
            () => server.events.length,
            (count) => count === before + 2,
          );
          assert.equal(server.events[before + 1][1], 'from the panel ✓ 🎉');

          if (transports === 'websocket') {
            // Deliver to page: the page's own 'echoed' handler runs; the server gets nothing.
            await fillField(panel, 'Event', 'echoed');
            await fillField(panel, 'Arguments', '["delivered ✓"]');
            await fillField(panel, 'Ack', false);
            await pressButton(panel, 'Deliver to page');
            const echoed = await waitFor(
              'the page handler to run',
              () => page.evaluate(() => (window as never as { echoResult: { echoed: string[] } }).echoResult.echoed),
              (list) => list.includes('delivered ✓'),
            );
            assert.ok(echoed.includes('delivered ✓'));
            assert.equal(server.events.length, before + 2, 'a delivered event never reaches the server');
          } else {
            const disabled = await panel.evaluate(
              () =>
                Array.from(document.querySelectorAll<HTMLButtonElement>('[aria-label="Composer"] button')).find(
                  (button) => button.textContent === 'Deliver to page',
                )!.disabled,
            );
            assert.equal(disabled, true, 'Deliver to page is unavailable on a polling session');
          }

          // The page's own captured emit, replayed: the server receives the page's first echo again.
          const pageEcho = (await readPacketRows(panel)).find(
            (row) => row.name === 'echo' && !row.flags.includes('Injected'),
          );
          await selectPacket(panel, pageEcho!.rowIndex);
          const eventsBeforeReplay = server.events.length;
          await waitFor(
            'the details of the page emit',
            () => readDetails(panel),
            (text) => text.includes('héllo'),
          );
          await pressButton(panel, 'Replay');
          await waitFor(
            'the replayed page emit',
            () => server.events.length,
            (count) => count > eventsBeforeReplay,
          );
          assert.deepEqual(server.events[eventsBeforeReplay], ['echo', 'héllo']);

          // The history: what was sent, sent again with one click, still there in a new panel.
          const history = await historyItems(panel);
          assert.ok(
            history.some((item) => item.includes('echo') && item.includes('from the panel ✓ 🎉')),
            `history: ${history.join(' | ')}`,
          );
          const eventsBeforeHistory = server.events.length;
          await pressButton(panel, 'Send again: echo');
          await waitFor(
            'the emit sent again from the history',
            () => server.events.length,
            (count) => count > eventsBeforeHistory,
          );
          const reopened = await extension.openPanelFor(url);
          const kept = await waitFor(
            'the history in a new panel',
            async () => (await historyItems(reopened)).length,
            (count) => count > 0,
          );
          assert.equal(kept, history.length);
          await reopened.close();

          // The page's own traffic still works.
          const reversed = await page.evaluate(() =>
            (window as never as { sendBytes(): Promise<number[]> }).sendBytes(),
          );
          assert.deepEqual(reversed, [250, 3, 2, 1]);
          await panel.close();
        } finally {
          await page.close();
          await server.close();
        }
      });
    }

    for (const flavour of FLAVOURS.filter(({ name }) => name === '2.x' || name === '4.x')) {
      it(`emits (with ack and binary) and delivers with the msgpack parser on socket.io ${flavour.name} over websocket`, async () => {
        const server = await startMatrixServer(flavour, 'websocket', 'msgpack');
        const page = await extension.browser.newPage();
        try {
          await page.goto(server.url);
          await waitFor(
            "the page's msgpack run",
            () => page.evaluate(() => (window as never as { matrixResult?: unknown }).matrixResult),
            Boolean,
          );
          // A socket that stays open (the run's sockets are closed): the page's client and its msgpack parser.
          const sid = await page.evaluate(
            () =>
              new Promise<string>((resolve) => {
                const { io, ioParser } = window as never as {
                  io: (
                    nsp: string,
                    options: object,
                  ) => {
                    io: { engine: { id: string } };
                    on(event: string, listener: (...args: never[]) => void): void;
                  };
                  ioParser: object;
                };
                const live = io('/', {
                  forceNew: true,
                  reconnection: false,
                  transports: ['websocket'],
                  parser: ioParser,
                });
                live.on('delivered', (text: string, bytes: ArrayBuffer) => {
                  (window as never as { delivered: unknown }).delivered = [text, Array.from(new Uint8Array(bytes))];
                });
                live.on('connect', () => resolve(live.io.engine.id));
              }),
          );
          const panel = await extension.openPanelFor(server.url);
          await waitFor(
            'the open msgpack session in the composer',
            () =>
              panel.evaluate(() => {
                const select = document.querySelector<HTMLSelectElement>('select[aria-label="Session"]');
                return select?.selectedOptions[0]?.textContent ?? '';
              }),
            (text) => text.includes(sid),
          );

          // Emit with an ack and a binary argument: the server's handler answers with the bytes reversed.
          await fillField(panel, 'Event', 'nested');
          await fillField(panel, 'Arguments', '[{"file": {"$binary": "AQID"}}, "from the panel ✓"]');
          await fillField(panel, 'Ack', true);
          await pressButton(panel, 'Emit');
          const log = () => server.sessions.get(sid);
          const emitted = await waitFor(
            'the server to receive the emit',
            () => log()?.sent.find((packet) => packet.event === 'nested'),
            Boolean,
          );
          assert.deepEqual(emitted!.args, [{ file: { $binary: 'AQID' } }, 'from the panel ✓']);
          const answer = await waitFor(
            "the server's ACK",
            () => log()?.received.find((packet) => packet.type === 'ACK' || packet.type === 'BINARY_ACK'),
            Boolean,
          );
          assert.deepEqual(answer!.args, [{ file: { $binary: 'AwIB' } }, 'from the panel ✓']);
          const injected = await waitFor(
            'the injected EVENT in the timeline',
            () => injectedRows(panel),
            (rows) => rows.some((row) => row.name === 'nested'),
          );
          await selectPacket(panel, injected.find((row) => row.name === 'nested')!.rowIndex);
          await waitFor(
            'the ACK paired with the injected emit',
            () => readDetails(panel),
            (text) => /Answered by (BINARY_)?ACK/.test(text),
          );

          // Deliver to page: the page's own handler runs, with the bytes; the server gets nothing.
          const sentBefore = log()!.sent.length;
          await fillField(panel, 'Event', 'delivered');
          await fillField(panel, 'Arguments', '["delivered ✓", {"$binary": "AQID"}]');
          await fillField(panel, 'Ack', false);
          await pressButton(panel, 'Deliver to page');
          const delivered = await waitFor(
            'the page handler to run',
            () => page.evaluate(() => (window as never as { delivered?: unknown }).delivered),
            Boolean,
          );
          assert.deepEqual(delivered, ['delivered ✓', [1, 2, 3]]);
          assert.equal(log()!.sent.length, sentBefore, 'a delivered event never reaches the server');
          await panel.close();
        } finally {
          await page.close();
          await server.close();
        }
      });
    }

    for (const version of [2, 4] as SocketIoMajor[]) {
      it(`emits into the seed chat on socket.io ${version}.x: the other client and the page get the broadcast`, async () => {
        const server = await startChatServer(version);
        const other = await joinChat(version, server.url);
        const page = await extension.browser.newPage();
        try {
          await page.goto(server.url);
          await page.type('#m', 'typed first');
          await page.click('form button');
          await other.waitForMessage((message) => message === 'typed first');
          const panel = await extension.openPanelFor(server.url);
          await waitFor(
            'the session in the composer',
            () => composerSessions(panel),
            (text) => text.includes('s1'),
          );
          await fillField(panel, 'Event', 'chat message');
          await fillField(panel, 'Arguments', '["said by the panel ✓"]');
          await pressButton(panel, 'Emit');
          assert.equal(
            await other.waitForMessage((message) => message === 'said by the panel ✓'),
            'said by the panel ✓',
          );
          const shown = await waitFor(
            'the page to show the broadcast',
            () => page.$$eval('#messages li', (items) => items.map((item) => item.textContent)),
            (items) => items.length === 2,
          );
          assert.deepEqual(shown, ['typed first', 'said by the panel ✓']);
          assert.deepEqual(server.messages, ['typed first', 'said by the panel ✓']);
          await page.bringToFront();
          await page.type('#m', 'typed after');
          await page.click('form button');
          assert.equal(
            await other.waitForMessage((message) => message === 'typed after'),
            'typed after',
            'the chat keeps working',
          );
          await panel.close();
        } finally {
          other.close();
          await page.close();
          await server.close();
        }
      });
    }
  },
);
