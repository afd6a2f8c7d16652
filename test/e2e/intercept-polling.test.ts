/**
 * Breakpoints and rules over XHR polling (socket.io 2.x and 4.x) and fetch polling (4.x's Fetch transport) against real servers (pingInterval 300 ms, pingTimeout
 * 200 ms), in both browsers: an emit held while the engine's heartbeat goes on in the same session's other packets,
 * edited and forwarded in a later POST (the server's log has the edited arguments only), dropped; several held with an
 * emit between them, forwarded in order; a GET body that carries a heartbeat and a held event (the heartbeat reaches
 * the page at once, the event once forwarded, edited); a rule answering an ack over polling; closing the panel lets
 * what is held go.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { SocketIoMajor } from '../apps/chat-server';
import { startInterceptServer } from '../apps/intercept-server';
import { describeInBrowsers } from './browsers';
import { addBreakpoint, addRule, notes, openAndConnect, pageLog, paused, type PageApi } from './intercept-page';
import { fillField, pressButton } from './panel-page';
import { waitFor } from './wait';

const PROBE = 'probe';

/**
 * Waits until the page's hook holds a probe (so it has the breakpoints: over polling no command of the panel travels
 * behind them to tell), then forwards every probe held.
 */
async function untilHeld(panel: Page, probe: () => Promise<unknown>): Promise<void> {
  await waitFor(
    'a probe held (the breakpoint reached the page)',
    async () => (await probe(), paused(panel)),
    (shown) => shown.status !== '',
  );
  await waitFor(
    'the probes forwarded',
    async () => {
      if ((await paused(panel)).status !== '') await pressButton(panel, 'Forward all').catch(() => undefined);
      return paused(panel);
    },
    (shown) => shown.status === '',
  );
}

const realNotes = (server: Parameters<typeof notes>[0]) => notes(server).filter((args) => args[0] !== PROBE);

describeInBrowsers(
  (browserName) => `intercept over polling in ${browserName}`,
  (extension) => {
    const cases: [SocketIoMajor, 'polling' | 'fetch'][] = [
      [2, 'polling'],
      [4, 'polling'],
      [4, 'fetch'],
    ];
    for (const [version, transport] of cases) {
      const over = transport === 'fetch' ? 'fetch' : 'XHR';
      it(`holds, edits, drops, forwards and answers packets on socket.io ${version}.x over ${over} polling`, async () => {
        const server = await startInterceptServer(version);
        const page = await extension.browser.newPage();
        /** Calls the page's `emitNote` or `emitAsk` with these arguments, each call in its own task. */
        const call = (name: keyof PageApi, ...args: unknown[]) =>
          page.evaluate(
            (method, list) => (window as never as Record<string, (...values: unknown[]) => void>)[method](...list),
            name,
            args,
          );
        try {
          const panel = await openAndConnect(extension, page, server, transport);
          await addBreakpoint(panel, 'note', 'Sent');
          await untilHeld(panel, () => call('emitNote', 'probe'));

          // Held while the heartbeat goes on (ten of them), then edited and forwarded in a later POST.
          await call('emitNote', 'original', 1);
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
          await fillField(panel, 'Paused arguments', '["edited ✓", 2]');
          await pressButton(panel, 'Forward');
          await waitFor(
            'the edited emit at the server',
            () => realNotes(server),
            (list) => list.length === 1,
          );
          assert.deepEqual(realNotes(server), [['edited ✓', 2]]);

          // Dropped: never received; an ack asked after it comes back.
          await call('emitNote', 'to drop');
          await waitFor(
            'the emit held',
            () => paused(panel),
            (shown) => shown.args === '["to drop"]',
          );
          await pressButton(panel, 'Drop');
          await call('emitAsk', 'after drop');
          await waitFor(
            'the ack after the drop',
            () => pageLog(page),
            (log) => log.answers.includes('server: after drop'),
          );
          assert.deepEqual(realNotes(server), [['edited ✓', 2]], 'the dropped emit never reached the server');

          // Several held, with an emit that matches nothing between them: forwarded all, in order.
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
            (list) => list.length === 3,
          );
          assert.deepEqual(
            server.events
              .filter(([name, text]) => name !== 'note' || text !== PROBE)
              .slice(-3)
              .map(([name, text]) => `${String(name)} ${String(text)}`),
            ['note one', 'ask between', 'note two'],
          );

          // Received: one GET body carries a heartbeat and the event; the heartbeat passes, the event is held.
          await addBreakpoint(panel, 'news', 'Received');
          await untilHeld(panel, () => (server.push('news', PROBE), Promise.resolve()));
          const body = await server.pushWithHeartbeat('news', 'from the server', { n: 1 });
          assert.deepEqual(body, [version === 2 ? 'pong' : 'ping', 'message'], 'one body, a heartbeat and the event');
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

          // A rule answers the page's ack over polling; the server never gets the emit.
          await addRule(panel, 'ask', 'answer-ack', '["answered by the rule"]');
          await waitFor(
            'the rule to answer',
            async () => (await call('emitAsk', 'question'), pageLog(page)),
            (got) => got.answers.includes('answered by the rule'),
          );

          // Closing the panel lets what is held go, unchanged.
          await call('emitNote', 'held at close');
          await waitFor(
            'the emit held',
            () => paused(panel),
            (shown) => shown.args === '["held at close"]',
          );
          await panel.close();
          await waitFor(
            'the held emit released',
            () => realNotes(server),
            (list) => list.length === 4,
          );
          assert.deepEqual(realNotes(server).at(-1), ['held at close']);
          assert.deepEqual((await pageLog(page)).disconnects, [], "the page's socket never disconnected");
          assert.deepEqual(server.closes, [], "the server's engine kept the session open");
          const questions = server.events.filter(([name, text]) => name === 'ask' && text === 'question').length;
          const answers = (await pageLog(page)).answers;
          assert.equal(questions, answers.filter((answer) => answer === 'server: question').length);
          assert.ok(answers.includes('answered by the rule'), 'an ack the rule answered never reached the server');
        } finally {
          await page.close();
          await server.close();
        }
      });
    }
  },
);
