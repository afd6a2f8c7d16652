/**
 * Copy as Playwright test, end to end: sessions recorded by the extension in Chromium (the seed chat on socket.io 2.x,
 * and the transports page on 4.x, whose emits ask for acks, over polling and over WebSocket) are copied as tests; with
 * every server closed, each generated script runs under playwright-core against Debian's Chromium (the page and its
 * client script served by routes) and passes, and the page shows the recorded conversation.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser as PlaywrightBrowser, type Page as PlaywrightPage } from 'playwright-core';
import type { Page } from 'puppeteer-core';
import { joinChat } from '../apps/chat-client';
import { startChatServer } from '../apps/chat-server';
import { startEchoServer } from '../apps/echo-server';
import { launchWithExtension, type ExtensionBrowser } from './browsers';
import { pressButton, readPacketRows } from './panel-page';
import { waitFor } from './wait';

const SAID = ['one', 'two ✓', 'three 🎉'];
const module = (path: string) => fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));
/** What the pages load besides themselves, by path: the clients the servers serve, and jQuery. */
const STATIC: Record<string, { file: string; type: string }> = {
  '/socket.io/socket.io.js': { file: module('socket.io-client-v2/dist/socket.io.js'), type: 'text/javascript' },
  '/socket.io/socket.io.esm.min.js': {
    file: module('socket.io-client-v4/dist/socket.io.esm.min.js'),
    type: 'text/javascript',
  },
  '/jquery.min.js': { file: module('jquery/dist/jquery.min.js'), type: 'text/javascript' },
};

/** Clicks "Copy as Playwright test" in the panel and returns what it copied (the test stands in for the clipboard). */
function copyTest(panel: Page): Promise<string> {
  return panel.evaluate(async () => {
    let copied = '';
    navigator.clipboard.writeText = (text: string) => Promise.resolve(void (copied = text));
    Array.from(document.querySelectorAll('button'))
      .find((button) => button.textContent === 'Copy as Playwright test')!
      .click();
    await Promise.resolve();
    return copied;
  });
}

/**
 * Runs a generated test file as @playwright/test would, with a stand-in for that package (its `test` runs the body
 * with a fresh page, its `expect` checks with node:assert), after routes that serve `html` at the page's URL and the
 * client scripts. Returns the page, for the caller to read what it shows.
 */
async function runGenerated(browser: PlaywrightBrowser, script: string, html: string): Promise<PlaywrightPage> {
  const folder = mkdtempSync(join(tmpdir(), 'playwright-export-'));
  try {
    const packageDir = join(folder, 'node_modules', '@playwright', 'test');
    const stand_in = `import assert from 'node:assert/strict';
export const registered = [];
export const test = (name, body) => void registered.push({ name, body });
export const expect = (actual) => ({ toEqual: (expected) => assert.deepStrictEqual(actual, expected) });`;
    writeFileSync(join(folder, 'package.json'), '{"type": "module"}');
    mkdirSync(packageDir, { recursive: true });
    writeFileSync(join(packageDir, 'package.json'), '{"type": "module", "main": "index.js"}');
    writeFileSync(join(packageDir, 'index.js'), stand_in);
    writeFileSync(join(folder, 'session.spec.js'), script);
    await import(pathToFileURL(join(folder, 'session.spec.js')).href);
    const { registered } = (await import(pathToFileURL(join(packageDir, 'index.js')).href)) as {
      registered: { name: string; body: (fixtures: { page: PlaywrightPage }) => Promise<void> }[];
    };
    assert.equal(registered.length, 1, 'the script defines one test');
    const page = await browser.newPage();
    await page.route(
      (url) => !url.searchParams.has('EIO'),
      (route) => {
        const url = new URL(route.request().url());
        const file = STATIC[url.pathname];
        if (file) return route.fulfill({ status: 200, contentType: file.type, body: readFileSync(file.file) });
        if (url.pathname === '/') return route.fulfill({ status: 200, contentType: 'text/html', body: html });
        return route.fulfill({ status: 404, body: '' });
      },
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the generated test did not finish in 20 s')), 20_000);
    });
    try {
      await Promise.race([registered[0].body({ page }), timeout]);
    } finally {
      clearTimeout(timer);
    }
    return page;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('Copy as Playwright test, run with playwright-core in Chromium', () => {
  let extension: ExtensionBrowser | undefined;
  let playwright: PlaywrightBrowser | undefined;
  before(async () => {
    extension = await launchWithExtension('chromium');
    playwright = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  after(async () => {
    await extension?.close();
    await playwright?.close();
  });

  it("plays the seed chat's recorded session (socket.io 2.x) to its page with no server", async () => {
    const server = await startChatServer(2);
    const other = await joinChat(2, server.url);
    const page = await extension!.browser.newPage();
    let script: string;
    try {
      await page.goto(server.url);
      const panel = await extension!.openPanelFor(server.url);
      await waitFor(
        'the server CONNECT',
        () => readPacketRows(panel),
        (rows) => rows.some((row) => row.type === 'CONNECT'),
      );
      for (const message of SAID) {
        other.send(message);
        await waitFor(
          `the page to show ${message}`,
          () => page.$$eval('#messages li', (items) => items.map((item) => item.textContent)),
          (shown) => shown.includes(message),
        );
      }
      await waitFor(
        'the messages in the panel',
        () => readPacketRows(panel),
        (rows) => rows.filter((row) => row.name === 'chat message').length === SAID.length,
      );
      script = await copyTest(panel);
      await pressButton(panel, 'Clear');
      await panel.close();
    } finally {
      other.close();
      await page.close();
      await server.close();
    }
    assert.match(script, /^\/\/ Session s1 of http:\/\/127\.0\.0\.1:\d+\/socket\.io\/\?EIO=3&transport=polling/);
    assert.match(script, /routeWebSocket\(/);
    const html = readFileSync(new URL('../apps/chat/index.html', import.meta.url), 'utf8');
    const played = await runGenerated(playwright!, script, html);
    try {
      assert.deepEqual(await played.$$eval('#messages li', (items) => items.map((item) => item.textContent)), SAID);
    } finally {
      await played.close();
    }
  });

  for (const transports of ['polling', 'websocket']) {
    it(`plays a socket.io 4.x session over ${transports}: the page's emits get the recorded acks`, async () => {
      const server = await startEchoServer(4);
      const page = await extension!.browser.newPage();
      const url = `${server.url}?client=4&transports=${transports}`;
      let script: string;
      let recorded: unknown;
      try {
        await page.goto(url);
        recorded = await waitFor(
          'the echoes',
          () => page.evaluate(() => (window as never as { echoResult?: unknown }).echoResult),
          Boolean,
        );
        const panel = await extension!.openPanelFor(url);
        await waitFor(
          'the acks in the panel',
          () => readPacketRows(panel),
          (rows) => rows.filter((row) => row.type === 'ACK').length === 4,
        );
        script = await copyTest(panel);
        await panel.close();
      } finally {
        await page.close();
        await server.close();
      }
      assert.match(script, /the page's emits: "echo" ×4\./);
      const html = readFileSync(new URL('../apps/transports/index.html', import.meta.url), 'utf8');
      const played = await runGenerated(playwright!, script, html);
      try {
        // The generated test ends once its server side has answered everything; the page handles the last answer
        // (its polling response, or frame) a moment later.
        const result = await waitFor(
          'the page to have every recorded ack',
          () => played.evaluate(() => (window as never as { echoResult?: unknown }).echoResult),
          Boolean,
        );
        assert.deepEqual(result, recorded, 'the page saw the recorded acks and events');
      } finally {
        await played.close();
      }
    });
  }
});
