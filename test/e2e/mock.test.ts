/**
 * The mock server, end to end, in both browsers against real socket.io 2.x and 4.x servers: a session recorded with its
 * server (the transports page's emits with acks over WebSocket, over XHR polling and over fetch polling; the seed chat's
 * messages), the server then refusing every Engine.IO request, "Mock this session" pressed in the panel and the page
 * reloaded: the page gets the recorded events and acks with `socket.connected` true, and no request reaches the
 * server. A page whose client closes its connection reconnects to the mock, which plays the recording again. "Stop
 * mock" and a reload reach the (refusing) server again.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { SocketIoMajor } from '../apps/chat-server';
import { startEchoServer, type EchoServer } from '../apps/echo-server';
import { describeInBrowsers, type ExtensionBrowser } from './browsers';
import { chatting, SAID, shownMessages } from './chat-session';
import { pressButton, readPacketRows } from './panel-page';
import { DEFAULT_TIMEOUT_MS, waitFor } from './wait';
import { mockKey, mockStatusKey } from '../../src/protocol/mock-config';

/** The mock section's status lines, as a user reads them. */
const mockStatus = (panel: Page) =>
  panel.evaluate(() =>
    Array.from(document.querySelectorAll('[aria-label="Mock server"] [role="status"]'))
      .map((line) => line.textContent)
      .join(' | '),
  );

/** Arms the mock from the panel by its button's name, and waits until the panel says it is armed. */
async function armMock(panel: Page): Promise<void> {
  await pressButton(panel, 'Mock this session');
  await waitFor(
    'the armed mock',
    () => mockStatus(panel),
    (text) => text.includes('Mock armed: http://127.0.0.1:'),
  );
}

/** The part of the page's Socket.IO client the reconnection test drives. */
interface EchoSocket {
  connected: boolean;
  on(event: string, listener: (value: unknown) => void): void;
  emit(event: string, text: string, ack: (reply: unknown) => void): void;
  io: { on(event: string, listener: () => void): void; reconnection(on: boolean): void; engine: { close(): void } };
}

/** What the transports page learned: the acks and 'echoed' events, and whether its socket is connected. */
const echoState = (page: Page) =>
  page.evaluate(() => {
    const state = window as never as { echoResult?: unknown; echoSocket?: { connected: boolean } };
    return { result: state.echoResult, connected: state.echoSocket?.connected };
  });

/**
 * Reloads the page until the mock answers it, as the panel says to when it was armed too late (a page that connects
 * before its relay has read the armed mocks reaches its server: at most 3 loads). The mock plays the recorded timing,
 * so the echoes take about as long as they did when recorded. Returns the page's state and how many requests of the
 * last load the server refused.
 */
async function loadMocked(page: Page, panel: Page, server: EchoServer, key: string, recordedMs: number) {
  const timeoutMs = Math.max(DEFAULT_TIMEOUT_MS, 2 * recordedMs + 5_000);
  for (let load = 1; ; load++) {
    await panel.evaluate(async (status) => {
      type Storage = { remove(key: string): Promise<void> };
      const storage = (globalThis as never as { chrome: { storage: { local: Storage } } }).chrome.storage.local;
      await storage.remove(status);
    }, mockStatusKey(key));
    // In front, as a page docked with DevTools is: Firefox runs a background tab's timers (the recorded gaps) at 1/s.
    await page.bringToFront();
    const refused = server.refuse();
    await page.reload();
    try {
      const state = await waitFor(
        'the mocked echoes',
        () => echoState(page),
        (shown) => Boolean(shown.result),
        timeoutMs,
      );
      return { state, refused };
    } catch (error) {
      // A load the mock came too late for reaches the refusing server and never echoes: load again. (The panel's
      // status is no sign of it: the text of an earlier load can still be shown.)
      if (load === 3) throw error;
    }
  }
}

/**
 * The transports page of a new echo server recorded with its server, the server then refusing every request, the
 * mock armed from the panel and the page reloaded until the mock answers it.
 */
async function mockedEchoPage(extension: ExtensionBrowser, version: SocketIoMajor, transports: string) {
  const server = await startEchoServer(version);
  const page = await extension.browser.newPage();
  const url = `${server.url}?client=${version}&transports=${transports}`;
  try {
    const startedAt = Date.now();
    await page.goto(url);
    const recorded = await waitFor(
      'the echoes',
      () => echoState(page),
      (state) => Boolean(state.result),
    );
    const recordedMs = Date.now() - startedAt;
    const panel = await extension.openPanelFor(url);
    const rows = await waitFor(
      'the acks in the panel',
      () => readPacketRows(panel),
      (rows) => rows.filter((row) => row.type === 'ACK').length === 4,
    );
    // The recording keeps the conversation's order (each echo follows the ack of the one before), which the mock plays
    // by: a server packet waits for the page packets recorded before it.
    const conversation = rows.filter((row) => row.type === 'ACK' || (row.type === 'EVENT' && row.name === 'echo'));
    assert.deepEqual(
      conversation.map((row) => row.type),
      ['EVENT', 'ACK', 'EVENT', 'ACK', 'EVENT', 'ACK', 'EVENT', 'ACK'],
    );
    server.refuse(); // from now on (each mocked load counts what reached the server)
    await armMock(panel);
    const { state: mocked, refused } = await loadMocked(page, panel, server, mockKey(url)!, recordedMs);
    assert.deepEqual(mocked, recorded, 'the recorded acks and events, on a connected socket');
    assert.equal(mocked.connected, true);
    return { server, page, panel, recorded, refused };
  } catch (error) {
    await page.close();
    await server.close();
    throw error;
  }
}

describeInBrowsers(
  (browserName) => `mock server in ${browserName}`,
  (extension) => {
    const cases: [SocketIoMajor, string][] = [
      [2, 'websocket'],
      [2, 'polling'],
      [4, 'websocket'],
      [4, 'polling'],
      [4, 'fetch'],
      [2, 'polling,websocket'],
      [4, 'polling,websocket'],
    ];
    for (const [version, transports] of cases) {
      it(`answers a socket.io ${version}.x page over ${transports} from the recording, with no server`, async () => {
        const { server, page, panel, refused } = await mockedEchoPage(extension, version, transports);
        try {
          if (transports.endsWith('websocket')) {
            // The upgrade is offered as recorded: a polling session moves to the mocked WebSocket, as it did.
            const transportName = () =>
              page.evaluate(() => {
                const state = window as never as { echoSocket: { io: { engine: { transport: { name: string } } } } };
                return state.echoSocket.io.engine.transport.name;
              });
            assert.equal(await waitFor('the upgrade', transportName, (name) => name === 'websocket'), 'websocket');
          }
          // The mocked session is in the timeline as the recorded one was, over every transport: its handshake (the
          // sid the page's client holds) and its acks.
          const sid = await page.evaluate(
            () => (window as never as { echoSocket: { io: { engine: { id: string } } } }).echoSocket.io.engine.id,
          );
          await waitFor(
            'the mocked session in the panel',
            () => readPacketRows(panel),
            (rows) =>
              rows.some((row) => row.type === 'open' && row.data.includes(sid)) &&
              rows.filter((row) => row.type === 'ACK').length === 4,
          );
          assert.equal(refused(), 0, 'no request of the mocked load reached the server');
          await waitFor(
            'the answered connection in the panel',
            () => mockStatus(panel),
            (text) => text.includes('Answered 1 connection'),
          );

          await pressButton(panel, 'Stop mock');
          await waitFor(
            'the stopped mock',
            () => mockStatus(panel),
            (text) => !text.includes('Mock armed'),
          );
          await page.reload();
          await waitFor('the real server refusing the page', refused, (count) => count > 0);
          assert.equal((await echoState(page)).result, undefined);
          await panel.close();
        } finally {
          await page.close();
          await server.close();
        }
      });
    }

    const reconnecting: [SocketIoMajor, string][] = [
      [2, 'websocket'],
      [2, 'polling'],
      [4, 'websocket'],
      [4, 'polling'],
      [4, 'fetch'],
    ];
    for (const [version, transports] of reconnecting) {
      it(`reconnects a socket.io ${version}.x page over ${transports} to the mock as to its server`, async () => {
        const { server, page, panel, recorded, refused } = await mockedEchoPage(extension, version, transports);
        try {
          // The page's client closes its Engine.IO connection, as on a network error, with reconnection on.
          await page.evaluate(() => {
            const state = window as never as { reconnects: number; echoSocket: EchoSocket };
            state.reconnects = 0;
            state.echoSocket.io.on('reconnect', () => state.reconnects++);
            state.echoSocket.io.reconnection(true);
            state.echoSocket.io.engine.close();
          });
          const reconnected = () =>
            page.evaluate(() => {
              const state = window as never as { reconnects: number; echoSocket: EchoSocket };
              return { reconnects: state.reconnects, connected: state.echoSocket.connected };
            });
          assert.deepEqual(await waitFor('the reconnection', reconnected, (state) => state.connected), {
            reconnects: 1,
            connected: true,
          });
          // The new session plays the recording from its start: the page's echoes get the recorded answers again.
          await page.evaluate(() => {
            const state = window as never as { echoSocket: EchoSocket; MESSAGES: string[]; echoAgain?: unknown };
            const acks: unknown[] = [];
            const echoed: unknown[] = [];
            state.echoSocket.on('echoed', (text) => echoed.push(text));
            void (async () => {
              for (const text of state.MESSAGES)
                acks.push(await new Promise((resolve) => state.echoSocket.emit('echo', text, resolve)));
              state.echoAgain = { acks, echoed };
            })();
          });
          const again = await waitFor(
            'the echoes on the new session',
            () => page.evaluate(() => (window as never as { echoAgain?: unknown }).echoAgain),
            Boolean,
          );
          assert.deepEqual(again, recorded.result);
          await waitFor(
            'both answered connections in the panel',
            () => mockStatus(panel),
            (text) => text.includes('Answered 2 connections'),
          );
          assert.equal(refused(), 0, 'no request of the mocked load reached the server');
          await panel.close();
        } finally {
          await page.close();
          await server.close();
        }
      });
    }

    for (const version of [2, 4] as SocketIoMajor[]) {
      it(`shows the seed chat's recorded messages on socket.io ${version}.x with the server refusing`, async () => {
        const { server, other, page, panel } = await chatting(extension, version);
        try {
          const refused = server.refuse();
          await armMock(panel);
          await page.bringToFront();
          await page.reload();
          const replayed = await waitFor(
            'the recorded messages',
            () => shownMessages(page),
            (shown) => shown.length === 3,
          );
          assert.deepEqual(replayed, SAID);
          assert.equal(refused(), 0, 'no request of the mocked load reached the server');
          await panel.close();
        } finally {
          other.close();
          await page.close();
          await server.close();
        }
      });
    }
  },
);
