// A page that reconnects all day: the panel's sessions stay bounded. Sessions whose packets all went (the timeline's
// packet limit) are forgotten, but for the newest; the sessions list shows the newest 200 and says how many it left out.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import type { RelayedRecord } from '../../src/messages';
import { App } from '../../src/panel/components/App';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { createPanelStores } from '../../src/panel/store';
import { applyMessage } from '../../src/panel/store/capture';
import { syncTimeline } from '../../src/panel/store/timeline';
import { useDom, catchUp } from './dom';
import { byRole } from './queries';
import { APP_TAB, recordsMessage, testContext, WS_URL } from './records';

const dom = useDom();

/** `count` WebSocket sessions one after the other, from `from` on: each opens, connects, and closes. */
function sessions(from: number, count: number): RelayedRecord[] {
  const records: RelayedRecord[] = [];
  for (let i = from; i < from + count; i++) {
    const connection = `ws${i}`;
    const frame = (direction: 'sent' | 'received', text: string): RelayedRecord => ({
      kind: 'frame',
      seq: records.length + from * 4,
      time: 1000 + records.length + from * 4,
      connection,
      transport: 'websocket',
      url: WS_URL,
      direction,
      payload: { text, size: text.length, truncated: false },
    });
    records.push(frame('received', `0{"sid":"sid${i}","upgrades":[],"pingInterval":25000,"pingTimeout":20000}`));
    records.push(frame('sent', '40'));
    records.push(frame('received', `40{"sid":"n${i}"}`));
    records.push({
      kind: 'close',
      seq: records.length + from * 4,
      time: 1000 + records.length + from * 4,
      connection,
      transport: 'websocket',
      code: 1000,
      reason: '',
      wasClean: true,
    });
  }
  return records;
}

const deliver = (stores: ReturnType<typeof createPanelStores>, records: RelayedRecord[]) =>
  applyMessage(stores.capture, recordsMessage(records));

describe('sessions of a page that reconnects all day', () => {
  it('are forgotten once their packets went, but for the newest 100, and new ones keep new ids', () => {
    const stores = createPanelStores();
    stores.timeline.maxEntries.value = 300;
    for (let batch = 0; batch < 10; batch++) {
      deliver(stores, sessions(batch * 100, 100));
      syncTimeline(stores.timeline, stores.capture);
    }
    const { tracker } = stores.timeline;
    assert.ok(stores.timeline.entries.length <= 303, 'the packet limit holds');
    assert.ok(tracker.sessions.length <= 200, `${tracker.sessions.length} sessions kept`);
    assert.ok(tracker.sessions.length >= 100, 'the newest are kept');
    assert.equal(tracker.forgotten + tracker.sessions.length, 1000);
    assert.equal(tracker.sessions.at(-1)?.id, 's1000', 'ids go on from the forgotten ones');
    assert.equal(tracker.sessions.at(-1)?.sid, 'sid999');
    const kept = new Set(stores.timeline.entries.flatMap((entry) => (entry.kind === 'packet' ? [entry.session] : [])));
    for (const session of kept) assert.ok(tracker.sessions.includes(session), `${session.id} has packets: kept`);
  });

  it('are listed 200 at most, the newest, with how many older ones are not', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const { bridge, deliver: send } = createMemoryBridge();
      const stores = createPanelStores();
      await act(() => render(h(App, { context: testContext(bridge), stores }), dom.root));
      await act(() => send(recordsMessage(sessions(0, 250), { tabId: APP_TAB })));
      await catchUp();
      const list = byRole(dom.root, 'navigation', 'Sessions');
      const buttons = Array.from(list.querySelectorAll('button'), (button) => button.textContent ?? '');
      assert.equal(buttons.length, 201, 'All sessions and 200 sessions');
      assert.match(buttons[1], /^s51 /);
      assert.match(buttons[200], /^s250 /);
      assert.match(list.textContent ?? '', /50 older sessions not listed/);
    } finally {
      mock.timers.reset();
    }
  });
});
