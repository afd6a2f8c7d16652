/**
 * The trust boundary between the page and the extension, in both browsers:
 * - a page that patches the built-ins after the hook installed (Function.prototype.call and .apply,
 *   Promise.prototype.then, the CustomEvent detail getter, Object/Array.prototype.toJSON, JSON.stringify,
 *   EventTarget.prototype.dispatchEvent) and dispatches fake MessageEvents on its own WebSocket: the capture stays
 *   exactly what the server logged, and none of the patched functions ever sees the hook's channel, events, records or
 *   messages;
 * - the relay runs a panel's polling POST only to one of its document's own polling sessions: a POST to another URL
 *   is refused, counted, and shown in the panel; a command the hook cannot run (a connection that does not exist) is
 *   counted among the capture errors in the page and shown too.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { MESSAGE_PROTOCOL_VERSION, type PageCommand } from '../../src/messages';
import { describeInBrowsers } from './browsers';
import { loadEchoPage, useEchoServer, type EchoWindow } from './echo-page';
import { waitForServerLog } from './packet-log';
import { waitFor } from './wait';

interface Patched {
  /** How often each patched function ran. */
  calls: Record<string, number>;
  /** What of the extension's reached a patched function. */
  leaks: string[];
  acks: string[];
  ticks: number;
  fakes: number;
  done: boolean;
}

const PATCHED = [
  'Function.prototype.call',
  'Function.prototype.apply',
  'Promise.prototype.then',
  'CustomEvent.prototype.detail',
  'Object.prototype.toJSON',
  'Array.prototype.toJSON',
  'JSON.stringify',
  'EventTarget.prototype.dispatchEvent',
];

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
    const echo = useEchoServer();

    it('captures exactly what the server logged, fake events left out, and no patched function sees the channel', async () => {
      const page = await extension.browser.newPage();
      try {
        const url = `${echo.server.url}patched-builtins`;
        await page.goto(url);
        const patched = await waitFor(
          'the page to finish its traffic',
          () => page.evaluate(() => (window as never as { patched: Patched }).patched),
          (state) => state.done,
        );
        assert.deepEqual(patched.acks, ['ok: héllo', 'ok: emoji 🎉', 'ok: quote " end']);
        assert.equal(patched.fakes, 3, "the page's client took the fake events");
        for (const name of PATCHED) assert.ok(patched.calls[name] > 0, `the patch of ${name} ran`);
        assert.deepEqual(patched.leaks, [], 'what of the extension reached a patched function before a panel listened');

        const panel = await extension.openPanelFor(url);
        await waitForServerLog(panel, echo.server);
        assert.ok(
          echo.server.packets.some(
            (logged) => logged.direction === 'received' && logged.packet.startsWith('42["tick"'),
          ),
          'the server flooded ticks',
        );
        await panel.close();
        const leaks = await page.evaluate(() => (window as never as { patched: Patched }).patched.leaks);
        assert.deepEqual(leaks, [], 'what of the extension reached a patched function while a panel listened');
      } finally {
        await page.close();
      }
    });

    it('refuses a polling POST to a URL of no session of the page, and counts a command the hook cannot run', async () => {
      const page = await extension.browser.newPage();
      const url = `${echo.server.url}?client=4&transports=polling`;
      await loadEchoPage(page, url);
      const panel = await extension.openPanelFor(url);
      const forged = `${echo.server.url}socket.io/?EIO=4&transport=polling&sid=forged`;
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
        !echo.server.events.some((event) => event[0] === 'forged' || event[0] === 'nowhere'),
        'the server got neither command',
      );
      await panel.close();
      await page.close();
    });
  },
);
