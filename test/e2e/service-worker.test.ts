/**
 * Chrome stops an idle MV3 service worker at any time. Stopping it in the middle of a stream of chat messages must
 * lose nothing and duplicate nothing: the panel reconnects, the relays replay their backlog, and the panel keeps each
 * record once. (Chromium only: Firefox runs the background as an event page that this cannot happen to mid-stream.)
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { TargetType } from 'puppeteer-core';
import { joinChat, type ChatClient } from '../apps/chat-client';
import { startChatServer, type ChatServer } from '../apps/chat-server';
import { launchWithExtension, type ExtensionBrowser } from './browsers';
import { exportFromPanel } from './panel-page';
import { waitFor } from './wait';

/** Messages the other client sends every 5 ms, for as long as the stream runs. */
const BATCH = 20;
/** Messages the stream goes on for once the worker is gone (whenever that is), before it ends. */
const AFTER_STOP = 500;

let extension: ExtensionBrowser;
let server: ChatServer;
let other: ChatClient;
before(async () => {
  extension = await launchWithExtension('chromium');
  server = await startChatServer(4);
  other = await joinChat(4, server.url);
});
after(async () => {
  other?.close();
  await server?.close();
  await extension?.close();
});

/** How many records the panel has captured, as its toolbar says (cheap enough to poll while the stream runs). */
function capturedRecords(panel: Parameters<typeof exportFromPanel>[0]): Promise<number> {
  return panel.evaluate(() =>
    Number.parseInt(document.querySelector('[aria-label="Captured records"]')?.textContent ?? '0', 10),
  );
}

/** The chat messages the panel has as received, in its order (from its export: the raw list renders only the rows in view). */
async function receivedMessages(panel: Parameters<typeof exportFromPanel>[0]): Promise<string[]> {
  const exported = await exportFromPanel(panel);
  return exported.packets.flatMap((packet) =>
    packet.direction === 'received' && packet.sio?.event === 'chat message' ? [String(packet.sio.args?.[0])] : [],
  );
}

it('loses and duplicates no record when the service worker is stopped mid-stream', async () => {
  const page = await extension.browser.newPage();
  await page.goto(server.url);
  const panel = await extension.openPanelFor(server.url);
  const browserSession = await extension.browser.target().createCDPSession();
  const workerIds = async () =>
    (await browserSession.send('Target.getTargets')).targetInfos
      .filter((info) => info.type === 'service_worker' && info.url.startsWith(extension.extensionOrigin))
      .map((info) => info.targetId);
  const [workerId] = await waitFor('the service worker', workerIds, (ids) => ids.length === 1);

  // The stream runs until the worker has stopped and AFTER_STOP more messages went: mid-stream however long the
  // stop takes.
  let sent = 0;
  let sending = true;
  const timer = setInterval(() => {
    for (let i = 0; i < BATCH && sending; i++) other.send(`message ${sent++}`);
  }, 5);
  try {
    await waitFor(
      'the panel to have the first messages',
      () => capturedRecords(panel),
      (count) => count >= 100,
    );
    await browserSession.send('Target.closeTarget', { targetId: workerId });
    await waitFor('the service worker to stop', workerIds, (ids) => !ids.includes(workerId));
    const stoppedAt = sent;
    await waitFor(
      `${AFTER_STOP} more messages sent after the stop`,
      () => sent,
      (count) => count >= stoppedAt + AFTER_STOP,
    );
    sending = false;
    const total = sent;

    await other.waitForMessage((message) => message === `message ${total - 1}`);
    const expected = Array.from({ length: total }, (_, index) => `message ${index}`);
    const shown = await waitFor(
      'the panel to show every message once, in order',
      () => receivedMessages(panel),
      (messages) => messages.length >= total,
      30_000,
    );
    assert.deepEqual(shown, expected);
    const pageShown = await page.$$eval('#messages li', (items) => items.length);
    assert.equal(pageShown, total, 'the page itself received every message');
    assert.ok(
      extension.browser.targets().some((target) => target.type() === TargetType.SERVICE_WORKER),
      'a new service worker took over',
    );
  } finally {
    clearInterval(timer);
    await panel.close();
    await page.close();
  }
});
