import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import type { RelayedRecord } from '../../src/messages';
import { App } from '../../src/panel/components/App';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { createPanelStores } from '../../src/panel/store';
import { useDom, actOn, catchUp } from './dom';
import { accessibleName, allByRole, byRole, queryByRole, rowsOf } from './queries';
import { APP_TAB, OPEN, recordsMessage, testContext, wsBinary, wsFrame } from './records';

const dom = useDom();

const chat: RelayedRecord[] = [
  wsFrame(0, 'received', OPEN),
  wsFrame(1, 'sent', '40'),
  wsFrame(2, 'received', '40{"sid":"socket-1"}'),
  wsFrame(3, 'sent', '421["chat message",{"user":{"name":"ann"},"text":"hi"}]'),
  wsFrame(4, 'received', '431["ok"]'),
  wsFrame(5, 'received', '451-["file",{"name":"a.bin","data":{"_placeholder":true,"num":0}}]'),
  wsBinary(6, 'received', new Uint8Array([1, 2, 3])),
];

async function renderWith(records: RelayedRecord[]) {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { bridge, deliver } = createMemoryBridge();
  const stores = createPanelStores();
  const reloads: number[] = [];
  const context = testContext(bridge, { reloadInspectedPage: () => void reloads.push(7) });
  await act(() => render(h(App, { context, stores }), dom.root));
  let first = true;
  const feed = async (list: RelayedRecord[]) => {
    if (!first) mock.timers.enable({ apis: ['setTimeout'] });
    first = false;
    await actOn(() => deliver(recordsMessage(list, { tabId: APP_TAB })));
    await catchUp();
    mock.timers.reset();
  };
  if (records.length) await feed(records);
  else {
    await catchUp();
    mock.timers.reset();
    first = false;
  }
  return { stores, reloads, feed };
}

const grid = () => byRole(dom.root, 'grid', 'Packets');
const details = () => byRole(dom.root, 'complementary', 'Packet details');

function key(target: Element, init: KeyboardEventInit) {
  const KeyboardEvent = dom.window.KeyboardEvent as unknown as typeof globalThis.KeyboardEvent;
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
}

async function select(event: string) {
  const at = rowsOf(grid()).findIndex((row) => row['Event'] === event);
  assert.ok(at >= 0, `a row of ${event}`);
  const MouseEvent = dom.window.MouseEvent as unknown as typeof globalThis.MouseEvent;
  await act(() => {
    allByRole(grid(), 'row')[at + 1].dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  });
}

function clipboard(): string[] {
  const copied: string[] = [];
  Object.defineProperty(dom.window.navigator, 'clipboard', {
    value: { writeText: (text: string) => (copied.push(text), Promise.resolve()) },
    configurable: true,
  });
  return copied;
}

const tabNames = () => allByRole(details(), 'tab').map(accessibleName);
const selectedTab = () => allByRole(details(), 'tab').find((tab) => tab.getAttribute('aria-selected') === 'true');

describe('the details', () => {
  it('are tabs: Payload, Raw (its parts named), Pair (the round trip, one click to the ack)', async () => {
    await renderWith(chat);
    await select('chat message');
    assert.deepEqual(tabNames(), ['Payload', 'Raw', 'Pair']);
    assert.equal(accessibleName(byRole(details(), 'tabpanel')), 'Payload');
    await act(() => key(selectedTab()!, { key: 'ArrowRight' }));
    const raw = byRole(details(), 'tabpanel', 'Raw');
    const parts = byRole(raw, 'region', 'Raw frame');
    assert.match(parts.textContent, /^421\["chat message"/);
    assert.match(raw.textContent, /4Engine\.IO type: message2Socket\.IO type: EVENT1Ack id: 1/);
    await act(() => key(selectedTab()!, { key: 'End' }));
    const pair = byRole(details(), 'tabpanel', 'Pair');
    assert.match(pair.textContent, /EVENT chat message was answered by ACK 1 after 1\.0 ms/);
    assert.deepEqual(
      rowsOf(byRole(pair, 'table', 'Round trip')).map((row) => row['Type']),
      ['EVENT', 'ACK'],
    );
    await act(() => byRole(pair, 'button', 'Go to ACK 1').click());
    assert.equal(byRole(details(), 'tabpanel').getAttribute('aria-labelledby'), 'details-tab-pair', 'the tab stays');
    assert.match(byRole(details(), 'tabpanel', 'Pair').textContent, /EVENT chat message was answered by ACK 1/);
    assert.match(details().textContent, /Answers EVENT chat message after 1\.0 ms/);
  });

  it('show each binary attachment in the Binary tab', async () => {
    await renderWith(chat);
    await select('file');
    assert.deepEqual(tabNames(), ['Payload', 'Raw', 'Binary']);
    await act(() => byRole(details(), 'tab', 'Binary').click());
    const hex = byRole(details(), 'region', 'Binary [0].data');
    assert.match(hex.textContent, /00000000 {2}01 02 03 /);
    assert.match(details().textContent, /Completed/, 'it completed after it began');
  });

  it('search the payload, expand it all, and copy a path, a value, and the packet as client or server code', async () => {
    const copied = clipboard();
    await renderWith(chat);
    await select('chat message');
    const payload = byRole(details(), 'tabpanel', 'Payload');
    await act(() => byRole(payload, 'button', 'Collapse all').click());
    assert.equal(allByRole(payload, 'button', '1').length, 0, 'the arguments are closed');
    await act(() => byRole(payload, 'button', 'Expand all').click());
    assert.equal(byRole(payload, 'button', 'user').getAttribute('aria-expanded'), 'true');
    const search = byRole(payload, 'searchbox', 'Search payload') as HTMLInputElement;
    await act(() => {
      search.value = 'ANN';
      search.dispatchEvent(new dom.window.Event('input', { bubbles: true }) as unknown as Event);
    });
    assert.equal(byRole(details(), 'status', 'Payload matches').textContent, '1 match');
    await act(() => byRole(details(), 'button', 'Copy path').click());
    await act(() => byRole(details(), 'button', 'Copy value').click());
    await act(() => byRole(details(), 'button', 'Copy as client code').click());
    await act(() => byRole(details(), 'button', 'Copy as server code').click());
    assert.deepEqual(copied.slice(0, 2), ['[0].user.name', 'ann']);
    assert.match(copied[2], /^\/\/ socket\.io-client\nconst socket = io\(\);\nsocket\.emit\("chat message", \{/);
    assert.match(copied[2], /\(\.\.\.response\) => \{/);
    assert.match(
      copied[3],
      /^\/\/ socket\.io server: to this client's socket\nio\.to\("socket-1"\)\.emit\("chat message"/,
    );
  });

  it('follow the keyboard: ↑/↓ move through the rows, Esc closes the details, Enter opens them', async () => {
    const { stores } = await renderWith(chat);
    await select('chat message');
    await act(() => key(grid(), { key: 'ArrowDown' }));
    assert.equal(stores.timeline.selected.value?.packet.sioType, 'ACK');
    assert.equal(grid().getAttribute('aria-activedescendant'), `packet-row-${stores.timeline.selected.value?.index}`);
    await act(() => key(grid(), { key: 'Escape' }));
    assert.equal(queryByRole(dom.root, 'complementary', 'Packet details'), undefined);
    await act(() => key(grid(), { key: 'ArrowUp' }));
    assert.equal(stores.timeline.selected.value?.packet.event, 'chat message');
    assert.equal(queryByRole(dom.root, 'complementary', 'Packet details'), undefined, 'closed until Enter');
    await act(() => key(grid(), { key: 'Enter' }));
    assert.ok(details());
    await act(() => byRole(details(), 'button', 'Close details').click());
    assert.equal(queryByRole(dom.root, 'complementary', 'Packet details'), undefined);
  });

  it('say what to do before any traffic, and reload the page from there; Ctrl+K clears, Ctrl+F finds', async () => {
    const { reloads, feed, stores } = await renderWith([]);
    assert.match(dom.root.textContent, /No Socket\.IO traffic yet\. Reload the page to capture it from the start/);
    assert.equal(queryByRole(dom.root, 'grid', 'Packets'), undefined);
    await act(() => byRole(dom.root, 'button', 'Reload').click());
    assert.deepEqual(reloads, [7]);
    await feed(chat);
    assert.equal(rowsOf(grid()).length, 6);
    await act(() => key(dom.window.document.body as unknown as Element, { key: 'f', ctrlKey: true }));
    assert.equal(dom.window.document.activeElement, byRole(dom.root, 'searchbox', 'Filter'));
    mock.timers.enable({ apis: ['setTimeout'] });
    await act(() => key(dom.window.document.body as unknown as Element, { key: 'k', metaKey: true }));
    await act(() => mock.timers.tick(100));
    mock.timers.reset();
    assert.equal(stores.capture.rows.length, 0);
    assert.ok(byRole(dom.root, 'button', 'Reload'), 'cleared: the empty state again');
  });
});
