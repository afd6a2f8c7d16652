/**
 * Chrome stops an idle MV3 service worker at any time. Stopping it in the middle of a stream of chat messages must
 * lose nothing and duplicate nothing: the panel reconnects, the relays replay their backlog, and the panel keeps each
 * record once. (Chromium only: Firefox runs the background as an event page that this cannot happen to mid-stream.)
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { joinChat, type ChatClient } from '../apps/chat-client';
import { startChatServer, type ChatServer } from '../apps/chat-server';
import { launchWithExtension, type ExtensionBrowser } from './browsers';
import { exportFromPanel } from './panel-page';
import { waitFor } from './wait';

const MESSAGES = 1000;
const BATCH = 20;

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
  return panel.evaluate(() => Number.parseInt(document.querySelector('[aria-label="Captured records"]')?.textContent ?? '0', 10));
}

/** The chat messages the panel has as received, in its order (from its export: the raw list renders only the rows in view). */
async function receivedMessages(panel: Parameters<typeof exportFromPanel>[0]): Promise<string[]> {
  const exported = await exportFromPanel(panel);
  return exported.packets.flatMap((packet) => (packet.direction === 'received' && packet.sio?.event === 'chat message' ? [String(packet.sio.args?.[0])] : []));
}

it('loses and duplicates no record when the service worker is stopped mid-stream', async () => {
  const page = await extension.browser.newPage();
  await page.goto(server.url);
  const panel = await extension.openPanelFor(server.url);
  const worker = await extension.browser.waitForTarget((target) => target.type() === 'service_worker');
  const workerId = (worker as unknown as { _targetId: string })._targetId;

  let sent = 0;
  const sendBatch = () => {
    for (let i = 0; i < BATCH && sent < MESSAGES; i++) other.send(`message ${sent++}`);
  };
  const timer = setInterval(sendBatch, 5);
  try {
    await waitFor('the panel to have the first messages', () => capturedRecords(panel), (count) => count >= 100);
    const browserSession = await extension.browser.target().createCDPSession();
    await browserSession.send('Target.closeTarget', { targetId: workerId });
    await waitFor('the service worker to stop', () => extension.browser.targets().some((target) => (target as unknown as { _targetId: string })._targetId === workerId), (alive) => !alive);
    const stoppedAt = sent;
    assert.ok(stoppedAt < MESSAGES, `the worker stopped mid-stream (after ${stoppedAt} of ${MESSAGES})`);

    await other.waitForMessage((message) => message === `message ${MESSAGES - 1}`);
    const expected = Array.from({ length: MESSAGES }, (_, index) => `message ${index}`);
    const shown = await waitFor('the panel to show every message once, in order', () => receivedMessages(panel), (messages) => messages.length >= MESSAGES, 30_000);
    assert.deepEqual(shown, expected);
    const pageShown = await page.$$eval('#messages li', (items) => items.length);
    assert.equal(pageShown, MESSAGES, 'the page itself received every message');
    assert.ok(
      extension.browser.targets().some((target) => target.type() === 'service_worker'),
      'a new service worker took over',
    );
  } finally {
    clearInterval(timer);
    await panel.close();
    await page.close();
  }
});
