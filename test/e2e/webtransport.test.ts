/**
 * WebTransport, in both browsers, against socket.io 4.x itself (run by Deno, test/apps/webtransport): a socket.io-client
 * 4.x page connects over polling and upgrades to WebTransport; the panel shows the upgrade, its packets on both
 * transports equal the server's log, and the composer's Emit (with an ack and a binary argument) reaches the server
 * over WebTransport, and Deliver to page reaches the page's handler.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startWebTransportServer, type WebTransportServer } from '../apps/webtransport/listen';
import { describeInBrowsers } from './browsers';
import { byChannel, panelMessages, serverMessages } from './engine-messages';
import { exportFromPanel, fillField, pressButton, sessionTexts, type ExportedCapture } from './panel-page';
import { waitFor } from './wait';

interface Seen {
  upgrade?: string;
  ack?: { ok: boolean };
  serverEvent?: unknown;
  injected?: unknown;
  transport?: string;
}

const seenBy = (page: Page) => page.evaluate(() => (window as never as { seen: Seen[] }).seen);

describeInBrowsers(
  (browserName) => `WebTransport in ${browserName}`,
  (extension) => {
    let server: WebTransportServer;
    before(async () => {
      server = await startWebTransportServer();
    });
    after(async () => {
      await server.close();
    });

    it('captures a socket.io 4.x session upgraded from polling to WebTransport, equal to the server log', async () => {
      const page = await extension.browser.newPage();
      try {
        await page.goto(server.url, { waitUntil: 'domcontentloaded' });
        const seen = await waitFor(
          'the page to get its ack and the server event over WebTransport',
          () => seenBy(page),
          (list) => list.some((item) => item.ack) && list.some((item) => item.serverEvent),
        );
        assert.deepEqual(
          seen.filter((item) => item.upgrade || item.ack).map((item) => item.upgrade ?? item.transport),
          ['webtransport', 'webtransport'],
        );
        await waitFor(
          'the server to get the ack of its event',
          () => server.events.filter((event) => event.event === 'ack of server-event').length,
          (count) => count > 0,
        );

        const panel = await extension.openPanelFor(server.url);
        const session = await waitFor(
          'the session to show its upgrade',
          async () => (await sessionTexts(panel)).find((text) => text.includes('polling → webtransport')) ?? '',
          (text) => text.includes('upgraded'),
        );
        assert.match(session, /EIO4 · polling → webtransport · open/);

        // The composer: Emit over WebTransport (an ack and a binary argument), then Deliver to page.
        await fillField(panel, 'Event', 'from-panel');
        await fillField(panel, 'Arguments', '["via the panel ✓", {"file": {"$binary": "AQID"}}]');
        await fillField(panel, 'Ack', true);
        await pressButton(panel, 'Emit');
        const emitted = await waitFor(
          'the server to get the panel emit',
          () => server.events.find((event) => event.event === 'from-panel'),
          Boolean,
        );
        assert.deepEqual(emitted, {
          event: 'from-panel',
          args: ['via the panel ✓', { file: { type: 'Buffer', data: [1, 2, 3] } }],
          transport: 'webtransport',
        });
        await fillField(panel, 'Event', 'injected');
        await fillField(panel, 'Arguments', '[{"as": "if the server sent it"}]');
        await fillField(panel, 'Ack', false);
        await pressButton(panel, 'Deliver to page');
        const delivered = await waitFor(
          'the page handler to run',
          () => seenBy(page),
          (list) => list.some((item) => item.injected),
        );
        assert.deepEqual(
          delivered.find((item) => item.injected),
          {
            injected: { as: 'if the server sent it' },
            transport: 'webtransport',
          },
        );

        let capture: ExportedCapture | undefined;
        await waitFor(
          'the panel to hold every message the server logged, the panel ack included',
          async () => {
            capture = await exportFromPanel(panel);
            return byChannel(panelMessages(capture.packets)) === byChannel(serverMessages(server.packets));
          },
          Boolean,
        ).catch((error: Error) => {
          const shown = byChannel(panelMessages(capture!.packets));
          throw new Error(`${error.message}\npanel  ${shown}\nserver ${byChannel(serverMessages(server.packets))}`);
        });
        const messages = serverMessages(server.packets);
        assert.ok(messages.includes('received over webtransport: 431000000000["panel ack"]'), 'the ack of the emit');
        assert.ok(messages.includes('received over webtransport: binary AQID'), 'the server event’s attachment');
        const upgrade = capture!.packets
          .filter((packet) => packet.transport === 'webtransport' && packet.direction === 'sent')
          .slice(0, 3)
          .map((packet) => packet.eio.type);
        assert.deepEqual(upgrade, ['open', 'ping', 'upgrade'], 'the client names its session, probes, upgrades');
        assert.deepEqual(
          capture!.sessions.map((s) => s.transports),
          [['polling', 'webtransport']],
        );
        await panel.close();
      } finally {
        await page.close();
      }
    });
  },
);
