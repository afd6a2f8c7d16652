/**
 * Replay into the live page, against the seed chat on real socket.io 2.x and 4.x servers: the server side of the
 * page's session (three messages of another member) replayed at ×10 and then step by step reaches the page's own
 * 'chat message' handler, in order, and nothing reaches the server; a session imported from a *.sio.json export is
 * replayed into the live session after Clear. In both browsers.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { SocketIoMajor } from '../apps/chat-server';
import { describeInBrowsers, type ExtensionBrowser } from './browsers';
import { chatting, SAID, shownMessages } from './chat-session';
import { downloadFromPanel, importIntoPanel, pressButton, readPacketRows } from './panel-page';
import { waitFor } from './wait';

/** The replay toolbar's status line. */
const replayStatus = (panel: Page) =>
  panel.evaluate(() => document.querySelector('[aria-label="Replay"] [role="status"]')?.textContent ?? '');

/** The replay toolbar's status and alert, as a user reads them. */
const replayReport = (panel: Page) =>
  panel.evaluate(() =>
    Array.from(document.querySelectorAll('[aria-label="Replay"] [role="status"], [aria-label="Replay"] [role="alert"]'))
      .map((line) => line.textContent)
      .join(' | '),
  );

/** Picks the option named `name` in the select labelled `label`, as a user's choice does. */
async function choose(panel: Page, label: string, name: string): Promise<void> {
  await panel.evaluate(
    (field, wanted) => {
      const select = document.querySelector<HTMLSelectElement>(`select[aria-label="${field}"]`)!;
      select.value = Array.from(select.options).find((option) => option.textContent === wanted)!.value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
    label,
    name,
  );
}

/** Waits until the composer's session has its WebSocket (Deliver to page is enabled). */
const websocketReady = (panel: Page) =>
  waitFor(
    'the live session on its WebSocket',
    () =>
      panel.evaluate(
        () =>
          Array.from(document.querySelectorAll('button')).find((button) => button.textContent === 'Deliver to page')
            ?.disabled === false,
      ),
    Boolean,
  );

/** The seed chat, recorded, with the live session on its WebSocket. */
async function chattingLive(extension: ExtensionBrowser, version: SocketIoMajor) {
  const chat = await chatting(extension, version);
  await websocketReady(chat.panel);
  return chat;
}

describeInBrowsers(
  (browserName) => `replay in ${browserName}`,
  (extension) => {
    for (const version of [2, 4] as SocketIoMajor[]) {
      it(`replays the seed chat's server side at ×10 and step by step on socket.io ${version}.x`, async () => {
        const { server, other, page, panel } = await chattingLive(extension, version);
        try {
          await pressButton(panel, 'Replay server side');
          await waitFor(
            'the loaded replay',
            () => replayStatus(panel),
            (text) => text.startsWith('0 of 3 delivered'),
          );
          await choose(panel, 'Replay speed', '×10');
          await pressButton(panel, 'Play');
          const twice = await waitFor(
            'the replay at ×10',
            () => shownMessages(page),
            (shown) => shown.length === 6,
          );
          assert.deepEqual(twice, [...SAID, ...SAID]);
          assert.match(await replayStatus(panel), /^3 of 3 delivered \(done\)/);

          await pressButton(panel, 'Stop');
          for (const [at, message] of SAID.entries()) {
            await pressButton(panel, 'Step');
            const shown = await waitFor(
              `step ${at + 1}`,
              () => shownMessages(page),
              (list) => list.length === 7 + at,
            );
            assert.equal(shown.at(-1), message);
            assert.match(await replayStatus(panel), new RegExp(`^${at + 1} of 3 delivered`));
          }
          assert.deepEqual(server.messages, SAID, 'a replay never reaches the server');
          assert.deepEqual(other.messages, SAID, 'nor the other members');
          const marked = await waitFor(
            'the replayed packets marked in the timeline',
            async () => (await readPacketRows(panel)).filter((row) => row.flags.includes('Injected')),
            (rows) => rows.length === 6,
          );
          assert.ok(marked.every((row) => row.name === 'chat message'));
          await panel.close();
        } finally {
          other.close();
          await page.close();
          await server.close();
        }
      });
    }

    it('replays a session imported from a *.sio.json export into the live session', async () => {
      const { server, other, page, panel } = await chattingLive(extension, 4);
      try {
        const exported = await downloadFromPanel(panel, 'Export');
        await importIntoPanel(panel, exported, 'chat.sio.json');
        await pressButton(panel, 'Replay server side');
        await waitFor(
          'the loaded replay',
          () => replayStatus(panel),
          (text) => text.startsWith('0 of 3 delivered'),
        );
        await pressButton(panel, 'Clear');
        other.send('live again');
        await waitFor(
          'the live session again',
          () => readPacketRows(panel),
          (rows) => rows.some((row) => row.data.includes('live again')),
        );
        await websocketReady(panel);
        await choose(panel, 'Replay speed', 'As fast as possible');
        await pressButton(panel, 'Play');
        const { shown } = await waitFor(
          'the imported replay',
          async () => ({ shown: await shownMessages(page), replay: await replayReport(panel) }),
          (seen) => seen.shown.length === 7,
        );
        assert.deepEqual(shown, [...SAID, 'live again', ...SAID]);
        await panel.close();
      } finally {
        other.close();
        await page.close();
        await server.close();
      }
    });
  },
);
