import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { MESSAGE_PROTOCOL_VERSION, type RelayedRecord } from '../../src/messages';
import { App } from '../../src/panel/components/App';
import { TabPicker } from '../../src/panel/components/TabPicker';
import { createMemoryHistoryStorage } from '../../src/panel/history';
import type { PanelMessage } from '../../src/panel/bridge';
import { createFloodHold } from '../../src/panel/flood-hold';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { createMemoryMockStorage } from '../../src/panel/mock/store';
import { MOCKS_KEY, type MockConfig } from '../../src/protocol/mock-config';
import { applyPanelSettings, createPanelStores } from '../../src/panel/store';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';
import { loadCapture } from '../../src/panel/store/capture';
import { useDom, actOn, catchUp } from './dom';
import { fakeClock } from '../support/fake-clock';
import { OPEN, wsFrame } from './records';
import { accessibleName, allByRole, byRole, queryByRole, rowsOf } from './queries';

const version = MESSAGE_PROTOCOL_VERSION;
const dom = useDom();

const frame = wsFrame;

const chat = [
  frame(0, 'received', OPEN),
  frame(1, 'sent', '40'),
  frame(2, 'received', '40{"sid":"s1"}'),
  frame(3, 'sent', '421["chat message","hi"]'),
  frame(4, 'received', '431["ok"]'),
  frame(5, 'received', '42{not json'),
];

/** Lets the panel's throttled views catch up (see catchUp). */
async function settle() {
  mock.timers.enable({ apis: ['setTimeout'] });
  await catchUp();
  mock.timers.reset();
}

/** Renders the App, feeds it `records`, and lets the throttled view catch up. */
async function renderWith(records: RelayedRecord[]) {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { bridge, sent, deliver, reconnect } = createMemoryBridge();
  const stores = createPanelStores();
  const opened: string[] = [];
  const context = {
    tabId: 7,
    bridge,
    history: createMemoryHistoryStorage(),
    openOptionsPage: () => void opened.push('options'),
    reloadInspectedPage: () => void opened.push('reload'),
  };
  await act(() => render(h(App, { context, stores }), dom.root));
  await actOn(() =>
    deliver({ type: 'records', version, tabId: 7, frameId: 0, documentId: 'doc', dropped: 0, records }),
  );
  await catchUp();
  mock.timers.reset();
  return { stores, sent, deliver, reconnect, opened };
}

const packetsGrid = () => byRole(dom.root, 'grid', 'Packets');
const rowTexts = () => rowsOf(packetsGrid()).map((row) => `${row['Event']}|${row['Type']}`);

async function press(name: string | RegExp, role = 'button') {
  await act(() => byRole(dom.root, role, name).click());
}

async function selectRow(predicate: (row: Record<string, string>) => boolean) {
  const rows = allByRole(packetsGrid(), 'row').slice(1);
  const at = rowsOf(packetsGrid()).findIndex(predicate);
  assert.ok(at >= 0, 'the row is shown');
  await act(() => {
    rows[at].dispatchEvent(new (dom.window.MouseEvent as unknown as typeof MouseEvent)('mousedown', { bubbles: true }));
  });
}

describe('panel App', () => {
  it('subscribes to its tab, again after a reconnect', async () => {
    const { sent, reconnect } = await renderWith([]);
    assert.deepEqual(sent, [{ type: 'subscribe', version, tabId: 7 }]);
    reconnect();
    assert.deepEqual(sent[1], { type: 'subscribe', version, tabId: 7 });
  });

  it('shows decoded packets with event names, the session, and a flagged malformed packet', async () => {
    await renderWith(chat);
    assert.deepEqual(rowTexts(), ['|open', '|CONNECT', '|CONNECT', 'chat message|EVENT', 'ack 1|ACK', '|EVENT']);
    const flagged = rowsOf(packetsGrid()).filter((row) => row['Arguments'].startsWith('Error'));
    assert.equal(flagged.length, 1);
    const sessions = byRole(dom.root, 'navigation', 'Sessions');
    assert.match(byRole(sessions, 'button', /^s1 /).textContent, /EIO4 · websocket · open/);
  });

  it('pairs an EVENT with its ACK in the details, and jumps between them', async () => {
    const { stores } = await renderWith(chat);
    await selectRow((row) => row['Event'] === 'chat message');
    const details = byRole(dom.root, 'complementary', 'Packet details');
    assert.match(details.textContent, /Answered by ACK 1 after 1\.0 ms/);
    await act(() => byRole(details, 'button', 'ACK 1').click());
    assert.equal(stores.timeline.selected.value?.packet.sioType, 'ACK');
    assert.match(byRole(dom.root, 'complementary', 'Packet details').textContent, /Answers EVENT chat message/);
  });

  it('narrows the rows with the filters and says how many are shown', async () => {
    const { stores } = await renderWith(chat);
    await act(() => {
      stores.filters.text.value = 'chat';
    });
    assert.deepEqual(rowTexts(), ['chat message|EVENT']);
    await act(() => {
      stores.filters.text.value = '';
    });
    const chips = byRole(dom.root, 'group', 'Packet types');
    await act(() => byRole(chips, 'button', 'Sent').click());
    assert.deepEqual(rowTexts(), ['|CONNECT', 'chat message|EVENT']);
    assert.equal(byRole(chips, 'button', 'Sent').getAttribute('aria-pressed'), 'true');
    assert.equal(byRole(chips, 'button', 'All').getAttribute('aria-pressed'), 'false');
    assert.equal(byRole(dom.root, 'status', 'Shown packets').textContent, '2 of 6 packets');
    await act(() => byRole(chips, 'button', 'Errors').click());
    assert.deepEqual(rowTexts(), ['|EVENT']);
    await act(() => {
      const add = new (dom.window.MouseEvent as unknown as typeof MouseEvent)('click', {
        bubbles: true,
        ctrlKey: true,
      });
      byRole(chips, 'button', 'Sent').dispatchEvent(add);
    });
    assert.deepEqual(rowTexts(), ['|CONNECT', 'chat message|EVENT', '|EVENT'], 'Ctrl+click adds a type');
    await act(() => byRole(chips, 'button', 'All').click());
    assert.equal(rowTexts().length, 6);
    await act(() => {
      stores.filters.text.value = 'chat';
      stores.filters.invert.value = true;
    });
    assert.deepEqual(rowTexts(), ['|open', '|CONNECT', '|CONNECT', 'ack 1|ACK', '|EVENT'], 'Invert shows the rest');
  });

  it('lists the raw frames in the Raw frames view', async () => {
    await renderWith(chat);
    await press('Raw frames', 'tab');
    await settle();
    const rows = rowsOf(byRole(dom.root, 'table', 'Captured frames'));
    assert.equal(rows.length, chat.length);
    assert.equal(rows[3]['Data'], '421["chat message","hi"]');
    assert.deepEqual(rows[3], {
      Time: rows[3]['Time'],
      Direction: '↑',
      Transport: 'websocket',
      Frame: 'top',
      Connection: 'ws1',
      Data: '421["chat message","hi"]',
    });
  });

  it('renders only the raw frames in view, however many stream in, and follows a clear', async () => {
    const { deliver } = await renderWith([]);
    await press('Raw frames', 'tab');
    const table = () => byRole(dom.root, 'table', 'Captured frames');
    const shownData = () => rowsOf(table()).map((row) => row['Data']);
    mock.timers.enable({ apis: ['setTimeout'] });
    let seq = 0;
    for (const size of [10, 1, 2000, 333]) {
      const records = Array.from({ length: size }, () => frame(seq, 'received', `42["tick",${seq++}]`));
      await actOn(() =>
        deliver({ type: 'records', version, tabId: 7, frameId: 0, documentId: 'doc', dropped: 0, records }),
      );
      await act(() => mock.timers.tick(250));
      // Without layout (happy-dom) the viewport is taken to be 600px tall; it follows the newest rows: the last
      // rows that fill it, from an even row (each row element keeps its stripe).
      const inView = Math.floor(Math.max(0, seq * 19 - 600) / 19);
      const first = inView - (inView % 2);
      const indexes = Array.from({ length: seq - first }, (_, offset) => first + offset);
      assert.deepEqual(
        shownData(),
        indexes.map((index) => `42["tick",${index}]`),
      );
      assert.deepEqual(
        allByRole(table(), 'row')
          .slice(1)
          .map((row) => Number(row.getAttribute('aria-rowindex'))),
        indexes.map((index) => index + 2),
      );
      assert.equal(byRole(dom.root, 'status', 'Captured records').textContent, `${seq} rows`);
    }
    await press('Clear');
    await actOn(() =>
      deliver({
        type: 'records',
        version,
        tabId: 7,
        frameId: 0,
        documentId: 'doc',
        dropped: 0,
        records: [frame(seq, 'sent', 'after clear')],
      }),
    );
    await act(() => mock.timers.tick(250));
    mock.timers.reset();
    assert.deepEqual(shownData(), ['after clear']);
  });

  it('fits the raw frames window to its viewport, also when the view was opened before any traffic', async () => {
    // happy-dom has no layout: a stand-in ResizeObserver reports a 1900px tall viewport as soon as it is observed.
    const globals = globalThis as { ResizeObserver?: unknown };
    globals.ResizeObserver = class {
      constructor(private readonly report: () => void) {}
      observe(element: HTMLElement) {
        Object.defineProperty(element, 'clientHeight', { value: 1900, configurable: true });
        this.report();
      }
      disconnect() {}
    };
    try {
      const { deliver } = await renderWith([]);
      await press('Raw frames', 'tab');
      assert.match(dom.root.textContent, /No Socket.IO traffic captured yet/);
      const records = Array.from({ length: 2000 }, (_, seq) => frame(seq, 'received', `42["tick",${seq}]`));
      mock.timers.enable({ apis: ['setTimeout'] });
      await actOn(() =>
        deliver({ type: 'records', version, tabId: 7, frameId: 0, documentId: 'doc', dropped: 0, records }),
      );
      await act(() => mock.timers.tick(250));
      mock.timers.reset();
      // Following the newest rows: the last 100 rows of 19px fill 1900px.
      const shown = rowsOf(byRole(dom.root, 'table', 'Captured frames')).map((row) => row['Data']);
      assert.equal(shown.length, 100);
      assert.equal(shown[0], '42["tick",1900]');
      assert.equal(shown.at(-1), '42["tick",1999]');
    } finally {
      delete globals.ResizeObserver;
    }
  });

  it('shows an imported binary frame whose base64 is invalid as such in the Raw frames view', async () => {
    const { stores } = await renderWith([]);
    const record = { ...frame(0, 'received', ''), payload: { base64: '!!not base64!!', size: 9, truncated: false } };
    const row = { kind: 'record' as const, key: 'f:0', time: 1000, frameId: 0, documentId: 'f', record };
    await actOn(() => loadCapture(stores.capture, [row], 'broken.har'));
    await press('Raw frames', 'tab');
    await settle();
    const rows = rowsOf(byRole(dom.root, 'table', 'Captured frames'));
    assert.equal(rows[0]['Data'], 'binary 9 B: (not valid base64)');
  });

  /** Renders the App on a bridge with a flood hold, on a clock the test moves; `flood` sends `count` messages. */
  async function renderWithFloodHold() {
    mock.timers.enable({ apis: ['setTimeout'] });
    const clock = fakeClock();
    const memory = createMemoryBridge();
    const hold = createFloodHold<PanelMessage>(memory.deliver, clock);
    /** How often the panel asked the hold for the page's rate, and what it was told last. */
    const rateRead = { times: 0, last: 0 };
    const flood = { ...hold, perSecond: () => ((rateRead.times += 1), (rateRead.last = hold.perSecond())) };
    const mocks = createMemoryMockStorage();
    const context = {
      tabId: 7,
      bridge: { ...memory.bridge, flood },
      history: createMemoryHistoryStorage(),
      mocks,
      openOptionsPage: () => undefined,
      reloadInspectedPage: () => undefined,
    };
    const stores = createPanelStores(flood.readAll);
    await act(() => render(h(App, { context, stores }), dom.root));
    let seq = 0;
    /** A message every 100 ms whose batch says it holds 2,600 records (26,000/s); here each carries one. */
    async function sendFlood(count: number) {
      for (const end = seq + count; seq < end; seq++) {
        clock.advance(100);
        const record = frame(seq, 'received', seq === 0 ? OPEN : `42["tick",${seq}]`);
        const message = { type: 'records', version, tabId: 7, frameId: 0, documentId: 'doc', dropped: 0 } as const;
        const batches = [{ time: clock.now(), records: 2600 }];
        await actOn(() => flood.take({ ...message, records: [record] }, batches, 2600 * 50));
      }
      await catchUp();
    }
    /** Lets the flood end: the hold's clock runs on for a second, without messages. */
    async function quiet() {
      for (let ms = 0; ms < 1000; ms += 50) clock.advance(50);
      await catchUp();
    }
    return { sendFlood, quiet, mocks, stores, rateRead };
  }

  const said = () => allByRole(dom.root, 'status').map((status) => status.textContent ?? '');

  it('says in the toolbar what it holds of a flood, and reads it all on Show now', async () => {
    const { sendFlood } = await renderWithFloodHold();
    await sendFlood(10);
    assert.ok(
      said().some((text) => /^Holding [\d,]+ records while the page floods \(26,000\/s\)$/.test(text)),
      said().join(' | '),
    );
    const heldBack = rowsOf(packetsGrid()).length;
    assert.ok(heldBack < 10, `the held records are not shown (${heldBack} rows)`);
    await press('Show now');
    await catchUp();
    mock.timers.reset();
    assert.equal(rowsOf(packetsGrid()).length, 10, 'every record, once read');
    assert.ok(!said().some((text) => text.startsWith('Holding')));
  });

  it('reads what it holds before Preserve log changes and before Clear, so held records land where they belong', async () => {
    const { sendFlood, quiet } = await renderWithFloodHold();
    await sendFlood(10);
    assert.ok(rowsOf(packetsGrid()).length < 10);
    await act(() => (byRole(dom.root, 'checkbox', 'Preserve log') as HTMLInputElement).click());
    await catchUp();
    assert.equal(rowsOf(packetsGrid()).length, 10, 'read before preserve log changed');
    await sendFlood(10);
    assert.equal(rowsOf(packetsGrid()).length, 10, 'the flood goes on: held again');
    await press('Clear');
    await quiet();
    mock.timers.reset();
    const grid = queryByRole(dom.root, 'grid', 'Packets');
    assert.deepEqual(grid && rowsOf(grid), undefined, 'what was held came before the clear: cleared with the rest');
  });

  it('reads what it holds before Replay server side and Mock this session read the session', async () => {
    const { sendFlood, mocks } = await renderWithFloodHold();
    await sendFlood(10);
    assert.ok(rowsOf(packetsGrid()).length < 10);
    await press('Replay server side');
    const replayStatus = byRole(byRole(dom.root, 'region', 'Replay'), 'status');
    assert.match(replayStatus.textContent ?? '', /: 9 server events of s1$/, 'every tick the page sent, held ones too');
    await sendFlood(10);
    assert.ok(rowsOf(packetsGrid()).length < 20, 'the flood goes on: held again');
    await press('Mock this session');
    await act(() => new Promise<void>((resolve) => setImmediate(resolve)));
    mock.timers.reset();
    const armed = mocks.items.get(MOCKS_KEY) as Record<string, MockConfig> | undefined;
    const [config] = Object.values(armed ?? {});
    assert.equal(config?.recording.server.length, 19, 'the mock answers with every tick of the flood');
  });

  it('holds nothing of a flood while a breakpoint is set: breakpoints act on each packet as it comes', async () => {
    const { sendFlood } = await renderWithFloodHold();
    await sendFlood(10);
    assert.ok(rowsOf(packetsGrid()).length < 10);
    const field = byRole(dom.root, 'textbox', 'Break on') as HTMLInputElement;
    await act(() => {
      field.value = 'tick';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await press('Add breakpoint');
    await catchUp();
    assert.equal(rowsOf(packetsGrid()).length, 10, 'what was held is read at once');
    await sendFlood(10);
    mock.timers.reset();
    assert.equal(rowsOf(packetsGrid()).length, 20, 'the rest of the flood is read as it comes');
    assert.ok(!said().some((text) => text.startsWith('Holding')));
  });

  it('holds nothing of a flood while the Hold floods setting is off, and holds again once it is on', async () => {
    const { sendFlood, stores } = await renderWithFloodHold();
    await act(() => applyPanelSettings(stores, { ...DEFAULT_SETTINGS, holdFloods: false }));
    await sendFlood(10);
    assert.equal(rowsOf(packetsGrid()).length, 10, 'every record of the flood, as it comes');
    assert.ok(!said().some((text) => text.startsWith('Holding')));
    await act(() => applyPanelSettings(stores, DEFAULT_SETTINGS));
    await sendFlood(10);
    mock.timers.reset();
    assert.ok(rowsOf(packetsGrid()).length < 20, 'held again');
    assert.ok(said().some((text) => text.startsWith('Holding')));
  });

  it("paces its renders by the page's rate as the flood hold reads it", async () => {
    const { sendFlood, stores, rateRead } = await renderWithFloodHold();
    await act(() => applyPanelSettings(stores, { ...DEFAULT_SETTINGS, holdFloods: false }));
    await sendFlood(10);
    mock.timers.reset();
    assert.equal(rowsOf(packetsGrid()).length, 10, 'read as it comes');
    assert.ok(rateRead.times > 0, 'the render clock asked for the rate');
    assert.equal(rateRead.last, 26_000, "told the page's rate (its batches' times), not the rows' (one a message)");
  });

  it('opens the options page from the Settings button', async () => {
    const { opened } = await renderWith([]);
    await press('Settings');
    assert.deepEqual(opened, ['options']);
  });

  it('lists the tabs with traffic when no tab is given', async () => {
    const { bridge, sent, deliver } = createMemoryBridge();
    await act(() => render(h(TabPicker, { bridge }), dom.root));
    assert.deepEqual(sent, [{ type: 'list-tabs', version }]);
    await actOn(() =>
      deliver({ type: 'tabs', version, tabs: [{ tabId: 3, url: 'http://127.0.0.1:3000/', title: 'Socket.IO chat' }] }),
    );
    const link = byRole(dom.root, 'link', 'Socket.IO chat');
    assert.equal(accessibleName(link), 'Socket.IO chat');
    assert.equal(link.getAttribute('href'), '?tabId=3');
  });
});
