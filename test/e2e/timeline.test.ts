/**
 * What the user sees in the Packets view, against real socket.io 2.x and 4.x servers (polling upgraded to WebSocket):
 * one session merged across the upgrade, event names and args, an EVENT paired with its ACK and round-trip time,
 * a binary attachment in the Binary tab, a malformed frame flagged, the text filter and the type chips narrowing the
 * rows, and an export imported back showing the same rows, in both browsers.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { SocketIoMajor } from '../apps/chat-server';
import { startEchoServer, type EchoServer } from '../apps/echo-server';
import { describeInBrowsers, navigate } from './browsers';
import {
  exportFromPanel,
  fillField,
  importIntoPanel,
  pressButton,
  readPacketRows,
  selectPacket,
  sessionTexts,
  type PacketRow,
} from './panel-page';
import { waitFor } from './wait';

/** What a row says, without its place in the grid. */
const strip = (rows: PacketRow[]) => rows.map(({ type, name, data, flags }) => ({ type, name, data, flags }));

describeInBrowsers(
  (browserName) => `Packets view in ${browserName}`,
  (extension) => {
    for (const version of [2, 4] as SocketIoMajor[]) {
      it(`decodes a socket.io ${version}.x session across its upgrade: events, acks, binary, errors, filters`, async () => {
        const server: EchoServer = await startEchoServer(version);
        const page = await extension.browser.newPage();
        try {
          const url = `${server.url}?client=${version}`;
          await page.goto(url, { waitUntil: 'domcontentloaded' });
          await waitFor(
            'the echoes',
            () => page.evaluate(() => Boolean((window as never as { echoResult?: unknown }).echoResult)),
            Boolean,
          );
          const reversed = await page.evaluate(() =>
            (window as never as { sendBytes(): Promise<number[]> }).sendBytes(),
          );
          assert.deepEqual(reversed, [250, 3, 2, 1]);
          await page.evaluate(() => (window as never as { requestMalformed(): void }).requestMalformed());

          const panel = await extension.openPanelFor(url);
          const flagged = (row: PacketRow) => row.flags.includes('Error');
          const packets = await waitFor(
            'the decoded packets',
            () => readPacketRows(panel),
            (rows) => rows.some((row) => row.type === 'BINARY_ACK') && rows.some(flagged),
          );

          const sessions = await waitFor(
            'the sessions list to show the upgraded session',
            () => sessionTexts(panel),
            (texts) => texts.some((text) => text.includes('polling → websocket')),
          );
          assert.equal(sessions.length, 1, 'the polling and WebSocket halves are one session');
          // (socket.io-client 4 closes its connection on the malformed packet, so the state may read closed.)
          assert.match(sessions[0], new RegExp(`EIO${version === 2 ? 3 : 4} · polling → websocket · (open|closed)`));

          const echo = packets.find((row) => row.name === 'echo' && row.data.includes('héllo'));
          assert.ok(echo, 'the first echo EVENT is shown with its name and args');
          assert.equal(echo.type, 'EVENT');
          assert.match(await selectPacket(panel, echo.rowIndex), /Answered by ACK 0 after/);

          const binaryAck = packets.find((row) => row.type === 'BINARY_ACK')!;
          await selectPacket(panel, binaryAck.rowIndex);
          await pressButton(panel, 'Binary');
          const hex = await panel.evaluate(
            () => document.querySelector('[aria-label="Packet details"] [aria-label^="Binary"] pre')?.textContent ?? '',
          );
          assert.match(hex, /^00000000 {2}fa 03 02 01 /);

          const errors = packets.filter(flagged);
          assert.equal(errors.length, 1);
          assert.match(await selectPacket(panel, errors[0].rowIndex), /invalid|JSON/i);

          await fillField(panel, 'Filter', 'emoji');
          const filtered = await waitFor(
            'the text filter to narrow the rows',
            () => readPacketRows(panel),
            (rows) => rows.length < packets.length,
          );
          assert.deepEqual(filtered.map((row) => row.name).sort(), ['ack 1', 'echo', 'echoed']);
          await fillField(panel, 'Filter', '');
          // Sent, then Received added with Ctrl+click: every packet but the control packets.
          const CONTROL = ['ping', 'pong', 'noop', 'upgrade'];
          await pressButton(panel, 'Sent');
          await panel.evaluate(() =>
            Array.from(document.querySelectorAll('[aria-label="Packet types"] button'))
              .find((chip) => chip.textContent === 'Received')!
              .dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true })),
          );
          const withoutControl = await waitFor(
            'control packets to be hidden',
            () => readPacketRows(panel),
            (rows) => rows.length < packets.length && rows.some((row) => row.type === 'BINARY_ACK'),
          );
          assert.ok(withoutControl.every((row) => !CONTROL.includes(row.type)));
          await pressButton(panel, 'Control');
          const control = await waitFor(
            'only the control packets',
            () => readPacketRows(panel),
            (rows) => rows.length > 0 && rows.every((row) => CONTROL.includes(row.type)),
          );
          assert.equal(control.length + withoutControl.length, packets.length, 'the chips split every packet');
          await pressButton(panel, 'All');

          // Export, then import the file into a fresh panel: the same rows come back.
          const before = await waitFor(
            'all rows again',
            () => readPacketRows(panel),
            (rows) => rows.length === packets.length,
          );
          const exported = await exportFromPanel(panel);
          const fresh = await extension.browser.newPage();
          // The panel's size, so that its virtualized timeline renders every row as the live one did.
          await fresh.setViewport(panel.viewport());
          await navigate(fresh, await panel.evaluate(() => location.href));
          const notice = await importIntoPanel(fresh, JSON.stringify(exported), 'capture.sio.json');
          assert.ok(notice.includes('Imported capture.sio.json; Clear returns to the live capture'), notice);
          const imported = await waitFor(
            'the imported rows',
            () => readPacketRows(fresh),
            (rows) => rows.length >= before.length,
          );
          assert.deepEqual(strip(imported), strip(before));
          await fresh.close();
          await panel.close();
        } finally {
          await page.close();
          await server.close();
        }
      });
    }
  },
);
