/**
 * The real DevTools panel in Chromium: DevTools opened on the seed chat lists a "Socket.IO" panel whose page, attached
 * to the inspected tab, shows the chat frames; hidden behind another DevTools panel, it renders rarely (its frames do
 * not come), and shown again it has every frame. It reaches into DevTools internals to select the panel
 * (recipe in ../shared/TESTING.md); if it fails while the panel-in-a-tab tests pass, suspect those internals first.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startChatServer, type ChatServer } from '../apps/chat-server';
import { launchWithExtension, type ExtensionBrowser } from './browsers';
import { readPanelRows } from './panel-page';
import { waitFor } from './wait';

const PANEL_TITLE = 'Socket.IO';

let extension: ExtensionBrowser;
let server: ChatServer;
before(async () => {
  extension = await launchWithExtension('chromium');
  server = await startChatServer(2);
});
after(async () => {
  await extension?.close();
  await server?.close();
});

const ourPanelId = () => `${extension.extensionOrigin}${PANEL_TITLE}`;

/**
 * Opens DevTools on `page` and shows our panel: whether DevTools showed it, its frame, and the function that shows
 * any of DevTools' panels (DevTools internals: UI.InspectorView).
 */
async function openOurPanel(page: Page) {
  const devtools = await page.openDevTools();
  const show = (id: string) =>
    waitFor(
      `DevTools to list the ${id} panel (DevTools internals: UI.InspectorView)`,
      () =>
        devtools.evaluate(async (panelId) => {
          // @ts-expect-error DevTools' own module, resolved inside the DevTools page
          const UI = await import('./ui/legacy/legacy.js');
          const inspector = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance();
          if (!inspector?.tabbedPane.tabIds().includes(panelId)) return false;
          await inspector.showPanel(panelId);
          return true;
        }, id),
      (listed) => listed,
    );
  const shown = await show(ourPanelId());
  const panelFrame = await devtools.waitForFrame((frame) =>
    frame.url().startsWith(`${extension.extensionOrigin}/panel.html`),
  );
  return { shown, panelFrame, show };
}

it('the DevTools panel of a chat tab shows the message typed into the page', async () => {
  const page = await extension.browser.newPage();
  await page.goto(server.url);
  const text = 'typed while DevTools is open';
  await page.type('#m', text);
  await page.click('form button');

  const { shown, panelFrame } = await openOurPanel(page);
  assert.equal(shown, true);

  const frame = `42${JSON.stringify(['chat message', text])}`;
  const rows = await waitFor(
    `the DevTools panel to show ${frame} both ways`,
    async () => {
      // Rows first: once they show, the panel has rendered its attached tab (read before, the frame may still load).
      const shownRows = await readPanelRows(panelFrame);
      const tabId = await panelFrame.evaluate(() => document.querySelector('main')?.getAttribute('data-tab-id'));
      return { tabId, rows: shownRows };
    },
    ({ rows: shownRows }) =>
      ['sent', 'received'].every((direction) =>
        shownRows.some((row) => row.direction === direction && row.data.includes(frame)),
      ),
  );
  assert.match(rows.tabId ?? '', /^\d+$/);
});

/** Sends `count` chat messages (`prefix 0`, …) from the chat page's form, one every 20 ms, until the page has all. */
async function chatFromPage(page: Page, prefix: string, count: number): Promise<void> {
  const before = await page.evaluate(() => document.querySelectorAll('#messages li').length);
  await page.evaluate(
    (text, total) => {
      const $ = (window as unknown as { $: (selector: string) => { val(v: string): void; submit(): void } }).$;
      let sent = 0;
      const timer = setInterval(() => {
        $('#m').val(`${text} ${sent++}`);
        $('form').submit();
        if (sent === total) clearInterval(timer);
      }, 20);
    },
    prefix,
    count,
  );
  await waitFor(
    `the chat page to receive its ${count} "${prefix}" messages`,
    () => page.evaluate(() => document.querySelectorAll('#messages li').length),
    (received) => received >= before + count,
  );
}

it('a DevTools panel another panel hides renders rarely, and shows every frame once it is shown again', async () => {
  const page = await extension.browser.newPage();
  await page.goto(server.url);
  const { panelFrame, show } = await openOurPanel(page);
  await waitFor(
    'the DevTools panel to list the chat connection',
    () => readPanelRows(panelFrame),
    (rows) => rows.length > 0,
  );
  // The panel's renders, as the DOM changes they make (one observer callback per render's changes).
  await panelFrame.evaluate(() => {
    const counted = window as unknown as { renders: number };
    counted.renders = 0;
    new MutationObserver(() => counted.renders++).observe(document.body, {
      childList: true,
      characterData: true,
      attributes: true,
      subtree: true,
    });
  });
  const renders = () => panelFrame.evaluate(() => (window as unknown as { renders: number }).renders);

  await chatFromPage(page, 'shown', 100);
  const whileShown = await renders();

  await show('console');
  // The first messages after the switch find the panel's frame still due: its renders slow down once it has not come.
  await chatFromPage(page, 'settling', 20);
  const hiddenFrom = await renders();
  await chatFromPage(page, 'hidden', 100);
  const whileHidden = (await renders()) - hiddenFrom;
  assert.ok(
    whileHidden * 3 < whileShown,
    `hidden, the panel rendered ${whileHidden} times for 100 messages in 2 s; shown, ${whileShown} times`,
  );

  await show(ourPanelId());
  const last = `42${JSON.stringify(['chat message', 'hidden 99'])}`;
  await waitFor(
    `the panel shown again to show ${last}`,
    () => readPanelRows(panelFrame),
    (rows) => rows.some((row) => row.direction === 'received' && row.data.includes(last)),
  );
});
