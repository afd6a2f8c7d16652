import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { MESSAGE_PROTOCOL_VERSION, type RelayedEntry } from '../../src/messages';
import { App } from '../../src/panel/components/App';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { createPanelStores } from '../../src/panel/store';
import { useDom, actOn } from './dom';
import { APP_TAB, OPEN, recordsMessage, testContext, WS_URL, wsFrame } from './records';
import { byRole, rowsOf } from './queries';

const version = MESSAGE_PROTOCOL_VERSION;
const dom = useDom();

/** The capture of a session whose backlog let frames 4-12 go, and a plain WebSocket's frames left unrecorded. */
const entries: RelayedEntry[] = [
  wsFrame(0, 'received', OPEN),
  wsFrame(1, 'sent', '40'),
  wsFrame(2, 'received', '40{"sid":"s1"}'),
  wsFrame(3, 'received', '42["tick",0]'),
  { kind: 'gap', seq: 4, from: 4, to: 12, count: 9, frames: 9, chars: 900, time: 1004 },
  { kind: 'unrecorded', seq: 13, connection: 'ws2', transport: 'websocket', count: 1234, size: 56789, time: 1005 },
  wsFrame(14, 'received', '42["tick",10]'),
];

async function renderCapture() {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { bridge, deliver } = createMemoryBridge();
  const stores = createPanelStores();
  const context = testContext(bridge);
  await act(() => render(h(App, { context, stores }), dom.root));
  const common = { version, tabId: 7, frameId: 0, documentId: 'doc' };
  await actOn(() => deliver(recordsMessage(entries, { documentId: 'doc', tabId: APP_TAB })));
  await actOn(() =>
    deliver({ type: 'status', ...common, captureErrors: { websocket: 2, channel: 1 }, refusedCommands: 1 }),
  );
  await act(() => mock.timers.tick(250)); // the panel re-renders at least every 250 ms
  mock.timers.reset();
  return stores;
}

describe('panel: what the idle budget let go, and what the page reports', () => {
  it('shows a marker where the backlog let frames go and where a plain WebSocket went unrecorded, in the timeline', async () => {
    await renderCapture();
    const rows = rowsOf(byRole(dom.root, 'grid', 'Packets')).map((row) => Object.values(row).join(' '));
    assert.equal(rows.length, 7, rows.join('\n'));
    assert.match(rows[3], /EVENT \/ tick \[0\]/);
    assert.match(rows[4], /9 frames not kept: backlog budget/);
    assert.match(rows[5], /1,234 frames not recorded: plain WebSocket, no panel open \(56,789 in all\)/);
    assert.match(rows[6], /EVENT \/ tick \[10\]/);
  });

  it('says in the toolbar what was not kept, the capture errors in the page and the commands refused', async () => {
    const stores = await renderCapture();
    const toolbar = dom.root.querySelector('header')?.textContent ?? '';
    assert.match(toolbar, /9 records not kept before the panel opened \(idle budget\)/);
    assert.match(toolbar, /3 capture errors in the page/);
    assert.match(toolbar, /1 commands refused/);
    assert.doesNotMatch(toolbar, /missing/, 'a gap accounts for what it covers');
    assert.equal(stores.capture.missing.value, 0);
  });

  it('shows the marker as a row of the Raw frames view', async () => {
    await renderCapture();
    await act(() => byRole(dom.root, 'tab', 'Raw frames').click());
    const text = byRole(dom.root, 'table', 'Captured frames').textContent ?? '';
    assert.match(text, /9 frames not kept: backlog budget/);
    assert.ok(text.includes(WS_URL) || text.includes('0{"sid"'), 'with the records around it');
  });
});
