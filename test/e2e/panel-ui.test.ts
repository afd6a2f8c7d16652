/**
 * The panel as a DevTools panel, in both browsers, against a real socket.io 4.x server (polling upgraded to
 * WebSocket, acks, binary, a malformed packet): columns chosen from the header's menu and resized (remembered across
 * a reload of the panel), the details' tabs, Export HAR read back by our Import to the same rows, the empty state's
 * Reload, and axe-core finding nothing serious in either theme.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startEchoServer, type EchoServer } from '../apps/echo-server';
import { seriousViolations } from './axe';
import { loadEchoPage } from './echo-page';
import { describeInBrowsers, navigate, type ExtensionBrowser } from './browsers';
import {
  downloadFromPanel,
  importIntoPanel,
  pressButton,
  readDetails,
  readPacketRows,
  selectPacket,
  showView,
  type PacketRow,
} from './panel-page';
import { waitFor } from './wait';
import { WARM_UP_BATCHES, WARM_UP_MEASURE } from '../../src/panel/warm-up';

/** The echo page on a fresh server, its echoes, binary round trip and malformed packet done, and its panel. */
async function echoSession(extension: ExtensionBrowser) {
  const server: EchoServer = await startEchoServer(4);
  const page = await extension.browser.newPage();
  const url = `${server.url}?client=4`;
  await loadEchoPage(page, url);
  await page.evaluate(() => (window as never as { sendBytes(): Promise<number[]> }).sendBytes());
  const panel = await extension.openPanelFor(url);
  const rows = await waitFor(
    'the decoded packets',
    () => readPacketRows(panel),
    (shown) => shown.some((row) => row.type === 'BINARY_ACK'),
  );
  const close = async () => {
    await panel.close();
    await page.close();
    await server.close();
  };
  return { server, page, panel, rows, close };
}

const headers = (panel: Page) =>
  panel.evaluate(() => Array.from(document.querySelectorAll('[role="columnheader"]'), (header) => header.textContent));

const widthOf = (panel: Page, column: string) =>
  panel.evaluate(
    (name) =>
      Number(document.querySelector(`[role="separator"][aria-label="Resize ${name}"]`)?.getAttribute('aria-valuenow')),
    column,
  );

/**
 * How the header's cells and the first row's lie, px: each header cell's left edge and width, the row's cells' the
 * same, and how far the row's last cell ends from the row's right edge.
 */
const columnBoxes = (panel: Page) =>
  panel.evaluate(() => {
    // (No function declared in here: the test's compiler would name it with a helper the panel lacks.)
    const row = document.querySelector('[role="grid"][aria-label="Packets"] [role="row"].packet')!;
    const cells = Array.from(row.querySelectorAll('[role="gridcell"]'));
    const [header, rowCells] = [Array.from(document.querySelectorAll('[role="columnheader"]')), cells].map((each) =>
      each.map((cell) => {
        const box = cell.getBoundingClientRect();
        return { left: Math.round(box.left), width: Math.round(box.width) };
      }),
    );
    return {
      header,
      row: rowCells,
      rowEndGap: Math.round(row.getBoundingClientRect().right - cells.at(-1)!.getBoundingClientRect().right),
    };
  });

/**
 * The middle of the element `selector` matches, whose text or aria-label is `name`, for the mouse, once it is there
 * (a menu a click opens may show a moment after the click returned: in Firefox it did).
 */
async function centreOf(panel: Page, selector: string, name: string): Promise<{ x: number; y: number }> {
  const box = await waitFor(
    `${selector} named ${name}`,
    () =>
      panel.evaluate(
        (css, wanted) => {
          const element = Array.from(document.querySelectorAll(css)).find(
            (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === wanted,
          );
          const rect = element?.getBoundingClientRect();
          return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
        },
        selector,
        name,
      ),
    (found) => found !== null,
  );
  assert.ok(box);
  return box;
}

/** Clicks the menu item named `name` of the open context menu. */
async function pickMenuItem(panel: Page, name: string): Promise<void> {
  const { x, y } = await centreOf(panel, '[role="menu"] [role^="menuitem"]', name);
  await panel.mouse.click(x, y);
}

/**
 * Right-clicks the column header `header`, and picks `item` from the columns menu it opens. The header is measured
 * again before each right click until the menu shows: what renders after the rows (the traffic strip, the event
 * counts) may move it between a measure and a click.
 */
async function pickFromColumnMenu(panel: Page, header: string, item: string): Promise<void> {
  await waitFor(
    `the columns menu, opened on the ${header} header`,
    async () => {
      const { x, y } = await centreOf(panel, '[role="columnheader"]', header);
      await panel.mouse.click(x, y, { button: 'right' });
      return waitFor('the columns menu', () => panel.$('[role="menu"][aria-label="Columns"]'), Boolean, 1_000);
    },
    Boolean,
  );
  await pickMenuItem(panel, item);
}

const strip = (rows: PacketRow[]) => rows.map(({ type, name, data, flags }) => ({ type, name, data, flags }));

describeInBrowsers(
  (browserName) => `The panel's DevTools look and habits in ${browserName}`,
  (extension) => {
    it('chooses columns from the header menu (mouse and Shift+F10), resizes them, and remembers both', async () => {
      const session = await echoSession(extension);
      const { panel } = session;
      try {
        await pickFromColumnMenu(panel, 'Delta', 'RTT');
        assert.deepEqual((await headers(panel)).slice(-2), ['Size', 'RTT']);

        // From the keyboard: Shift+F10 on a resizer opens the menu on its first item (Time); ↓ goes to Delta.
        await panel.focus('[role="separator"][aria-label="Resize Time"]');
        await panel.keyboard.down('Shift');
        await panel.keyboard.press('F10');
        await panel.keyboard.up('Shift');
        await waitFor('the columns menu', () => panel.$('[role="menu"][aria-label="Columns"]'), Boolean);
        await panel.keyboard.press('ArrowDown');
        await panel.keyboard.press('Enter');
        assert.ok(!(await headers(panel)).includes('Delta'), 'Delta hidden from the keyboard');
        // The drag below starts where the Event header's edge is once the menu has closed and the columns moved.
        await waitFor(
          'the columns menu to close',
          () => panel.$('[role="menu"][aria-label="Columns"]'),
          (menu) => !menu,
        );

        // Resized by dragging the Event header's edge, and by the keyboard on the Size header's.
        const before = await widthOf(panel, 'Event');
        const edge = await centreOf(panel, '[role="separator"]', 'Resize Event');
        await panel.mouse.move(edge.x, edge.y);
        await panel.mouse.down();
        await panel.mouse.move(edge.x + 30, edge.y, { steps: 3 });
        await panel.mouse.move(edge.x + 60, edge.y, { steps: 3 });
        await panel.mouse.up();
        const dragged = await waitFor(
          'the Event column to take its dragged width',
          () => widthOf(panel, 'Event'),
          (width) => Math.abs(width - (before + 60)) <= 2,
        ).catch(() => widthOf(panel, 'Event'));
        assert.ok(Math.abs(dragged - (before + 60)) <= 2, `dragged from ${before} to ${dragged}`);
        await panel.focus('[role="separator"][aria-label="Resize Size"]');
        const size = await widthOf(panel, 'Size');
        await panel.keyboard.press('ArrowRight');
        assert.equal(await widthOf(panel, 'Size'), size + 8);
        // The rows' cells lie under their headers, at the widths set; Arguments takes the width left.
        const names = await headers(panel);
        const laid = await waitFor(
          'the Size column to take its new width',
          () => columnBoxes(panel),
          ({ header }) => header[names.indexOf('Size')].width === size + 8,
        );
        assert.deepEqual(laid.row, laid.header);
        assert.equal(laid.header[names.indexOf('Event')].width, dragged);
        assert.ok(laid.header[names.indexOf('Arguments')].width >= 80, 'Arguments at least its width');
        assert.equal(laid.rowEndGap, 0);

        // A new panel (the same one reloaded) shows the same columns at the same widths.
        const chosen = await headers(panel);
        await navigate(panel, await panel.evaluate(() => location.href));
        await waitFor(
          'the rows again',
          () => readPacketRows(panel),
          (rows) => rows.length > 0,
        );
        const shown = await waitFor(
          'the columns again',
          () => headers(panel),
          (names) => names.length > 0,
        );
        assert.deepEqual(shown, chosen);
        assert.equal(await widthOf(panel, 'Event'), dragged);

        await pickFromColumnMenu(panel, 'Time', 'Reset columns');
        assert.ok((await headers(panel)).includes('Delta'));
      } finally {
        await session.close();
      }
    });

    it('clips only the cells whose text does not show whole, with an ellipsis, also once a column is narrowed', async () => {
      const session = await echoSession(extension);
      const { panel } = session;
      /**
       * Per packet cell: its column, whether it is text alone (no flag), whether it is clipped with an ellipsis, and
       * whether its text overflows it.
       */
      const cells = () =>
        panel.evaluate(() =>
          Array.from(document.querySelectorAll('[role="grid"] [role="row"].packet [role="gridcell"]'), (cell) => {
            const style = getComputedStyle(cell);
            return {
              column: cell.classList[1],
              plain: cell.children.length === 0,
              clipped: style.overflowX === 'clip' && style.textOverflow === 'ellipsis',
              overflows: cell.scrollWidth > cell.clientWidth,
            };
          }),
        );
      try {
        const before = await cells();
        assert.deepEqual(
          before.filter((cell) => !cell.clipped && cell.overflows),
          [],
          'no unclipped text overflows its cell',
        );
        assert.ok(
          before.some((cell) => !cell.clipped) && before.some((cell) => cell.clipped),
          'some cells fit, not all',
        );
        const times = before.filter((cell) => cell.column === 'time' && cell.plain);
        assert.ok(times.length > 0 && times.every((cell) => !cell.clipped), 'the times fit their column');

        // The Time column narrowed from the keyboard to its least width: its times no longer fit, and are clipped.
        await panel.focus('[role="separator"][aria-label="Resize Time"]');
        for (let press = 0; press < 10; press++) await panel.keyboard.press('ArrowLeft');
        const narrowed = await waitFor('the times to be clipped', cells, (now) =>
          now.filter((cell) => cell.column === 'time').every((cell) => cell.clipped),
        );
        assert.deepEqual(
          narrowed.filter((cell) => !cell.clipped && cell.overflows),
          [],
          'no unclipped text overflows its cell once narrowed',
        );

        await pickFromColumnMenu(panel, 'Time', 'Reset columns');
      } finally {
        await session.close();
      }
    });

    it('shows the details in tabs: Payload, Raw with its parts named, Binary, and Pair with a way to the ack', async () => {
      const session = await echoSession(extension);
      const { panel, rows } = session;
      try {
        const echo = rows.find((row) => row.name === 'echo')!;
        await selectPacket(panel, echo.rowIndex);
        const tabs = () =>
          panel.evaluate(() =>
            Array.from(
              document.querySelectorAll('[aria-label="Packet details"] [role="tab"]'),
              (tab) => tab.textContent,
            ),
          );
        assert.deepEqual(await tabs(), ['Payload', 'Raw', 'Pair']);
        await pressButton(panel, 'Raw');
        const raw = await waitFor(
          'the Raw tab',
          () => readDetails(panel),
          (text) => text.includes('Ack id: 0'),
        );
        assert.match(raw, /Engine\.IO type: message/);
        assert.match(raw, /Socket\.IO type: EVENT/);
        await pressButton(panel, 'Pair');
        await waitFor(
          'the Pair tab',
          () => readDetails(panel),
          (text) => text.includes('was answered by ACK 0'),
        );
        await pressButton(panel, 'Go to ACK 0');
        await waitFor(
          'the ACK',
          () => readDetails(panel),
          (text) => text.includes('Answers EVENT echo'),
        );

        await selectPacket(panel, rows.find((row) => row.type === 'BINARY_ACK')!.rowIndex);
        assert.deepEqual(await tabs(), ['Payload', 'Raw', 'Binary', 'Pair']);
        await pressButton(panel, 'Binary');
        await waitFor(
          'the hex view',
          () => readDetails(panel),
          (text) => /00000000 {2}fa 03 02 01/.test(text),
        );
      } finally {
        await session.close();
      }
    });

    it('exports HAR that our Import reads back to the same rows', async () => {
      const session = await echoSession(extension);
      const { panel } = session;
      try {
        const before = await readPacketRows(panel);
        const har = await downloadFromPanel(panel, 'Export HAR');
        const { log } = JSON.parse(har) as { log: { version: string; entries: { _resourceType: string }[] } };
        assert.equal(log.version, '1.2');
        assert.ok(log.entries.some((entry) => entry._resourceType === 'websocket'));
        assert.ok(log.entries.some((entry) => entry._resourceType === 'fetch' || entry._resourceType === 'xhr'));
        const fresh = await extension.browser.newPage();
        try {
          await fresh.setViewport({ width: 1400, height: 2400 });
          await navigate(fresh, await panel.evaluate(() => location.href));
          assert.match(await importIntoPanel(fresh, har, 'capture.har'), /Imported capture\.har/);
          const imported = await waitFor(
            'the imported rows',
            () => readPacketRows(fresh),
            (rows) => rows.length >= before.length,
          );
          assert.deepEqual(strip(imported), strip(before));
        } finally {
          await fresh.close();
        }
      } finally {
        await session.close();
      }
    });

    it('says what to do without traffic, and its Reload reloads the page, whose traffic then shows', async () => {
      const session = await echoSession(extension);
      const { panel, page } = session;
      try {
        await pressButton(panel, 'Clear');
        await waitFor(
          'the empty state',
          () => panel.evaluate(() => document.body.textContent ?? ''),
          (text) => text.includes('No Socket.IO traffic yet. Reload the page to capture it from the start'),
        );
        await page.evaluate(() => ((window as never as { beforeReload: boolean }).beforeReload = true));
        await pressButton(panel, 'Reload');
        await waitFor(
          'the page to reload',
          () => page.evaluate(() => (window as never as { beforeReload?: boolean }).beforeReload ?? false),
          (marked) => !marked,
        );
        const rows = await waitFor(
          "the reloaded page's traffic",
          () => readPacketRows(panel),
          (shown) => shown.filter((row) => row.name === 'echo').length >= 4,
        );
        assert.equal(rows[0].type, 'open', 'captured from the start');
      } finally {
        await session.close();
      }
    });

    it('warms its code up once idle, on a session of its own that never shows', async () => {
      const session = await echoSession(extension);
      const { panel } = session;
      try {
        // The echo page's few records are fewer than the warm-up stops at: it runs whole.
        const batches = await waitFor(
          'the warm-up to end',
          () =>
            panel.evaluate(
              (name) => (performance.getEntriesByName(name)[0] as PerformanceMeasure | undefined)?.detail as unknown,
              WARM_UP_MEASURE,
            ),
          (detail) => detail !== undefined,
        );
        assert.deepEqual(batches, { batches: WARM_UP_BATCHES });
        const rows = await readPacketRows(panel);
        assert.ok(rows.some((row) => row.name === 'echo'));
        assert.deepEqual(
          rows.filter((row) => row.name === 'message' || row.name === 'question'),
          [],
          "none of the warm-up's packets",
        );
        const text = await panel.evaluate(() => document.body.textContent ?? '');
        assert.ok(!text.includes('warm-up'), "nothing of the warm-up's session shows");
      } finally {
        await session.close();
      }
    });

    it('passes axe-core without serious or critical violations, in the light and the dark theme', async () => {
      const session = await echoSession(extension);
      const { panel, rows } = session;
      try {
        for (const theme of ['light', 'dark']) {
          // The test stands in for DevTools' theme, which the panel reads when it starts.
          await panel.evaluate((name) => (document.documentElement.dataset['theme'] = name), theme);
          await showView(panel, 'Packets');
          await selectPacket(panel, rows.find((row) => row.name === 'echo')!.rowIndex);
          const found = { packets: await seriousViolations(panel) };
          await pressButton(panel, 'Raw');
          const header = await centreOf(panel, '[role="columnheader"]', 'Time');
          await panel.mouse.click(header.x, header.y, { button: 'right' });
          const raw = await seriousViolations(panel);
          await panel.keyboard.press('Escape');
          await showView(panel, 'Raw frames');
          const frames = await seriousViolations(panel);
          await pressButton(panel, 'Problems');
          const problems = await seriousViolations(panel);
          assert.deepEqual(
            { ...found, raw, frames, problems },
            { packets: [], raw: [], frames: [], problems: [] },
            theme,
          );
        }
      } finally {
        await session.close();
      }
    });
  },
);
