/** The echo app's page (test/apps/echo-server.ts) as the e2e tests drive it, and its server for a suite. */
import { after, before } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startEchoServer, type EchoServer } from '../apps/echo-server';
import { waitFor } from './wait';

/** What the echo page exposes on `window`: its results, and the floods it asks its server for. */
export interface EchoWindow {
  echoResult?: { echoed: string[]; acks: string[] };
  floodResult?: { ticks: number; inOrder: boolean };
  bigResult?: { frames: number; bytes: number };
  startFlood(count: number): void;
  startBigFlood(count: number, bytes: number): void;
}

/** Loads the echo page at `url` in `page` and waits until its client connected and its echoes came back. */
export async function loadEchoPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await waitFor(
    'the page to connect and echo',
    () => page.evaluate(() => Boolean((window as never as EchoWindow).echoResult)),
    Boolean,
  );
}

/** An echo server of socket.io 4.x for the tests of a suite: started before them, closed after them. */
export function useEchoServer(): { readonly server: EchoServer } {
  const suite: { server?: EchoServer } = {};
  before(async () => {
    suite.server = await startEchoServer(4);
  });
  after(async () => {
    await suite.server?.close();
  });
  return {
    get server() {
      if (!suite.server) throw new Error('the echo server is used before the suite started it');
      return suite.server;
    },
  };
}
