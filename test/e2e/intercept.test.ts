/**
 * Breakpoints against real socket.io 2.x and 4.x servers (pingInterval 300 ms, pingTimeout 200 ms) over WebSocket, in
 * both browsers: an emit held while the server's engine counts heartbeats (the session stays open, the page's socket
 * never disconnects), edited and forwarded (the server's own log has the edited arguments only), dropped (never
 * received); several held packets, with a packet that matches nothing queued between them, forwarded in order; an
 * incoming event held, edited and forwarded (the page's handler gets the edited arguments only); and closing the panel
 * lets what is held go and turns the breakpoints off.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { SocketIoMajor } from '../apps/chat-server';
import { startInterceptServer } from '../apps/intercept-server';
import { describeInBrowsers } from './browsers';
import {
  addBreakpoint,
  addRule,
  click,
  deliverSync,
  notes,
  openAndConnect,
  pageLog,
  paused,
  type PageApi,
} from './intercept-page';
import { exportFromPanel, fillField, pressButton } from './panel-page';
import { waitFor } from './wait';

describeInBrowsers(
  (browserName) => `intercept in ${browserName}`,
  (extension, browserName) => {
    for (const version of [2, 4] as SocketIoMajor[]) {
      it(`holds, edits, drops and forwards packets on socket.io ${version}.x over WebSocket`, async () => {
        const server = await startInterceptServer(version);
        const page = await extension.browser.newPage();
        try {
          const panel = await openAndConnect(extension, page, server);
          await addBreakpoint(panel, 'note', 'Sent');
          await deliverSync(panel, page, 'sync 1');

          // Held while the engine's heartbeat goes on (ten of them: about 3 s), then edited and forwarded.
          await page.evaluate(() =>
            (window as never as { emitNote(...args: unknown[]): void }).emitNote('original', 1),
          );
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
          assert.deepEqual(notes(server), [], 'nothing reached the server while held');
          assert.deepEqual(server.closes, [], "the server's engine kept the session open");
          assert.deepEqual((await pageLog(page)).disconnects, [], "the page's socket never disconnected");
          await fillField(panel, 'Paused arguments', '["edited ✓", 2]');
          await pressButton(panel, 'Forward');
          await waitFor(
            'the edited emit at the server',
            () => notes(server),
            (list) => list.length === 1,
          );
          assert.deepEqual(notes(server), [['edited ✓', 2]]);
          const marked = await panel.evaluate(
            () => document.querySelector('[aria-label="Intercepted"]')?.textContent ?? '',
          );
          assert.match(marked, /↑ EVENT note: edited, held [\d.]+ s \(was \["original",1\], sent \["edited ✓", 2\]\)/);

          // Dropped: never received; an ack asked after it comes back, so the connection went on past it.
          await page.evaluate(() => (window as never as { emitNote(...args: unknown[]): void }).emitNote('to drop'));
          await waitFor(
            'the emit held',
            () => paused(panel),
            (shown) => shown.args === '["to drop"]',
          );
          await pressButton(panel, 'Drop');
          await page.evaluate(() => (window as never as { emitAsk(text: string): void }).emitAsk('after drop'));
          await waitFor(
            'the ack after the drop',
            () => pageLog(page),
            (log) => log.answers.includes('server: after drop'),
          );
          assert.deepEqual(notes(server), [['edited ✓', 2]], 'the dropped emit never reached the server');

          // A binary packet (header and attachment) held as one, its bytes edited as {"$binary"}.
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
            () => notes(server),
            (list) => list.length === 2,
          );
          const [bytes, text] = notes(server)[1] as [Buffer, string];
          assert.deepEqual([[...bytes], text], [[9, 9], 'and text']);

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
            () => notes(server),
            (list) => list.length === 4,
          );
          assert.deepEqual(
            server.events.slice(-3).map(([name, text]) => `${String(name)} ${String(text)}`),
            ['note one', 'ask between', 'note two'],
          );

          // Marks: the timeline flags each held packet, and the export keeps what became of each.
          await waitFor(
            'the edited packet flagged in the timeline',
            () =>
              panel.evaluate(() =>
                Array.from(document.querySelectorAll('[role="img"]'), (flag) => flag.getAttribute('aria-label') ?? ''),
              ),
            (labels) => labels.some((label) => /^Intercepted: edited, held [\d.]+ s$/.test(label)),
          );
          const exportedMarks = async () =>
            (await exportFromPanel(panel)).packets.flatMap((packet) =>
              packet.intercept ? [{ raw: String(packet.raw), ...packet.intercept }] : [],
            );
          const marks = await waitFor(
            'the marks of the packets forwarded all in the export',
            exportedMarks,
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

          // Received: held before the page's handler, edited, forwarded.
          await addBreakpoint(panel, 'news', 'Received');
          await deliverSync(panel, page, 'sync 2');
          server.push('news', 'from the server', { n: 1 });
          const news = await waitFor(
            'the news held',
            () => paused(panel),
            (shown) => shown.status === '1 packet held',
          );
          assert.equal(news.args, '["from the server",{"n":1}]');
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

          // Closing the panel lets what is held go, unchanged, and turns the breakpoints off.
          await page.evaluate(() =>
            (window as never as { emitNote(...args: unknown[]): void }).emitNote('held at close'),
          );
          await waitFor(
            'the emit held',
            () => paused(panel),
            (shown) => shown.args === '["held at close"]',
          );
          await panel.close();
          await waitFor(
            'the held emit released',
            () => notes(server),
            (list) => list.length === 5,
          );
          assert.deepEqual(notes(server).at(-1), ['held at close']);
          server.push('news', 'after close');
          await waitFor(
            'news after close',
            () => pageLog(page),
            (got) => got.news.some((args) => args[0] === 'after close'),
          );
          assert.deepEqual((await pageLog(page)).disconnects, []);
          assert.deepEqual(server.closes, []);
        } finally {
          await page.close();
          await server.close();
        }
      });

      it(`applies each kind of rule on socket.io ${version}.x over WebSocket`, async () => {
        const server = await startInterceptServer(version);
        const page = await extension.browser.newPage();
        const asks = () => server.events.filter(([name]) => name === 'ask').map(([, text]) => text);
        try {
          const panel = await openAndConnect(extension, page, server);

          // Drop; then switched off, the next note passes.
          await addRule(panel, 'note', 'drop');
          await deliverSync(panel, page, 'sync drop');
          await page.evaluate(() => (window as never as PageApi).emitNote('dropped by the rule'));
          await page.evaluate(() => (window as never as PageApi).emitAsk('after the drop'));
          await waitFor(
            'the ack after the drop',
            () => pageLog(page),
            (log) => log.answers.length === 1,
          );
          assert.deepEqual(notes(server), []);
          await click(panel, 'Rule on: ↑ note: Drop');
          await deliverSync(panel, page, 'sync off');
          await page.evaluate(() => (window as never as PageApi).emitNote('passes'));
          await waitFor(
            'the note with the rule off',
            () => notes(server),
            (list) => list.length === 1,
          );
          await click(panel, 'Remove rule: ↑ note: Drop');

          // Delay: what follows waits behind the delayed note, in order.
          await addRule(panel, 'note', 'delay', '500');
          await deliverSync(panel, page, 'sync delay');
          await page.evaluate(() => {
            (window as never as PageApi).emitNote('late');
            (window as never as PageApi).emitAsk('behind the late note');
          });
          await waitFor(
            'the delayed note and the ask',
            () => asks(),
            (list) => list.length === 2,
          );
          assert.deepEqual(
            server.events.slice(-2).map(([name, text]) => `${String(name)} ${String(text)}`),
            ['note late', 'ask behind the late note'],
          );
          await click(panel, 'Remove rule: ↑ note: Delay (ms) 500');

          // Rewrite: replace the arguments, or merge into the object arguments.
          await addRule(panel, 'note', 'replace', '["replaced ✓"]');
          await deliverSync(panel, page, 'sync replace');
          await page.evaluate(() => (window as never as PageApi).emitNote('original'));
          await waitFor(
            'the replaced note',
            () => notes(server),
            (list) => list.length === 3,
          );
          assert.deepEqual(notes(server).at(-1), ['replaced ✓']);
          await click(panel, 'Remove rule: ↑ note: Replace arguments ["replaced ✓"]');
          await addRule(panel, 'note', 'merge', '{"admin": true}');
          await deliverSync(panel, page, 'sync merge');
          await page.evaluate(() => (window as never as PageApi).emitNote({ user: 'ada' }, 7));
          await waitFor(
            'the merged note',
            () => notes(server),
            (list) => list.length === 4,
          );
          assert.deepEqual(notes(server).at(-1), [{ user: 'ada', admin: true }, 7]);
          await click(panel, 'Remove rule: ↑ note: Merge into arguments {"admin": true}');

          // Answer: the page's ack answered by the rule, or an event delivered instead; the server gets neither.
          await addRule(panel, 'ask', 'answer-ack', '["answered by the rule"]');
          await addRule(panel, 'note', 'answer-event', '["news", "answered with news"]');
          await deliverSync(panel, page, 'sync answer');
          await page.evaluate(() => {
            (window as never as PageApi).emitAsk('question');
            (window as never as PageApi).emitNote('answer me');
          });
          const log = await waitFor(
            'the answers',
            () => pageLog(page),
            (got) =>
              got.answers.includes('answered by the rule') && got.news.some((args) => args[0] === 'answered with news'),
          );
          assert.equal(log.answers.length, 3);
          const marks = await waitFor(
            "every rule's mark in the export",
            async () => (await exportFromPanel(panel)).packets.flatMap((packet) => packet.intercept?.mark ?? []),
            (list) => ['dropped', 'delayed', 'rewritten', 'answered'].every((mark) => list.includes(mark)),
          );
          assert.equal(marks.filter((mark) => mark === 'answered').length, 2, 'the ack and the event answered');
          assert.ok(!asks().includes('question') && !notes(server).some((args) => args[0] === 'answer me'));
          assert.deepEqual(log.disconnects, []);
          assert.deepEqual(server.closes, []);
          await panel.close();
        } finally {
          await page.close();
          await server.close();
        }
      });
    }

    it('runs pinned rules while DevTools is closed, and after a reload; the panel then shows their marks', async () => {
      const server = await startInterceptServer(4);
      const page = await extension.browser.newPage();
      try {
        let panel = await openAndConnect(extension, page, server);
        await addRule(panel, 'note', 'replace', '["pinned ✓"]');
        await addRule(panel, 'ask', 'answer-ack', '["unpinned answer"]');
        await click(panel, 'Pin rule: ↑ note: Replace arguments ["pinned ✓"]');
        assert.match(
          await panel.evaluate(() => document.querySelector('[aria-label="Rules"] [role="status"]')?.textContent ?? ''),
          /^2 of 2 rules on; 1 pinned: it runs while DevTools is closed$/,
        );
        await panel.close();

        // Once the relay runs the pinned rule (the panel's going reaches it a moment later), every note is rewritten.
        await waitFor(
          'a note rewritten by the pinned rule with DevTools closed',
          async () => (await page.evaluate(() => (window as never as PageApi).emitNote('closed')), notes(server)),
          (list) => list.some((args) => args[0] === 'pinned ✓'),
        );
        const before = notes(server).length;
        await page.evaluate(() => {
          (window as never as PageApi).emitNote('after');
          (window as never as PageApi).emitAsk('not answered by the unpinned rule');
        });
        await waitFor(
          "the server's answer",
          () => pageLog(page),
          (log) => log.answers.includes('server: not answered by the unpinned rule'),
        );
        assert.deepEqual(notes(server).slice(before), [['pinned ✓']]);

        // A new document of the origin runs it from its start.
        await page.reload({ waitUntil: 'domcontentloaded' });
        await page.evaluate(() => (window as never as { start(): void }).start());
        await waitFor(
          'the page to connect again',
          () => pageLog(page),
          (log) => log.connected,
        );
        await page.evaluate(() => {
          (window as never as PageApi).emitNote('reloaded');
          (window as never as PageApi).emitAsk('after the reload');
        });
        await waitFor(
          "the server's answer after the reload",
          () => pageLog(page),
          (log) => log.answers.includes('server: after the reload'),
        );
        assert.deepEqual(notes(server).at(-1), ['pinned ✓']);
        assert.ok(!notes(server).some((args) => args[0] === 'reloaded' || args[0] === 'after'));

        // A panel opened now shows the marks the pinned rule left on the captured packets.
        panel = await extension.openPanelFor(server.url);
        const marks = await waitFor(
          'the rewritten marks in the export',
          async () => (await exportFromPanel(panel)).packets.filter((packet) => packet.intercept?.mark === 'rewritten'),
          (list) => list.length >= 1,
        );
        assert.match(String(marks.at(-1)!.raw), /pinned ✓/);
        assert.match(marks.at(-1)!.intercept!.original?.text ?? '', /"reloaded"/);
        await panel.close();
      } finally {
        await page.close();
        await server.close();
      }
    });

    // Chromium only: Firefox runs the background as an event page, which is not stopped under an open port.
    if (browserName === 'chromium') {
      it('lets what is held go when the service worker stops, and the panel shows breakpoints off', async () => {
        const server = await startInterceptServer(4);
        const page = await extension.browser.newPage();
        const browserSession = await extension.browser.target().createCDPSession();
        try {
          const panel = await openAndConnect(extension, page, server);
          await addBreakpoint(panel, 'note', 'Sent');
          await deliverSync(panel, page, 'sync');
          await page.evaluate(() => (window as never as PageApi).emitNote('held at the stop'));
          await waitFor(
            'the emit held',
            () => paused(panel),
            (shown) => shown.args === '["held at the stop"]',
          );
          const workers = async () =>
            (await browserSession.send('Target.getTargets')).targetInfos
              .filter((info) => info.type === 'service_worker' && info.url.startsWith(extension.extensionOrigin))
              .map((info) => info.targetId);
          const [worker] = await waitFor('the service worker', workers, (ids) => ids.length === 1);
          await browserSession.send('Target.closeTarget', { targetId: worker });
          await waitFor(
            'the held emit released',
            () => notes(server),
            (list) => list.length === 1,
          );
          assert.deepEqual(notes(server), [['held at the stop']]);
          await waitFor(
            'the panel to show no breakpoint and nothing held',
            () =>
              panel.evaluate(() => ({
                breakpoints: document.querySelectorAll('[aria-label="Breakpoints"] li').length,
                held: document.querySelector('[aria-label="Paused packets"]') !== null,
              })),
            (shown) => shown.breakpoints === 0 && !shown.held,
          );
          await page.evaluate(() => (window as never as PageApi).emitNote('after the stop'));
          await waitFor(
            'the next emit, not held',
            () => notes(server),
            (list) => list.length === 2,
          );
          assert.deepEqual((await pageLog(page)).disconnects, []);
          await panel.close();
        } finally {
          await browserSession.detach();
          await page.close();
          await server.close();
        }
      });
    }
  },
);
