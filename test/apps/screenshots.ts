/**
 * `npm run screenshots`: pictures of the panel for README, made from the seed chat so that they stay true. It serves
 * the chat on socket.io 4.x, chats from the page and from a second member, opens the panel in headless Chromium with
 * the built extension, selects a chat message, and writes docs/screenshots/light.png, dark.png (the panel in each
 * theme, 1280×720) and narrow.png (500 px wide: the details below the table).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, navigate } from '../e2e/browsers';
import { readPacketRows, selectPacket } from '../e2e/panel-page';
import { waitFor } from '../e2e/wait';
import { joinChat } from './chat-client';
import { startChatServer } from './chat-server';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const MESSAGES = ['hello from the page', 'is anyone here?', 'the panel shows every packet'];
const REPLIES = ['hi!', 'yes, from the Node client', 'and its round trips'];

/** Shows the panel in `theme`, at `width` × `height`, with the chat message `selected` picked, and saves it. */
async function shoot(panel: Page, theme: 'light' | 'dark', size: [number, number], file: string): Promise<void> {
  await panel.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
  await panel.setViewport({ width: size[0], height: size[1] });
  await navigate(panel, await panel.evaluate(() => location.href)); // the panel reads the theme when it starts
  const rows = await waitFor(
    'the chat in the panel',
    () => readPacketRows(panel),
    (shown) => shown.filter((row) => row.name === 'chat message').length >= MESSAGES.length + REPLIES.length,
  );
  const message = rows.filter((row) => row.name === 'chat message')[2];
  await selectPacket(panel, message.rowIndex);
  await panel.focus('[role="grid"][aria-label="Packets"]'); // the selection in the focused grid's colour
  await panel.screenshot({ path: `${OUT}${file}` });
  console.log(`wrote docs/screenshots/${file}`);
}

const server = await startChatServer(4);
const extension = await launchWithExtension('chromium');
try {
  const member = await joinChat(4, server.url);
  const page = await extension.browser.newPage();
  await page.goto(server.url);
  for (const [index, text] of MESSAGES.entries()) {
    await page.type('#m', text);
    await page.click('form button');
    await member.waitForMessage((received) => received === text);
    member.send(REPLIES[index]);
    await member.waitForMessage((received) => received === REPLIES[index]);
  }
  const panel = await extension.openPanelFor(server.url);
  mkdirSync(OUT, { recursive: true });
  await shoot(panel, 'light', [1280, 720], 'light.png');
  await shoot(panel, 'dark', [1280, 720], 'dark.png');
  await shoot(panel, 'light', [500, 800], 'narrow.png');
  member.close();
} finally {
  await extension.close();
  await server.close();
}
