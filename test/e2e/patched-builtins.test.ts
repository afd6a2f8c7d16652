/**
 * A page that patches the built-ins after the hook installed (Function.prototype.call and .apply,
 * Promise.prototype.then, the CustomEvent detail getter, Object/Array.prototype.toJSON, JSON.stringify,
 * EventTarget.prototype.dispatchEvent) and dispatches fake MessageEvents on its own WebSocket: the capture stays
 * exactly what the server logged, and none of the patched functions ever sees the hook's channel, events, records or
 * messages, in both browsers.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startEchoServer, type EchoServer } from '../apps/echo-server';
import { describeInBrowsers } from './browsers';
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

describeInBrowsers(
  (browserName) => `a page that patches built-ins, in ${browserName}`,
  (extension) => {
    let server: EchoServer;
    before(async () => {
      server = await startEchoServer(4);
    });
    after(async () => {
      await server?.close();
    });

    it('captures exactly what the server logged, fake events left out, and no patched function sees the channel', async () => {
      const page = await extension.browser.newPage();
      try {
        const url = `${server.url}patched-builtins`;
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
        await waitForServerLog(panel, server);
        assert.ok(
          server.packets.some((logged) => logged.direction === 'received' && logged.packet.startsWith('42["tick"')),
          'the server flooded ticks',
        );
        await panel.close();
        const leaks = await page.evaluate(() => (window as never as { patched: Patched }).patched.leaks);
        assert.deepEqual(leaks, [], 'what of the extension reached a patched function while a panel listened');
      } finally {
        await page.close();
      }
    });
  },
);
