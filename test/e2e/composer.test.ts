/**
 * Acting on the live session from the panel, against real socket.io 2.x and 4.x servers, over WebSocket (after the
 * upgrade) and over polling: Emit reaches the server's handler with exactly the args (unicode and a binary arg) and
 * its ACK comes back paired; Deliver to page runs the page's handler; Replay sends a captured emit again; invalid
 * Arguments show an error and send nothing; the history sends again; the page's own traffic keeps working; and in the
 * seed chat, the other client receives what the panel emitted. In both browsers.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { SocketIoMajor } from '../apps/chat-server';
import { joinChat } from '../apps/chat-client';
import { startChatServer } from '../apps/chat-server';
import { startEchoServer } from '../apps/echo-server';
import { describeInBrowsers } from './browsers';
import { waitFor } from './wait';

async function fill(panel: Page, label: string, value: string | boolean): Promise<void> {
  await panel.evaluate(
    (name, next) => {
      const field = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`.composer [aria-label="${name}"]`)!;
      if (typeof next === 'boolean') {
        if ((field as HTMLInputElement).checked !== next) field.click();
        return;
      }
      field.value = next;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    },
    label,
    value,
  );
}

async function press(panel: Page, text: string): Promise<void> {
  await panel.evaluate((name) => {
    Array.from(document.querySelectorAll<HTMLButtonElement>('button'))
      .find((button) => button.textContent?.trim() === name)!
      .click();
  }, text);
}

const injectedRows = (panel: Page) =>
  panel.evaluate(() =>
    Array.from(
      document.querySelectorAll('.timeline .packet.injected'),
      (row) =>
        `${row.querySelector('.type')?.textContent} ${row.querySelector('.name')?.textContent}|${row.getAttribute('data-index')}`,
    ),
  );

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
            () => panel.evaluate(() => document.querySelector('.composer select')?.textContent ?? ''),
            (text) => text.includes('s1'),
          );

          // Invalid arguments: an error next to the field, nothing sent.
          const before = server.events.length;
          await fill(panel, 'Event', 'echo');
          await fill(panel, 'Arguments', '["unterminated');
          await press(panel, 'Emit');
          const error = await waitFor(
            'the Arguments error',
            () => panel.evaluate(() => document.querySelector('.field-error[data-field="args"]')?.textContent ?? ''),
            (text) => text.length > 0,
          );
          assert.match(error, /Not JSON/);

          // Emit with an ack and a binary argument.
          await fill(panel, 'Arguments', '["from the panel ✓ 🎉", {"file": {"$binary": "AQID"}}]');
          await fill(panel, 'Ack', true);
          await press(panel, 'Emit');
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
            (rows) => rows.some((row) => row.startsWith('BINARY_EVENT echo') || row.startsWith('EVENT echo')),
          );
          const index = injected.find((row) => row.includes(' echo|'))!.split('|')[1];
          await panel.evaluate(
            (at) =>
              document
                .querySelector(`.timeline .packet[data-index="${at}"]`)!
                .dispatchEvent(new MouseEvent('mousedown', { bubbles: true })),
            index,
          );
          const details = await waitFor(
            'the ACK paired with the injected emit',
            () => panel.evaluate(() => document.querySelector('.details')?.textContent ?? ''),
            (text) => text.includes('Answered by ACK 1000000000'),
          );
          assert.match(details, /after/);

          // Replay the selected (injected) emit: the server receives it a second time.
          await press(panel, 'Replay');
          await waitFor(
            'the replayed emit',
            () => server.events.length,
            (count) => count === before + 2,
          );
          assert.equal(server.events[before + 1][1], 'from the panel ✓ 🎉');

          if (transports === 'websocket') {
            // Deliver to page: the page's own 'echoed' handler runs; the server gets nothing.
            await fill(panel, 'Event', 'echoed');
            await fill(panel, 'Arguments', '["delivered ✓"]');
            await fill(panel, 'Ack', false);
            await press(panel, 'Deliver to page');
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
                Array.from(document.querySelectorAll<HTMLButtonElement>('.composer button')).find(
                  (button) => button.textContent === 'Deliver to page',
                )!.disabled,
            );
            assert.equal(disabled, true, 'Deliver to page is unavailable on a polling session');
          }

          // The page's own captured emit, replayed: the server receives the page's first echo again.
          const pageEcho = await panel.evaluate(() => {
            const row = Array.from(document.querySelectorAll('.timeline .packet:not(.injected)')).find(
              (candidate) => candidate.querySelector('.name')?.textContent === 'echo',
            );
            return row?.getAttribute('data-index');
          });
          await panel.evaluate(
            (at) =>
              document
                .querySelector(`.timeline .packet[data-index="${at}"]`)!
                .dispatchEvent(new MouseEvent('mousedown', { bubbles: true })),
            pageEcho!,
          );
          const eventsBeforeReplay = server.events.length;
          await waitFor(
            'the details of the page emit',
            () => panel.evaluate(() => document.querySelector('.details')?.textContent ?? ''),
            (text) => text.includes('héllo'),
          );
          await press(panel, 'Replay');
          await waitFor(
            'the replayed page emit',
            () => server.events.length,
            (count) => count > eventsBeforeReplay,
          );
          assert.deepEqual(server.events[eventsBeforeReplay], ['echo', 'héllo']);

          // The history: what was sent, sent again with one click, still there in a new panel.
          const history = await panel.$$eval('.composer .history li', (items) =>
            items.map((item) => item.textContent ?? ''),
          );
          assert.ok(
            history.some((item) => item.includes('echo') && item.includes('from the panel ✓ 🎉')),
            `history: ${history.join(' | ')}`,
          );
          const eventsBeforeHistory = server.events.length;
          await panel.evaluate(() =>
            document
              .querySelector<HTMLButtonElement>('.composer .history button[aria-label="Send again: echo"]')!
              .click(),
          );
          await waitFor(
            'the emit sent again from the history',
            () => server.events.length,
            (count) => count > eventsBeforeHistory,
          );
          const reopened = await extension.openPanelFor(url);
          const kept = await waitFor(
            'the history in a new panel',
            () => reopened.$$eval('.composer .history li', (items) => items.length),
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
            () => panel.evaluate(() => document.querySelector('.composer select')?.textContent ?? ''),
            (text) => text.includes('s1'),
          );
          await fill(panel, 'Event', 'chat message');
          await fill(panel, 'Arguments', '["said by the panel ✓"]');
          await press(panel, 'Emit');
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
