import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESSAGE_PROTOCOL_VERSION, type RelayedRecord } from '../../src/messages';
import type { PanelMessage } from '../../src/panel/bridge';
import {
  applyMessage,
  clearCapture,
  createCaptureStore,
  loadCapture,
  setRecording,
  topFrameUrl,
} from '../../src/panel/store/capture';
import { RECENT_DOCUMENTS } from '../../src/panel/recent-documents';
import { createSeqSet } from '../../src/panel/store/seq-set';
import { recordsMessage } from './records';

const version = MESSAGE_PROTOCOL_VERSION;

function frame(seq: number, time: number, text: string): RelayedRecord {
  return {
    kind: 'frame',
    seq,
    time,
    connection: 'ws1',
    transport: 'websocket',
    url: 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket',
    direction: 'sent',
    payload: { text, size: text.length, truncated: false },
  };
}

function records(documentId: string, list: RelayedRecord[], dropped = 0): PanelMessage {
  return recordsMessage(list, { documentId, dropped });
}

describe('capture store', () => {
  it('keeps each record once when a backlog is replayed after a reconnect', () => {
    const store = createCaptureStore();
    applyMessage(store, records('doc', [frame(0, 10, '2'), frame(1, 11, '3')]));
    applyMessage(store, records('doc', [frame(0, 10, '2'), frame(1, 11, '3'), frame(2, 12, '42["a"]')]));
    assert.deepEqual(
      store.rows.map((row) => row.key),
      ['doc:0', 'doc:1', 'doc:2'],
    );
    assert.equal(store.duplicates.value, 2);
  });

  it('puts records that arrive late (a replay behind live traffic) in time order', () => {
    const store = createCaptureStore();
    applyMessage(store, records('doc', [frame(2, 30, 'live')]));
    applyMessage(store, records('doc', [frame(0, 10, 'first'), frame(1, 20, 'second'), frame(2, 30, 'live')]));
    assert.deepEqual(
      store.rows.map((row) => row.key),
      ['doc:0', 'doc:1', 'doc:2'],
    );
  });

  it('counts the records a backlog let go before the panel asked, and those a later replay brings back', () => {
    const store = createCaptureStore();
    // The backlog had evicted records 0-4: the replay starts at 5.
    applyMessage(store, records('doc', [frame(5, 50, 'a'), frame(6, 60, 'b')]));
    assert.equal(store.missing.value, 5);
    applyMessage(store, records('other', [frame(0, 70, 'c')]));
    assert.equal(store.missing.value, 5);
    // Records 7-8 were lost on the way (a dropped port), then a replay brings them.
    applyMessage(store, records('doc', [frame(9, 90, 'e')]));
    assert.equal(store.missing.value, 7);
    applyMessage(store, records('doc', [frame(7, 70, 'c'), frame(8, 80, 'd'), frame(9, 90, 'e')]));
    assert.equal(store.missing.value, 5);
  });

  it('tells records of different documents apart and counts what the relay dropped', () => {
    const store = createCaptureStore();
    applyMessage(store, records('before-reload', [frame(0, 10, 'a')]));
    applyMessage(store, records('after-reload', [frame(0, 20, 'b')], 3));
    assert.deepEqual(
      store.rows.map((row) => row.key),
      ['before-reload:0', 'after-reload:0'],
    );
    assert.equal(store.dropped.value, 3);
  });

  it('learns the documents of the tab', () => {
    const store = createCaptureStore();
    const document = { documentId: 'doc', url: 'http://127.0.0.1/', title: 'chat', startedAt: 1 };
    applyMessage(store, { type: 'document', version, tabId: 1, frameId: 0, document });
    assert.deepEqual(store.documents.value.get('doc'), { ...document, frameId: 0 });
  });

  const page = (documentId: string, startedAt: number, frameId = 0): PanelMessage => ({
    type: 'document',
    version,
    tabId: 1,
    frameId,
    document: { documentId, url: `http://127.0.0.1/${documentId}`, title: '', startedAt },
  });

  it('clears the earlier page on a navigation of the top frame, without preserve log', () => {
    const store = createCaptureStore();
    applyMessage(store, page('first', 0));
    applyMessage(store, records('first', [frame(0, 10, 'before')]));
    applyMessage(store, page('iframe', 5, 3));
    applyMessage(store, page('second', 100));
    applyMessage(store, records('second', [frame(0, 110, 'after')]));
    assert.deepEqual(
      store.rows.map((row) => row.key),
      ['second:0'],
    );
  });

  it('keeps the earlier page and marks the navigation, with preserve log', () => {
    const store = createCaptureStore();
    store.preserveLog.value = true;
    applyMessage(store, page('first', 0));
    applyMessage(store, records('first', [frame(0, 10, 'before')]));
    applyMessage(store, page('second', 100));
    applyMessage(store, records('second', [frame(0, 110, 'after')]));
    assert.deepEqual(
      store.rows.map((row) => row.key),
      ['first:0', 'navigation:second', 'second:0'],
    );
    const navigation = store.rows[1];
    assert.equal(navigation.kind === 'navigation' && navigation.url, 'http://127.0.0.1/second');
  });

  it('clears on demand, and a later replay does not bring cleared records back', () => {
    const store = createCaptureStore();
    applyMessage(store, records('doc', [frame(0, 10, 'a')]));
    clearCapture(store);
    applyMessage(store, records('doc', [frame(0, 10, 'a'), frame(1, 20, 'b')]));
    assert.deepEqual(
      store.rows.map((row) => row.key),
      ['doc:1'],
    );
  });

  it("places what the page's relay kept and still sends before a Clear or a Pause, as the flood hold tells", () => {
    const store = createCaptureStore();
    applyMessage(store, records('doc', [frame(0, 10, 'a')]));
    clearCapture(store, new Map([['doc', 3]])); // records 1 and 2 were kept by the relay: on their way
    applyMessage(store, records('doc', [frame(1, 20, 'b'), frame(2, 30, 'c'), frame(3, 40, 'd')]));
    assert.deepEqual(
      store.rows.map((row) => row.key),
      ['doc:3'],
      'those that came before the Clear are left out',
    );
    setRecording(store, false, new Map([['doc', 6]]));
    applyMessage(store, records('doc', [frame(4, 50, 'e'), frame(5, 60, 'f'), frame(6, 70, 'g')]));
    assert.deepEqual(
      store.rows.map((row) => row.key),
      ['doc:3', 'doc:4', 'doc:5'],
      'those that came before the Pause are recorded, the later ones not',
    );
    setRecording(store, true);
    applyMessage(store, records('doc', [frame(7, 80, 'h')]));
    assert.deepEqual(store.rows.at(-1)?.key, 'doc:7');
  });

  it('shows an imported file alone: live records are left out until Clear', () => {
    const store = createCaptureStore();
    const imported = {
      kind: 'record' as const,
      key: 'import:f:0',
      time: 5,
      frameId: 0,
      documentId: 'import:f',
      record: frame(0, 5, 'from the file'),
    };
    loadCapture(store, [imported], 'f');
    applyMessage(store, records('live', [frame(0, 1, 'live')]));
    assert.deepEqual(
      store.rows.map((row) => row.key),
      ['import:f:0'],
    );
    clearCapture(store);
    applyMessage(store, records('live', [frame(1, 2, 'live again')]));
    assert.deepEqual(
      store.rows.map((row) => row.key),
      ['live:1'],
    );
  });

  it('remembers the record numbers seen in little memory, giving up a gap that too many wait behind', () => {
    const seen = createSeqSet(3);
    for (const seq of [0, 1, 5, 6, 7]) assert.equal(seen.add(seq), true);
    assert.equal(seen.add(6), false, 'a number seen is seen');
    assert.equal(seen.missing(), 3);
    assert.equal(seen.add(8), true); // a fourth number waits behind the gap 2-4: the gap is given up
    assert.equal(seen.missing(), 3, 'the numbers given up stay missing');
    assert.equal(seen.add(3), false, 'and are left out if they come');
    assert.equal(seen.add(9), true);
    assert.equal(seen.missing(), 3);
  });

  it('counts the numbers seen below a number, those above a gap too', () => {
    const seen = createSeqSet();
    for (const seq of [0, 1, 2, 5, 7]) seen.add(seq);
    assert.deepEqual(
      [0, 2, 3, 5, 6, 8, 100].map((to) => seen.countBelow(to)),
      [0, 2, 3, 3, 4, 5, 5],
    );
    seen.addRange(3, 4); // a gap record: those will never come, taken as seen
    assert.equal(seen.countBelow(8), 7);
  });

  it('forgets documents no row refers to beyond RECENT_DOCUMENTS, keeping their status counts and the top page', () => {
    const store = createCaptureStore();
    applyMessage(store, page('top', 0));
    /** An iframe's document that sends one record, and says it caught one failure. */
    const iframe = (n: number) => {
      const documentId = `iframe${n}`;
      applyMessage(store, page(documentId, n + 1, 1));
      applyMessage(store, records(documentId, [frame(0, n + 1, '2')]));
      applyMessage(store, {
        type: 'status',
        version,
        tabId: 1,
        frameId: 1,
        documentId,
        captureErrors: { websocket: 1 },
        refusedCommands: 0,
      });
    };
    const failures = () =>
      [...store.status.value.values()].reduce((sum, status) => sum + (status.captureErrors.websocket ?? 0), 0);
    for (let n = 0; n < 3 * RECENT_DOCUMENTS; n++) iframe(n);
    assert.equal(store.documents.value.size, 3 * RECENT_DOCUMENTS + 1, 'documents its rows refer to stay');

    clearCapture(store);
    for (let n = 3 * RECENT_DOCUMENTS; n < 3 * RECENT_DOCUMENTS + 300; n++) iframe(n);
    const known = store.documents.value.size;
    assert.ok(known <= RECENT_DOCUMENTS + 300, `${known} documents known`);
    assert.ok(known > 300 + RECENT_DOCUMENTS / 2, 'the recent idle ones are still known');
    assert.equal(store.seen.size, known - 1, 'their numbers seen go with them');
    assert.equal(store.status.value.size, known, 'their status is summed in one entry');
    assert.equal(failures(), 3 * RECENT_DOCUMENTS + 300, 'every failure still counted');
    assert.equal(topFrameUrl(store.documents.value), 'http://127.0.0.1/top');

    const newest = `iframe${3 * RECENT_DOCUMENTS + 299}`;
    applyMessage(store, records(newest, [frame(0, 1, '2')]));
    assert.equal(store.duplicates.value, 1, "a recent document's replayed record is still seen twice");
  });
});
