/**
 * The seed chat (socket.io 2.x, as in the write-up, and 4.x): a message typed into the page reaches the other chat
 * client, and the panel, opened afterwards in a tab, shows the frames from page load on, in both browsers.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { joinChat } from '../apps/chat-client';
import { startChatServer, type SocketIoMajor } from '../apps/chat-server';
import { connectHandwritten } from '../apps/handwritten-client';
import { describeInBrowsers } from './browsers';
import { readPanelRows, setCheckbox, waitForPanelRow } from './panel-page';
import { waitFor } from './wait';

const VERSIONS: SocketIoMajor[] = [2, 4];

describeInBrowsers(
  (browserName) => `seed chat in ${browserName}`,
  (extension, browserName) => {
    for (const version of VERSIONS) {
      it(`shows a typed chat message on socket.io ${version}.x in the panel, and the other client receives it`, async () => {
        const server = await startChatServer(version);
        const other = await joinChat(version, server.url);
        const page = await extension.browser.newPage();
        try {
          await page.goto(server.url);
          const text = `hello from ${browserName} on ${version}.x ✓`;
          await page.type('#m', text);
          await page.click('form button');

          assert.equal(await other.waitForMessage((message) => message === text), text);
          const shown = await waitFor(
            'the page to show its own message',
            () => page.$$eval('#messages li', (items) => items.map((item) => item.textContent)),
            (items) => items.includes(text),
          );
          assert.deepEqual(shown, [text]);
          assert.deepEqual(server.messages, [text]);

          const panel = await extension.openPanelFor(server.url);
          const frame = `42${JSON.stringify(['chat message', text])}`;
          const handshake = await waitForPanelRow(
            panel,
            'the Engine.IO handshake',
            (row) => row.direction === 'received' && /0\{"sid":"[^"]+","upgrades":\["websocket"\]/.test(row.data),
          );
          assert.equal(handshake.transport, 'polling');
          const sent = await waitForPanelRow(
            panel,
            `the sent ${frame}`,
            (row) => row.direction === 'sent' && row.data.includes(frame),
          );
          const received = await waitForPanelRow(
            panel,
            `the broadcast ${frame}`,
            (row) => row.direction === 'received' && row.data.includes(frame),
          );
          assert.ok(['websocket', 'polling'].includes(sent.transport));
          assert.ok(['websocket', 'polling'].includes(received.transport));
          await panel.close();
        } finally {
          await page.close();
          other.close();
          await server.close();
        }
      });
    }

    it('marks a reload and keeps the earlier page with preserve log, and starts afresh without it', async () => {
      const server = await startChatServer(4);
      const page = await extension.browser.newPage();
      // Headless Chromium does not run a background tab's input and reload promptly: bring each page forward first.
      const say = async (text: string) => {
        await page.bringToFront();
        await page.type('#m', text);
        await page.click('form button');
      };
      /** Turns Preserve log on or off in the panel, reloads the page, and chats there. */
      const setPreserveLogReloadAndSay = async (
        panel: Awaited<ReturnType<typeof extension.openPanelFor>>,
        preserve: boolean,
        text: string,
      ) => {
        await panel.bringToFront();
        await setCheckbox(panel, 'Preserve log', preserve);
        await page.bringToFront();
        await page.reload();
        await say(text);
      };
      const sentFrame = (text: string) => (row: { direction: string; data: string }) =>
        row.direction === 'sent' && row.data.includes(JSON.stringify(['chat message', text]));
      try {
        await page.goto(server.url);
        const panel = await extension.openPanelFor(server.url);
        await say('before reload');
        await waitForPanelRow(panel, 'the message before the reload', sentFrame('before reload'));
        await setPreserveLogReloadAndSay(panel, true, 'after reload');
        await waitForPanelRow(panel, 'the message after the reload', sentFrame('after reload'));
        let rows = await readPanelRows(panel);
        const navigation = rows.findIndex((row) => row.kind === 'navigation');
        assert.ok(navigation > 0, 'a navigation row is shown');
        assert.ok(
          rows.findIndex(sentFrame('before reload')) < navigation &&
            navigation < rows.findIndex(sentFrame('after reload')),
        );

        await setPreserveLogReloadAndSay(panel, false, 'third page');
        await waitForPanelRow(panel, 'the message on the third page', sentFrame('third page'));
        rows = await readPanelRows(panel);
        assert.equal(rows.findIndex(sentFrame('before reload')), -1, 'the earlier pages are cleared');
        assert.equal(rows.findIndex(sentFrame('after reload')), -1, 'the earlier pages are cleared');
        await panel.close();
      } finally {
        await page.close();
        await server.close();
      }
    });

    it("shows the write-up's hand-written client chatting into the page on socket.io 2.x, live in an open panel", async () => {
      const server = await startChatServer(2);
      const page = await extension.browser.newPage();
      const handwritten = await connectHandwritten(server.url);
      try {
        await page.goto(server.url);
        const panel = await extension.openPanelFor(server.url);
        const content = `typed in a terminal (${browserName})`;
        handwritten.say(content);
        await waitFor(
          'the page to show the hand-written message',
          () => page.$$eval('#messages li', (items) => items.map((item) => item.textContent)),
          (items) => items.includes(content),
        );
        const frame = `42["chat message","${content}"]`;
        const row = await waitForPanelRow(
          panel,
          `the received ${frame}`,
          (shown) => shown.direction === 'received' && shown.data.includes(frame),
        );
        assert.ok(row.data.includes(frame));
        assert.ok(handwritten.frames.includes('3'), 'the server answered the hand-written 2probe with a pong');
        await panel.close();
      } finally {
        handwritten.close();
        await page.close();
        await server.close();
      }
    });
  },
);
