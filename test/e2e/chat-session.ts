import type { Page } from 'puppeteer-core';
import { joinChat } from '../apps/chat-client';
import { startChatServer, type SocketIoMajor } from '../apps/chat-server';
import type { ExtensionBrowser } from './browsers';
import { readPacketRows } from './panel-page';
import { waitFor } from './wait';

/** What another member of the seed chat says. */
export const SAID = ['one', 'two ✓', 'three 🎉'];

/** The messages the chat page shows, in order. */
export const shownMessages = (page: Page) =>
  page.$$eval('#messages li', (items) => items.map((item) => item.textContent));

/**
 * The seed chat with the page, its panel and another member, who says SAID once the panel shows the server's
 * CONNECT (the page has joined: a broadcast reaches it); the page shows it, and the panel has it.
 */
export async function chatting(extension: ExtensionBrowser, version: SocketIoMajor) {
  const server = await startChatServer(version);
  const other = await joinChat(version, server.url);
  const page = await extension.browser.newPage();
  await page.goto(server.url);
  const panel = await extension.openPanelFor(server.url);
  await waitFor(
    "the server's CONNECT in the panel",
    () => readPacketRows(panel),
    // 2.x: the server's CONNECT is the only one; 4.x: the server's carries the socket's sid.
    (rows) => rows.some((row) => row.type === 'CONNECT' && (version === 2 || row.data.includes('sid'))),
  );
  for (const message of SAID) {
    other.send(message);
    await waitFor(
      `the page to show ${message}`,
      () => shownMessages(page),
      (shown) => shown.includes(message),
    );
  }
  await waitFor(
    'the messages in the panel',
    () => readPacketRows(panel),
    (rows) => rows.filter((row) => row.name === 'chat message').length === SAID.length,
  );
  return { server, other, page, panel };
}
