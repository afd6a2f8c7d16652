/**
 * The relay runs a panel's polling POST only to one of its document's own polling sessions: a POST to another URL is
 * refused, counted, and shown in the panel; a command the hook cannot run (a connection that does not exist) is
 * counted among the capture errors in the page and shown too, in both browsers.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { MESSAGE_PROTOCOL_VERSION, type PageCommand } from '../../src/messages';
import { startEchoServer, type EchoServer } from '../apps/echo-server';
import { describeInBrowsers } from './browsers';
import { waitFor } from './wait';

interface EchoWindow {
  echoResult?: unknown;
  floodResult?: unknown;
  startFlood(count: number): void;
}
declare const window: EchoWindow;

/**
 * From the panel's page, a port of its own: subscribes to the panel's tab, takes the document id from what the
 * background sends, and sends `commands` into that document.
 */
function sendCommands(panel: Page, commands: PageCommand[]): Promise<void> {
  return panel.evaluate(
    async (version, list) => {
      type Port = {
        postMessage(message: unknown): void;
        onMessage: {
          addListener(listener: (message: { type: string; document?: { documentId: string } }) => void): void;
        };
        disconnect(): void;
      };
      type Runtime = { runtime: { connect(info: { name: string }): Port } };
      const scope = globalThis as never as { browser?: Runtime; chrome: Runtime };
      const port = (scope.browser ?? scope.chrome).runtime.connect({ name: 'panel' });
      const tabId = Number(new URL(location.href).searchParams.get('tabId'));
      const documentId = await new Promise<string>((resolve) => {
        port.onMessage.addListener((message) => {
          if (message.type === 'document' && message.document) resolve(message.document.documentId);
        });
        port.postMessage({ type: 'subscribe', version, tabId });
      });
      for (const command of list)
        port.postMessage({ type: 'command', version, tabId, frameId: 0, documentId, command });
    },
    MESSAGE_PROTOCOL_VERSION,
    commands,
  );
}

const toolbar = (panel: Page) => panel.evaluate(() => document.querySelector('header')?.textContent ?? '');

describeInBrowsers(
  (browserName) => `the trust boundary in ${browserName}`,
  (extension) => {
    let server: EchoServer;
    before(async () => {
      server = await startEchoServer(4);
    });
    after(async () => {
      await server?.close();
    });

    it('refuses a polling POST to a URL of no session of the page, and counts a command the hook cannot run', async () => {
      const page = await extension.browser.newPage();
      const url = `${server.url}?client=4&transports=polling`;
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      await waitFor('the page to connect and echo', () => page.evaluate(() => Boolean(window.echoResult)), Boolean);
      const panel = await extension.openPanelFor(url);
      const forged = `${server.url}socket.io/?EIO=4&transport=polling&sid=forged`;
      await sendCommands(panel, [
        { action: 'post', url: forged, body: { text: '42["forged"]' } },
        { action: 'send', connection: 'ws404', frames: [{ text: '42["nowhere"]' }] },
      ]);
      await waitFor(
        'the panel to show the refused command',
        () => toolbar(panel),
        (text) => /1 commands refused/.test(text),
      );
      // The hook's count travels with its next batch.
      await page.evaluate(() => window.startFlood(1));
      await waitFor(
        'the panel to show the capture error',
        () => toolbar(panel),
        (text) => /1 capture errors in the page/.test(text),
      );
      assert.ok(
        !server.events.some((event) => event[0] === 'forged' || event[0] === 'nowhere'),
        'the server got neither command',
      );
      await panel.close();
      await page.close();
    });
  },
);
