import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESSAGE_PROTOCOL_VERSION, type BackgroundToPanel, type RelayedRecord } from '../../src/messages';
import { applyMessage, clearCapture } from '../../src/panel/store/capture';
import { applyFilters } from '../../src/panel/store/filters';
import { createPanelStores } from '../../src/panel/store';
import { syncTimeline } from '../../src/panel/store/timeline';
import { trafficBuckets } from '../../src/panel/traffic';

const url = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket';

function records(list: [number, 'sent' | 'received', string][], seqFrom = 0): BackgroundToPanel {
  return {
    type: 'records',
    version: MESSAGE_PROTOCOL_VERSION,
    tabId: 1,
    frameId: 0,
    documentId: 'doc',
    dropped: 0,
    records: list.map(([time, direction, text], index): RelayedRecord => ({
      kind: 'frame',
      seq: seqFrom + index,
      time,
      connection: 'ws1',
      transport: 'websocket',
      url,
      direction,
      payload: { text, size: text.length, truncated: false },
    })),
  };
}

const open = '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

describe('timeline store', () => {
  it('decodes appended rows incrementally, and afresh after a clear', () => {
    const stores = createPanelStores();
    applyMessage(
      stores.capture,
      records([
        [1, 'received', open],
        [2, 'sent', '42["a",1]'],
      ]),
    );
    syncTimeline(stores.timeline, stores.capture);
    const first = stores.timeline.packets[1];
    applyMessage(stores.capture, records([[3, 'sent', '42["b",2]']], 2));
    syncTimeline(stores.timeline, stores.capture);
    assert.equal(stores.timeline.packets[1], first, 'earlier packets are kept, not decoded again');
    assert.deepEqual(
      stores.timeline.packets.map(({ packet }) => packet.event ?? packet.eioType),
      ['open', 'a', 'b'],
    );
    clearCapture(stores.capture);
    syncTimeline(stores.timeline, stores.capture);
    assert.equal(stores.timeline.packets.length, 0);
  });

  it('counts each event: how many, bytes, last seen', () => {
    const stores = createPanelStores();
    applyMessage(
      stores.capture,
      records([
        [1, 'received', open],
        [2, 'sent', '42["chat",1]'],
        [5, 'received', '42["chat",22]'],
        [6, 'sent', '42["typing"]'],
      ]),
    );
    syncTimeline(stores.timeline, stores.capture);
    assert.deepEqual(stores.timeline.events.get('chat'), { name: 'chat', count: 2, bytes: 25, lastSeen: 5 });
    assert.equal(stores.timeline.events.get('typing')?.count, 1);
  });

  it('filters to a brushed time range, and buckets traffic by direction', () => {
    const stores = createPanelStores();
    applyMessage(
      stores.capture,
      records([
        [0, 'received', open],
        [10, 'sent', '42["a"]'],
        [20, 'received', '42["b"]'],
        [100, 'sent', '42["c"]'],
      ]),
    );
    syncTimeline(stores.timeline, stores.capture);
    stores.filters.timeRange.value = [5, 25];
    assert.deepEqual(
      applyFilters(stores.timeline.packets, stores.filters).map(({ packet }) => packet.event),
      ['a', 'b'],
    );
    const buckets = trafficBuckets(stores.timeline.packets, 10);
    assert.equal(buckets.length, 10);
    assert.deepEqual(
      buckets.map(({ sent, received }) => [sent, received]),
      [
        [0, 1],
        [1, 0],
        [0, 1],
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
        [1, 0],
      ],
    );
  });

  it('leaves out what arrives while recording is paused, even when replayed later', () => {
    const stores = createPanelStores();
    applyMessage(stores.capture, records([[1, 'received', open]]));
    stores.capture.recording.value = false;
    applyMessage(stores.capture, records([[2, 'sent', '42["while paused"]']], 1));
    stores.capture.recording.value = true;
    applyMessage(
      stores.capture,
      records([
        [1, 'received', open],
        [2, 'sent', '42["while paused"]'],
        [3, 'sent', '42["after"]'],
      ]),
    );
    syncTimeline(stores.timeline, stores.capture);
    assert.deepEqual(
      stores.timeline.packets.map(({ packet }) => packet.event ?? packet.eioType),
      ['open', 'after'],
    );
  });
});
