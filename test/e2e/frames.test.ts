/**
 * Sockets opened in iframes (a srcdoc frame, an about:blank frame the page writes into, and a same-origin page in a
 * frame) are captured too, each attributed to the frame that opened it, in both browsers.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeInBrowsers } from './browsers';
import { useEchoServer } from './echo-page';
import { waitForPanelRow } from './panel-page';
import { waitFor } from './wait';

describeInBrowsers(
  (browserName) => `iframes in ${browserName}`,
  (extension) => {
    const echo = useEchoServer();

    it('captures the sockets of srcdoc and about:blank iframes and of a page in an iframe, each with its own frame', async () => {
      const page = await extension.browser.newPage();
      const url = `${echo.server.url}frames`;
      await page.goto(url);
      const acks = await waitFor(
        'the written frames to get their acks',
        () => page.evaluate(() => (window as never as { framesDone: string[] }).framesDone),
        (done) => done.length === 2,
      );
      assert.deepEqual([...acks].sort(), ['ok: from about:blank', 'ok: from srcdoc']);

      const panel = await extension.openPanelFor(url);
      const frameOf = async (name: string, text: string) => {
        const frame = JSON.stringify(['echo', text]);
        const row = await waitForPanelRow(
          panel,
          `the emit of the ${name} frame`,
          (shown) => shown.direction === 'sent' && shown.data.includes(frame),
        );
        return row.frameId;
      };
      const srcdoc = await frameOf('srcdoc', 'from srcdoc');
      const blank = await frameOf('about:blank', 'from about:blank');
      const framed = await frameOf('same-origin page', 'héllo');
      assert.ok(srcdoc > 0 && blank > 0 && framed > 0, 'each socket is attributed to a subframe');
      assert.equal(new Set([srcdoc, blank, framed]).size, 3, 'each to its own frame');
      await panel.close();
      await page.close();
    });
  },
);
