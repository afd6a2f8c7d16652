/**
 * "Never break the page": the probe page (test/apps/probe) exercises WebSocket, XMLHttpRequest, fetch and the JSONP
 * transport the way pages do, and must observe exactly the same with the extension as without it, in both browsers.
 * The extension run must also have captured the probe's traffic, so a hook that silently did nothing cannot pass.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { HANDSHAKE, startProbeServer, type ProbeServer } from '../apps/probe/server';
import { startWebTransportServer, type WebTransportServer } from '../apps/webtransport/listen';
import {
  BROWSERS,
  launchPlain,
  launchWithExtension,
  type BrowserName,
  type ExtensionBrowser,
  type PlainBrowser,
} from './browsers';
import { readPanelRows, waitForPanelRow } from './panel-page';
import { waitFor } from './wait';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface ProbeRun {
  result: { [section: string]: Json };
  /** What the page wrote to its console and its uncaught errors, in order. */
  console: string[];
}

/** Loads the probe in a new tab of `browser` and returns what it observed; the tab stays open for the panel. */
async function runProbe(browser: Browser, url: string): Promise<ProbeRun> {
  const page = await browser.newPage();
  const console: string[] = [];
  page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
  // Only the first line of an uncaught error: puppeteer appends the DevTools protocol's own stack trace, which is not
  // the page's `error.stack` (compared by the probe) and lists content-script frames that DevTools ignore-lists.
  page.on('pageerror', (error) =>
    console.push(`pageerror: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`),
  );
  await page.goto(url);
  const text = await waitFor(
    'the probe to finish',
    () => page.evaluate(() => (window as { probeResult?: string }).probeResult ?? null),
    (value) => value !== null,
    30_000,
  );
  return { result: JSON.parse(text!) as ProbeRun['result'], console };
}

/**
 * The WebTransport probe, loaded again (at most 3 loads) when its session to the test's own server was refused: an
 * HTTP/3 handshake over loopback on a loaded CI machine can fail with or without the extension, and the probe's
 * comparisons need a session that connected. Any other failure is returned as it is.
 */
async function runWebTransportProbe(browser: Browser, url: string): Promise<ProbeRun> {
  for (let load = 1; ; load++) {
    const run = await runProbe(browser, url);
    const refused = JSON.stringify(run.result).includes(
      '"probeFailed":"WebTransportError: WebTransport connection rejected"',
    );
    if (!refused || load === 3) return run;
  }
}

/** The paths at which two JSON values differ, each with both sides, for a failure message a person can read. */
function differences(actual: Json, expected: Json, path = '$'): string[] {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return [];
  const bothObjects =
    actual !== null && expected !== null && typeof actual === 'object' && typeof expected === 'object';
  if (!bothObjects || Array.isArray(actual) !== Array.isArray(expected)) {
    return [
      `${path}:\n    with extension:    ${JSON.stringify(actual)}\n    without extension: ${JSON.stringify(expected)}`,
    ];
  }
  if (Array.isArray(actual) && actual.length !== (expected as Json[]).length) {
    return [
      `${path} (length ${actual.length} vs ${(expected as Json[]).length}):\n    with extension:    ${JSON.stringify(actual)}\n    without extension: ${JSON.stringify(expected)}`,
    ];
  }
  const a = actual as Record<string, Json>;
  const e = expected as Record<string, Json>;
  const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])];
  return keys.flatMap((key) => differences(a[key] ?? null, e[key] ?? null, `${path}.${key}`));
}

function assertSame(actual: Json, expected: Json, what: string): void {
  const found = differences(actual, expected);
  assert.deepEqual(
    actual,
    expected,
    `${what} differs with the extension at ${found.length} place(s):\n  ${found.slice(0, 30).join('\n  ')}`,
  );
}

/**
 * The hook's own stack frames, where no change invisible to the page can remove them. SpiderMonkey keeps `stack` on
 * Error.prototype (and DOMException's location on its prototype), so an error thrown through the hook shows its frame
 * (as `<anonymous code>`, never the extension's URL), and its fileName/lineNumber point there. V8 keeps `stack` as an
 * own accessor, which the hook rewrites without its frames; the one exception is an error thrown by a page function
 * the hook calls (the JSONP callback): catching it to rewrite it would make the hook the place the page's uncaught
 * error is reported at, so it passes untouched, with the hook's frame below the page's.
 */
const HOOK_FRAME: Record<BrowserName, RegExp> = {
  chromium: /^ {4}at .*\(chrome-extension:\/\/[a-p]{32}\/hook\.js:\d+:\d+\)$/,
  firefox: /^\w*@<anonymous code>:\d+:\d+$/,
};

for (const browserName of BROWSERS) {
  describe(`transparency in ${browserName}`, () => {
    let server: ProbeServer;
    let plain: PlainBrowser | undefined;
    let extension: ExtensionBrowser | undefined;
    let without: ProbeRun;
    let withExtension: ProbeRun;
    /** The WebTransport probe (test/apps/webtransport/probe.js), served by socket.io 4.x under Deno. */
    let webTransportServer: WebTransportServer;
    let webTransportWithout: ProbeRun;
    let webTransportWith: ProbeRun;

    before(async () => {
      server = await startProbeServer();
      webTransportServer = await startWebTransportServer();
      const launched = await Promise.allSettled([launchPlain(browserName), launchWithExtension(browserName)]);
      plain = launched[0].status === 'fulfilled' ? launched[0].value : undefined;
      extension = launched[1].status === 'fulfilled' ? launched[1].value : undefined;
      for (const outcome of launched) if (outcome.status === 'rejected') throw outcome.reason;
      [without, withExtension] = await Promise.all([
        runProbe(plain!.browser, server.url),
        runProbe(extension!.browser, server.url),
      ]);
      [webTransportWithout, webTransportWith] = await Promise.all([
        runWebTransportProbe(plain!.browser, `${webTransportServer.url}probe`),
        runWebTransportProbe(extension!.browser, `${webTransportServer.url}probe`),
      ]);
    });
    after(async () => {
      await Promise.allSettled([plain?.close(), extension?.close()]);
      await server?.close();
      await webTransportServer?.close();
    });

    it('the probe completed every check without the extension', () => {
      const text = JSON.stringify(without.result);
      assert.doesNotMatch(text, /timed out waiting for/, 'a wait inside the probe ran out');
      assert.doesNotMatch(text, /probeFailed/, 'a probe section threw');
      const life = without.result.webSocketLife as Record<string, Json>;
      assert.equal(life.hello, 'ok');
      assert.equal(
        (without.result.fetchProbe as { text: { body: { resolved: { value: string } } } }).text.body.resolved.value,
        HANDSHAKE,
      );
    });

    for (const section of [
      'webSocketInterface',
      'webSocketLife',
      'webSocketEndings',
      'webSocketSubclass',
      'xhrProbe',
      'fetchProbe',
      'jsonpProbe',
    ]) {
      it(`${section}: the page observes the same with the extension`, () => {
        assertSame(withExtension.result[section], without.result[section], section);
      });
    }

    it('no global, native method, window message, request or unhandled rejection differs', () => {
      for (const key of ['natives', 'windowKeys', 'windowMessages', 'unhandledRejections', 'resources']) {
        assertSame(withExtension.result[key], without.result[key], key);
      }
      assert.deepEqual(without.result.windowMessages, []);
    });

    it('errors that pass through the hook carry the same stacks, but for the frames no hook can hide', () => {
      const stacks = withExtension.result.stacks as Record<string, string>;
      const locations = withExtension.result.locations as Record<string, string>;
      const expectedStacks = without.result.stacks as Record<string, string>;
      const expectedLocations = without.result.locations as Record<string, string>;
      assert.deepEqual(Object.keys(stacks), Object.keys(expectedStacks));
      for (const [name, stack] of Object.entries(stacks)) {
        const lines = stack.split('\n');
        const own = lines.filter((line) => HOOK_FRAME[browserName].test(line));
        assert.deepEqual(
          lines.filter((line) => !own.includes(line)),
          expectedStacks[name].split('\n'),
          `the stack of ${name}`,
        );
        if (browserName === 'chromium' && name !== 'jsonpCallbackError')
          assert.deepEqual(own, [], `the stack of ${name} shows the hook`);
        if (locations[name] === expectedLocations[name]) continue;
        const top = /:(\d+:\d+)$/.exec(lines[0]);
        assert.ok(
          own[0] === lines[0] && top && locations[name].endsWith(`:${top[1]}`),
          `${name} is located at ${locations[name]}, not at the hook's frame on top of its stack`,
        );
      }
    });

    it('WebTransport: the page observes the same with the extension, and the extension captured it', async () => {
      assert.doesNotMatch(JSON.stringify(webTransportWithout.result), /probeFailed/, 'the probe threw');
      assert.deepEqual(webTransportWithout.result.closed, ['fulfilled', '{"closeCode":7,"reason":"probe"}']);
      assertSame(webTransportWith.result, webTransportWithout.result, 'the WebTransport probe');
      assert.deepEqual([...webTransportWith.console].sort(), [...webTransportWithout.console].sort());
      const panel = await extension!.openPanelFor(`${webTransportServer.url}probe`);
      try {
        await waitForPanelRow(panel, 'the WebTransport session closed by the page', (row) =>
          row.data.includes('closed by the page'),
        );
      } finally {
        await panel.close();
      }
    });

    it('the page console shows the same messages', () => {
      // As a set: messages from the network and from the page's realm reach puppeteer by different routes.
      assert.deepEqual([...withExtension.console].sort(), [...without.console].sort());
    });

    it('the extension captured the probe traffic (WebSocket, XHR, fetch and JSONP polling)', async () => {
      const panel = await extension!.openPanelFor(server.url);
      try {
        await waitForPanelRow(
          panel,
          'the WebSocket frame "hello" sent',
          (row) => row.transport === 'websocket' && row.direction === 'sent' && row.data.includes('hello'),
        );
        await waitForPanelRow(
          panel,
          'the subclass socket frame',
          (row) =>
            row.transport === 'websocket' &&
            row.direction === 'received' &&
            row.data.includes('greetings from subclass'),
        );
        await waitForPanelRow(
          panel,
          'a polling handshake received',
          (row) => row.transport === 'polling' && row.direction === 'received' && row.data.includes('probe-sid'),
        );
        await waitForPanelRow(
          panel,
          'the fetch Request body sent',
          (row) => row.transport === 'polling' && row.direction === 'sent' && row.data.includes('from a Request'),
        );
        await waitForPanelRow(
          panel,
          'the JSONP form post',
          (row) => row.transport === 'polling' && row.direction === 'sent' && row.data.startsWith('d=4hello'),
        );
        const rows = await readPanelRows(panel);
        assert.ok(!rows.some((row) => row.data.includes('plain ok')), 'a request that is not Engine.IO was recorded');
      } finally {
        await panel.close();
      }
    });
  });
}
