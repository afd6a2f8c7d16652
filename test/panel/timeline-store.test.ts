import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESSAGE_PROTOCOL_VERSION, type RelayedRecord } from '../../src/messages';
import type { PanelMessage } from '../../src/panel/bridge';
import { applyMessage, clearCapture } from '../../src/panel/store/capture';
import { applyFilters } from '../../src/panel/store/filters';
import { createPanelStores } from '../../src/panel/store';
import { answeredBy, answers, packetBySeq, syncTimeline, type TimelineEntry } from '../../src/panel/store/timeline';
import { trafficBuckets } from '../../src/panel/traffic';

const url = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket';

function records(list: [number, 'sent' | 'received', string][], seqFrom = 0): PanelMessage {
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

/** What each entry is: a packet's event name or Engine.IO type, or a marker's text. */
const names = (entries: readonly TimelineEntry[]) =>
  entries.map((entry) => (entry.kind === 'marker' ? entry.text : (entry.packet.event ?? entry.packet.eioType)));

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
    const first = stores.timeline.entries[1];
    applyMessage(stores.capture, records([[3, 'sent', '42["b",2]']], 2));
    syncTimeline(stores.timeline, stores.capture);
    assert.equal(stores.timeline.entries[1], first, 'earlier packets are kept, not decoded again');
    assert.deepEqual(names(stores.timeline.entries), ['open', 'a', 'b']);
    clearCapture(stores.capture);
    syncTimeline(stores.timeline, stores.capture);
    assert.equal(stores.timeline.entries.length, 0);
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
    assert.deepEqual(
      stores.timeline.events.top().map(({ name, count, bytes, lastSeen }) => ({ name, count, bytes, lastSeen })),
      [
        { name: 'chat', count: 2, bytes: 25, lastSeen: 5 },
        { name: 'typing', count: 1, bytes: 12, lastSeen: 6 },
      ],
    );
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
    assert.deepEqual(names(applyFilters(stores.timeline.entries, stores.filters)), ['a', 'b']);
    const buckets = trafficBuckets(stores.timeline.entries, 10);
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
    assert.deepEqual(names(stores.timeline.entries), ['open', 'after']);
  });

  it('lets the oldest packets go beyond its maximum, in chunks, counted, keeping order, pairs and counts', () => {
    const stores = createPanelStores();
    const { capture, timeline } = stores;
    timeline.maxEntries.value = 100;
    applyMessage(capture, records([[0, 'received', open]]));
    syncTimeline(timeline, capture);
    const kept = timeline.entries[0];
    // 150 emits with acks: 301 packets in all, fed in batches as a live page would.
    for (let n = 0; n < 150; n++) {
      applyMessage(
        capture,
        records(
          [
            [1 + n * 2, 'sent', `42${n}["ask",${n}]`],
            [2 + n * 2, 'received', `43${n}[${n}]`],
          ],
          1 + n * 2,
        ),
      );
      if (n % 10 === 9) syncTimeline(timeline, capture);
    }
    syncTimeline(timeline, capture);
    const { entries } = timeline;
    assert.ok(entries.length <= 100, `at most 100 kept, ${entries.length} are`);
    assert.equal(timeline.evicted.value + entries.length, 301, 'every packet is kept or counted as let go');
    assert.ok(!entries.includes(kept), 'the oldest went first');
    const indexes = entries.map((entry) => entry.index);
    assert.deepEqual(
      indexes,
      [...indexes].sort((a, b) => a - b),
      'in order',
    );
    assert.equal(indexes.at(-1), 300, 'the newest are kept');
    // Rows of the packets let go are released from the capture too, and nothing was decoded afresh.
    assert.equal(capture.releasedRows + capture.rows.length, 301);
    assert.ok(capture.releasedRows > 0);
    assert.equal(capture.rows[0].time, entries[0].kind === 'packet' ? entries[0].packet.time : -1);
    const last = entries.at(-1)!;
    assert.ok(last.kind === 'packet' && last.packet.sioType === 'ACK');
    const asked = answers(timeline, last);
    assert.equal(asked?.packet.event, 'ask', 'an ACK still finds its EVENT');
    assert.equal(answeredBy(timeline, asked), last, 'and the EVENT its ACK');
    const first = entries.find((entry) => entry.kind === 'packet')!;
    assert.equal(packetBySeq(timeline, first.session.id, first.packet.seq), first, 'a kept packet is found by number');
    assert.equal(packetBySeq(timeline, first.session.id, first.packet.seq - 1), undefined, 'one let go is not');
    const counted = timeline.events.top();
    assert.equal(counted.length, 1);
    assert.equal(counted[0].count, entries.filter((entry) => entry.kind === 'packet' && entry.packet.event).length);
  });

  it('evicts again, without decoding afresh, when its maximum is lowered', () => {
    const stores = createPanelStores();
    const { capture, timeline } = stores;
    applyMessage(
      capture,
      records(Array.from({ length: 50 }, (_, n): [number, 'sent', string] => [n, 'sent', `42["e${n}"]`])),
    );
    syncTimeline(timeline, capture);
    const newest = timeline.entries.at(-1);
    timeline.maxEntries.value = 20;
    syncTimeline(timeline, capture);
    assert.equal(timeline.entries.length, 19, 'a hundredth more than needed goes, so the next cut is later');
    assert.equal(timeline.evicted.value, 31);
    assert.equal(timeline.entries.at(-1), newest, 'the kept entries are the same objects');
    assert.equal(timeline.events.names, 19, 'names whose packets all went leave the counts');
    clearCapture(capture);
    syncTimeline(timeline, capture);
    assert.equal(timeline.evicted.value, 0, 'Clear starts the count afresh');
  });

  it('shows navigations and records it cannot decode as markers among the packets', () => {
    const stores = createPanelStores();
    const { capture, timeline } = stores;
    capture.preserveLog.value = true;
    const page = (documentId: string, startedAt: number): PanelMessage => ({
      type: 'document',
      version: MESSAGE_PROTOCOL_VERSION,
      tabId: 1,
      frameId: 0,
      document: { documentId, url: `http://127.0.0.1/${documentId}`, title: '', startedAt },
    });
    applyMessage(capture, page('first', 0));
    applyMessage(capture, records([[1, 'received', open]]));
    applyMessage(capture, page('second', 5));
    syncTimeline(timeline, capture);
    const decode = timeline.tracker.add;
    timeline.tracker.add = () => {
      throw new Error('cannot read this');
    };
    applyMessage(capture, records([[6, 'sent', '42["x"]']], 1));
    syncTimeline(timeline, capture);
    timeline.tracker.add = decode;
    assert.deepEqual(names(timeline.entries), [
      'open',
      'Navigated to http://127.0.0.1/second',
      'A record could not be decoded: cannot read this',
    ]);
    stores.filters.chips.value = new Set(['received']);
    assert.deepEqual(names(stores.shown.value.entries), [
      'open',
      'Navigated to http://127.0.0.1/second',
      'A record could not be decoded: cannot read this',
    ]);
  });

  it('derives the shown entries incrementally while the filters stay, and afresh when they change', () => {
    const stores = createPanelStores();
    const { capture, timeline, filters, shown } = stores;
    timeline.maxEntries.value = 1000;
    filters.text.value = 'keep';
    let seq = 0;
    const batch = (count: number) => {
      const list = Array.from({ length: count }, (_, n): [number, 'sent', string] => [
        seq + n,
        'sent',
        `42["${(seq + n) % 3 === 0 ? 'keep' : 'drop'}",${seq + n}]`,
      ]);
      applyMessage(capture, records(list, seq));
      seq += count;
      syncTimeline(timeline, capture);
    };
    const expected = () =>
      timeline.entries
        .filter((entry) => entry.kind === 'packet' && entry.packet.event === 'keep')
        .map((entry) => entry.index);
    for (let round = 0; round < 30; round++) {
      batch(100);
      const { entries, total } = shown.value;
      assert.deepEqual(
        entries.map((entry) => entry.index),
        expected(),
        `round ${round}`,
      );
      assert.equal(total, timeline.entries.length);
    }
    assert.ok(timeline.evicted.value > 0, 'the oldest went meanwhile');
    filters.text.value = '';
    assert.equal(shown.value.entries, timeline.entries, 'without a filter, the list itself');
  });
});
