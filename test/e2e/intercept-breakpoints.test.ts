/**
 * Breakpoints against real socket.io servers (pingInterval 300 ms, pingTimeout 200 ms) in both browsers, over
 * WebSocket and XHR polling (2.x and 4.x) and fetch polling (4.x's Fetch transport): an emit held while the server's
 * engine counts heartbeats (the session stays open, the page's socket never disconnects), edited and forwarded (the
 * server's own log has the edited arguments only), dropped (never received); a binary emit held and edited
 * (WebSocket); several held with a packet that matches nothing queued between them, forwarded in order; the timeline's
 * and the export's marks (WebSocket: a polling body is recorded whole); an incoming event held, edited and forwarded
 * (the page's handler gets the edited arguments only), over polling in a body that also carries a heartbeat, which
 * reaches the page at once; a rule answering an ack; and closing the panel lets what is held go.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { SocketIoMajor } from '../apps/chat-server';
import { startInterceptServer, type InterceptServer } from '../apps/intercept-server';
import { describeInBrowsers } from './browsers';
import {
  addBreakpoint,
  addRule,
  notes,
  openAndConnect,
  pageLog,
  paused,
  PROBE,
  realNotes,
  untilHeld,
  type PageApi,
} from './intercept-page';
import { exportFromPanel, fillField, pressButton } from './panel-page';
import { waitFor } from './wait';

type Transport = 'websocket' | 'polling' | 'fetch';

const CASES: [SocketIoMajor, Transport][] = [
  [2, 'websocket'],
  [4, 'websocket'],
  [2, 'polling'],
  [4, 'polling'],
  [4, 'fetch'],
];
const OVER = { websocket: 'WebSocket', polling: 'XHR polling', fetch: 'fetch polling' };

/** The panel's flags in the timeline (accessible names of its marks). */
const flags = (panel: Page) =>
  panel.evaluate(() =>
    Array.from(document.querySelectorAll('[role="img"]'), (flag) => flag.getAttribute('aria-label')),
  );

/** A binary emit held as one packet (header and attachment), its bytes edited as {"$binary"}. */
async function editBinary(panel: Page, page: Page, server: InterceptServer): Promise<void> {
  const before = realNotes(server).length;
  await page.evaluate(() => (window as never as PageApi).emitNote(new Uint8Array([1, 2, 3]).buffer));
  await waitFor(
    'the binary emit held',
    () => paused(panel),
    (shown) => shown.args === '[{"$binary":"AQID"}]',
  );
  await fillField(panel, 'Paused arguments', '[{"$binary": "CQk="}, "and text"]');
  await pressButton(panel, 'Forward');
  await waitFor(
    'the edited binary emit',
    () => realNotes(server),
    (list) => list.length === before + 1,
  );
  const [bytes, text] = realNotes(server).at(-1) as [Buffer, string];
  assert.deepEqual([[...bytes], text], [[9, 9], 'and text']);
}

/** The timeline flags the edited packet, and the export keeps what became of each held one. */
async function checkMarks(panel: Page): Promise<void> {
  await waitFor(
    'the edited packet flagged in the timeline',
    () => flags(panel),
    (labels) => labels.some((label) => /^Intercepted: edited, held [\d.]+ s$/.test(label ?? '')),
  );
  const marks = await waitFor(
    'the marks of the packets forwarded all in the export',
    async () =>
      (await exportFromPanel(panel)).packets.flatMap((packet) =>
        packet.intercept && !String(packet.raw).includes(PROBE)
          ? [{ raw: String(packet.raw), ...packet.intercept }]
          : [],
      ),
    (list) => list.filter((packet) => packet.mark === 'forwarded').length === 2,
  );
  const edited = marks.find((packet) => packet.mark === 'edited')!;
  assert.match(edited.raw, /edited ✓/);
  assert.match(edited.original?.text ?? '', /"original",1/);
  assert.ok(edited.heldMs >= 2000, `held about 3 s, marked ${edited.heldMs} ms`);
  assert.ok(marks.some((packet) => packet.mark === 'dropped' && packet.raw.includes('to drop')));
  assert.deepEqual(
    marks.filter((packet) => packet.mark === 'forwarded').map((packet) => packet.raw),
    ['42["note","one"]', '42["note","two"]'],
  );
}

describeInBrowsers(
  (browserName) => `intercept breakpoints in ${browserName}`,
  (extension) => {
    for (const [version, transport] of CASES) {
      it(`holds, edits, drops and forwards packets on socket.io ${version}.x over ${OVER[transport]}`, async () => {
        const server = await startInterceptServer(version);
        const page = await extension.browser.newPage();
        const emit = (name: keyof PageApi, ...args: unknown[]) =>
          page.evaluate(
            (method, list) => (window as never as Record<string, (...values: unknown[]) => void>)[method](...list),
            name,
            args,
          );
        try {
          const panel = await openAndConnect(extension, page, server, transport);
          await addBreakpoint(panel, 'note', 'Sent');
          await untilHeld(
            panel,
            () => emit('emitNote', PROBE),
            () => Promise.resolve(notes(server).filter((args) => args[0] === PROBE).length),
          );

          // Held while the engine's heartbeat goes on (ten of them: about 3 s), then edited and forwarded.
          await emit('emitNote', 'original', 1);
          const held = await waitFor(
            'the emit held',
            () => paused(panel),
            (shown) => shown.status === '1 packet held',
          );
          assert.equal(held.args, '["original",1]');
          const heartbeats = server.heartbeats();
          await waitFor(
            'ten heartbeats while held',
            () => server.heartbeats(),
            (count) => count >= heartbeats + 10,
          );
          assert.deepEqual(realNotes(server), [], 'nothing reached the server while held');
          assert.deepEqual(server.closes, [], "the server's engine kept the session open");
          assert.deepEqual((await pageLog(page)).disconnects, [], "the page's socket never disconnected");
          await fillField(panel, 'Paused arguments', '["edited ✓", 2]');
          await pressButton(panel, 'Forward');
          await waitFor(
            'the edited emit at the server',
            () => realNotes(server),
            (list) => list.length === 1,
          );
          assert.deepEqual(realNotes(server), [['edited ✓', 2]]);
          const marked = await panel.evaluate(
            () => document.querySelector('[aria-label="Intercepted"]')?.textContent ?? '',
          );
          assert.match(marked, /↑ EVENT note: edited, held [\d.]+ s \(was \["original",1\], sent \["edited ✓", 2\]\)/);

          // Dropped: never received; an ack asked after it comes back, so the connection went on past it.
          await emit('emitNote', 'to drop');
          await waitFor(
            'the emit held',
            () => paused(panel),
            (shown) => shown.args === '["to drop"]',
          );
          await pressButton(panel, 'Drop');
          await emit('emitAsk', 'after drop');
          await waitFor(
            'the ack after the drop',
            () => pageLog(page),
            (log) => log.answers.includes('server: after drop'),
          );
          assert.deepEqual(realNotes(server), [['edited ✓', 2]], 'the dropped emit never reached the server');

          if (transport === 'websocket') await editBinary(panel, page, server);

          // Several held, with an emit that matches nothing between them: forwarded all, in order.
          const sent = realNotes(server).length;
          await page.evaluate(() => {
            const api = window as never as PageApi;
            api.emitNote('one');
            api.emitAsk('between');
            api.emitNote('two');
          });
          await waitFor(
            'two emits held',
            () => paused(panel),
            (shown) => shown.status === '2 packets held',
          );
          assert.equal(server.events.filter(([name]) => name === 'ask').length, 1, 'the ask waits behind the held one');
          await pressButton(panel, 'Forward all');
          await waitFor(
            'the held emits at the server',
            () => realNotes(server),
            (list) => list.length === sent + 2,
          );
          assert.deepEqual(
            server.events
              .filter(([name, text]) => name !== 'note' || text !== PROBE)
              .slice(-3)
              .map(([name, text]) => `${String(name)} ${String(text)}`),
            ['note one', 'ask between', 'note two'],
          );
          if (transport === 'websocket') await checkMarks(panel);

          // Received: held before the page's handler (over polling, in a body that carries a heartbeat too, which
          // reaches the page at once: the heartbeat goes on), edited, forwarded.
          await addBreakpoint(panel, 'news', 'Received');
          await untilHeld(
            panel,
            () => Promise.resolve(server.push('news', PROBE)),
            async () => (await pageLog(page)).news.filter((args) => args[0] === PROBE).length,
          );
          if (transport === 'websocket') server.push('news', 'from the server', { n: 1 });
          else {
            const body = await server.pushWithHeartbeat('news', 'from the server', { n: 1 });
            assert.deepEqual(body, [version === 2 ? 'pong' : 'ping', 'message'], 'one body: a heartbeat, the event');
          }
          const news = await waitFor(
            'the news held',
            () => paused(panel),
            (shown) => shown.status === '1 packet held',
          );
          assert.equal(news.args, '["from the server",{"n":1}]');
          const beforeForward = server.heartbeats();
          await waitFor(
            'heartbeats while the news is held',
            () => server.heartbeats(),
            (count) => count >= beforeForward + 5,
          );
          assert.ok(!(await pageLog(page)).news.some((args) => args[0] === 'from the server'));
          await fillField(panel, 'Paused arguments', '["edited news", {"n": 2}]');
          await pressButton(panel, 'Forward');
          const log = await waitFor(
            'the edited news at the page',
            () => pageLog(page),
            (got) => got.news.some((args) => args[0] === 'edited news'),
          );
          assert.deepEqual(log.news.at(-1), ['edited news', { n: 2 }]);
          assert.ok(!log.news.some((args) => args[0] === 'from the server'), 'the page never saw the original');

          // A rule answers the page's ack (over polling too: the answer rides the session's next response).
          await addRule(panel, 'ask', 'answer-ack', '["answered by the rule"]');
          await waitFor(
            'the rule to answer',
            async () => (await emit('emitAsk', 'question'), pageLog(page)),
            (got) => got.answers.includes('answered by the rule'),
          );

          // Closing the panel lets what is held go, unchanged, and turns the breakpoints off.
          await emit('emitNote', 'held at close');
          await waitFor(
            'the emit held',
            () => paused(panel),
            (shown) => shown.args === '["held at close"]',
          );
          const beforeClose = realNotes(server).length;
          await panel.close();
          await waitFor(
            'the held emit released',
            () => realNotes(server),
            (list) => list.length === beforeClose + 1,
          );
          assert.deepEqual(realNotes(server).at(-1), ['held at close']);
          server.push('news', 'after close');
          await waitFor(
            'news after close',
            () => pageLog(page),
            (got) => got.news.some((args) => args[0] === 'after close'),
          );
          assert.deepEqual((await pageLog(page)).disconnects, [], "the page's socket never disconnected");
          assert.deepEqual(server.closes, [], "the server's engine kept the session open");
          const questions = server.events.filter(([name, text]) => name === 'ask' && text === 'question').length;
          const answers = (await pageLog(page)).answers;
          assert.equal(
            questions,
            answers.filter((answer) => answer === 'server: question').length,
            'an ack the rule answered never reached the server',
          );
        } finally {
          await page.close();
          await server.close();
        }
      });
    }
  },
);
