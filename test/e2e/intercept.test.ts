/**
 * Rules against real socket.io 2.x and 4.x servers over WebSocket, in both browsers: each kind, with its mark in the
 * export; pinned rules running while DevTools is closed and after a reload; and (Chromium) the extension's service
 * worker stopping lets what is held go. Breakpoints: intercept-breakpoints.test.ts.
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
import { exportFromPanel } from './panel-page';
import { waitFor } from './wait';

describeInBrowsers(
  (browserName) => `intercept in ${browserName}`,
  (extension, browserName) => {
    for (const version of [2, 4] as SocketIoMajor[]) {
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
            (list) =>
              ['dropped', 'delayed', 'rewritten'].every((mark) => list.includes(mark)) &&
              list.filter((mark) => mark === 'answered').length >= 2,
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
        const notesBefore = notes(server).length;
        let emitted = 0;
        await waitFor(
          'a note rewritten by the pinned rule with DevTools closed',
          async () => {
            await page.evaluate(() => (window as never as PageApi).emitNote('closed'));
            emitted++;
            return notes(server);
          },
          (list) => list.some((args) => args[0] === 'pinned ✓'),
        );
        // The last notes emitted while waiting may still be on their way: all of them first.
        await waitFor(
          'every note emitted while waiting to reach the server',
          () => notes(server).length,
          (count) => count >= notesBefore + emitted,
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
