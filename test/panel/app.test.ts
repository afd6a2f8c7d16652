import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it, mock } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { MESSAGE_PROTOCOL_VERSION, type RelayedRecord } from '../../src/messages';
import { App } from '../../src/panel/components/App';
import { TabPicker } from '../../src/panel/components/TabPicker';
import { createMemoryHistoryStorage } from '../../src/panel/history';
import { createMemoryTransport } from '../../src/panel/memory-transport';
import { createPanelStores } from '../../src/panel/store';
import { installDom } from './dom';

const version = MESSAGE_PROTOCOL_VERSION;
const url = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket';
let dom: ReturnType<typeof installDom>;
before(() => {
  dom = installDom();
});
beforeEach(() => render(null, dom.root));
after(async () => {
  render(null, dom.root);
  await dom.cleanup();
});

function frame(seq: number, direction: 'sent' | 'received', text: string): RelayedRecord {
  return {
    kind: 'frame',
    seq,
    time: 1000 + seq,
    connection: 'ws1',
    transport: 'websocket',
    url,
    direction,
    payload: { text, size: text.length, truncated: false },
  };
}

const chat = [
  frame(0, 'received', '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}'),
  frame(1, 'sent', '40'),
  frame(2, 'received', '40{"sid":"s1"}'),
  frame(3, 'sent', '421["chat message","hi"]'),
  frame(4, 'received', '431["ok"]'),
  frame(5, 'received', '42{not json'),
];

/** Renders the App, feeds it `records`, and lets the throttled view catch up. */
async function renderWith(records: RelayedRecord[]) {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { transport, sent, deliver, reconnect } = createMemoryTransport();
  const stores = createPanelStores();
  await act(() => render(h(App, { tabId: 7, transport, stores, history: createMemoryHistoryStorage() }), dom.root));
  await act(() => deliver({ type: 'records', version, tabId: 7, frameId: 0, documentId: 'doc', dropped: 0, records }));
  await act(() => mock.timers.tick(100)); // the panel re-renders at most every 100 ms
  mock.timers.reset();
  return { stores, sent, deliver, reconnect };
}

const rowTexts = () =>
  [...dom.root.querySelectorAll('.timeline .packet')].map(
    (row) => row.querySelector('.name')!.textContent + '|' + row.querySelector('.type')!.textContent,
  );

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
    const flagged = dom.root.querySelectorAll('.timeline .packet.flagged');
    assert.equal(flagged.length, 1);
    assert.match(dom.root.querySelector('.sessions [data-session="s1"]')!.textContent, /EIO4 · websocket · open/);
  });

  it('pairs an EVENT with its ACK in the details, and jumps between them', async () => {
    const { stores } = await renderWith(chat);
    const event = dom.root.querySelector('.timeline .packet[data-index="3"]')!;
    await act(() => {
      event.dispatchEvent(new (dom.window.MouseEvent as unknown as typeof MouseEvent)('mousedown', { bubbles: true }));
    });
    const details = dom.root.querySelector('.details')!;
    assert.match(details.textContent, /Answered by ACK 1/);
    assert.match(details.querySelector('.rtt')!.textContent, /^1\.0 ms$/);
    await act(() => (details.querySelector('.link') as HTMLButtonElement).click());
    assert.equal(stores.timeline.selected.value?.packet.sioType, 'ACK');
    assert.match(dom.root.querySelector('.details')!.textContent, /Answers EVENT chat message/);
  });

  it('narrows the rows with the filters and says how many are shown', async () => {
    const { stores } = await renderWith(chat);
    await act(() => {
      stores.filters.text.value = 'chat';
    });
    assert.deepEqual(rowTexts(), ['chat message|EVENT']);
    await act(() => {
      stores.filters.text.value = '';
      stores.filters.direction.value = 'sent';
    });
    assert.deepEqual(rowTexts(), ['|CONNECT', 'chat message|EVENT']);
    assert.equal(dom.root.querySelector('[aria-label="Shown packets"]')!.textContent, '2 of 6 packets');
    await act(() => {
      stores.filters.direction.value = 'all';
      stores.filters.errorsOnly.value = true;
    });
    assert.deepEqual(rowTexts(), ['|EVENT']);
  });

  it('lists the raw frames in the Raw frames view', async () => {
    const { stores } = await renderWith(chat);
    await act(() => {
      stores.view.value = 'frames';
    });
    mock.timers.enable({ apis: ['setTimeout'] });
    await act(() => mock.timers.tick(100));
    mock.timers.reset();
    const rows = [...dom.root.querySelectorAll('table.frames tbody tr')];
    assert.equal(rows.length, chat.length);
    assert.equal(rows[3].querySelector('.data')!.textContent, '421["chat message","hi"]');
  });

  it('renders only the raw frames in view, however many stream in, and follows a clear', async () => {
    const { stores, deliver } = await renderWith([]);
    await act(() => {
      stores.view.value = 'frames';
    });
    const shownRows = () => [...dom.root.querySelectorAll('table.frames tbody tr')];
    mock.timers.enable({ apis: ['setTimeout'] });
    let seq = 0;
    for (const size of [10, 1, 2000, 333]) {
      const records = Array.from({ length: size }, () => frame(seq, 'received', `42["tick",${seq++}]`));
      await act(() =>
        deliver({ type: 'records', version, tabId: 7, frameId: 0, documentId: 'doc', dropped: 0, records }),
      );
      await act(() => mock.timers.tick(100));
      // Without layout (happy-dom) the viewport is taken to be 600px tall; it follows the newest rows: the last
      // rows that fill it, and an overscan of 10 above them.
      const first = Math.max(0, Math.floor(Math.max(0, seq * 19 - 600) / 19) - 10);
      const indexes = Array.from({ length: seq - first }, (_, offset) => first + offset);
      assert.deepEqual(
        shownRows().map((row) => row.querySelector('.data')!.textContent),
        indexes.map((index) => `42["tick",${index}]`),
      );
      assert.deepEqual(
        shownRows().map((row) => row.classList.contains('odd')),
        indexes.map((index) => index % 2 === 1),
      );
      assert.equal((dom.root.querySelector('table.frames tbody') as HTMLElement).style.paddingTop, `${first * 19}px`);
      assert.equal(dom.root.querySelector('[aria-label="Captured records"]')!.textContent, `${seq} rows`);
    }
    await act(() => (dom.root.querySelector('.toolbar button:nth-of-type(2)') as HTMLButtonElement).click());
    await act(() =>
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
    await act(() => mock.timers.tick(100));
    mock.timers.reset();
    assert.deepEqual(
      shownRows().map((row) => row.querySelector('.data')!.textContent),
      ['after clear'],
    );
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
      const { stores, deliver } = await renderWith([]);
      await act(() => {
        stores.view.value = 'frames';
      });
      assert.ok(dom.root.querySelector('p.empty'), 'no viewport while there is no traffic');
      const records = Array.from({ length: 2000 }, (_, seq) => frame(seq, 'received', `42["tick",${seq}]`));
      mock.timers.enable({ apis: ['setTimeout'] });
      await act(() =>
        deliver({ type: 'records', version, tabId: 7, frameId: 0, documentId: 'doc', dropped: 0, records }),
      );
      await act(() => mock.timers.tick(100));
      mock.timers.reset();
      // Following the newest rows: the last 100 rows of 19px fill 1900px, with an overscan of 10 above them.
      const shown = [...dom.root.querySelectorAll('table.frames tbody tr')].map(
        (row) => row.querySelector('.data')!.textContent,
      );
      assert.equal(shown.length, 110);
      assert.equal(shown[0], '42["tick",1890]');
      assert.equal(shown.at(-1), '42["tick",1999]');
    } finally {
      delete globals.ResizeObserver;
    }
  });

  it('lists the tabs with traffic when no tab is given', async () => {
    const { transport, sent, deliver } = createMemoryTransport();
    await act(() => render(h(TabPicker, { transport }), dom.root));
    assert.deepEqual(sent, [{ type: 'list-tabs', version }]);
    await act(() =>
      deliver({ type: 'tabs', version, tabs: [{ tabId: 3, url: 'http://127.0.0.1:3000/', title: 'Socket.IO chat' }] }),
    );
    const link = dom.root.querySelector('a[data-tab-id="3"]')!;
    assert.equal(link.textContent, 'Socket.IO chat');
    assert.equal(link.getAttribute('href'), '?tabId=3');
  });
});
