/**
 * Smoke test of the real DevTools panel in Chromium: DevTools opened on the seed chat lists a "Socket.IO" panel whose
 * page, attached to the inspected tab, shows the chat frames. It reaches into DevTools internals to select the panel
 * (recipe in ../shared/TESTING.md); if it fails while the panel-in-a-tab tests pass, suspect those internals first.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
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

it('the DevTools panel of a chat tab shows the message typed into the page', async () => {
  const page = await extension.browser.newPage();
  await page.goto(server.url);
  const text = 'typed while DevTools is open';
  await page.type('#m', text);
  await page.click('form button');

  const devtools = await page.openDevTools();
  const panelId = `${extension.extensionOrigin}${PANEL_TITLE}`;
  const shown = await waitFor(
    `DevTools to list the ${panelId} panel (DevTools internals: UI.InspectorView)`,
    () =>
      devtools.evaluate(async (id) => {
        // @ts-expect-error DevTools' own module, resolved inside the DevTools page
        const UI = await import('./ui/legacy/legacy.js');
        const inspector = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance();
        if (!inspector?.tabbedPane.tabIds().includes(id)) return false;
        await inspector.showPanel(id);
        return true;
      }, panelId),
    (listed) => listed,
  );
  assert.equal(shown, true);

  const panelFrame = await devtools.waitForFrame((frame) =>
    frame.url().startsWith(`${extension.extensionOrigin}/panel.html`),
  );
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
