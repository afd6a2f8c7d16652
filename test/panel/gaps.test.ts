import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GapRecord, RelayedEntry } from '../../src/messages';
import { applyMessage, createCaptureStore } from '../../src/panel/store/capture';
import { createSeqSet } from '../../src/panel/store/seq-set';
import { recordsMessage } from './records';

function frame(seq: number): RelayedEntry {
  return {
    kind: 'frame',
    seq,
    time: seq,
    connection: 'ws1',
    transport: 'websocket',
    url: 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket',
    direction: 'received',
    payload: { text: `42["n",${seq}]`, size: 10, truncated: false },
  };
}

const gap = (from: number, to: number): GapRecord => ({
  kind: 'gap',
  seq: from,
  from,
  to,
  count: to - from + 1,
  frames: to - from + 1,
  chars: 100,
  time: from,
});

const records = (list: RelayedEntry[]) => recordsMessage(list, { documentId: 'doc' });

describe('gap records in the panel', () => {
  it('counts each seq a gap covers once, and none the panel already has', () => {
    const seen = createSeqSet();
    for (const seq of [0, 1, 2, 3, 4]) seen.add(seq);
    assert.equal(seen.addRange(5, 9), 5);
    assert.equal(seen.addRange(5, 9), 0, 'the same gap replayed again');
    seen.add(12);
    seen.add(13);
    assert.equal(seen.missing(), 2, '10 and 11 not seen yet');
    assert.equal(seen.addRange(5, 14), 3, 'grown: 10, 11 and 14 are new, 12 and 13 seen');
    assert.equal(seen.missing(), 0);
    assert.equal(seen.addRange(0, 3), 0, 'a gap over records the panel has');
    assert.equal(seen.addRange(20, 22), 3, 'above numbers that never came: those are given up');
    assert.equal(seen.missing(), 5, '15 to 19');
    assert.equal(seen.add(16), false, 'a given up number is left out if it ever comes');
  });

  it('shows a marker row at its place, counted as not kept rather than missing', () => {
    const store = createCaptureStore();
    applyMessage(store, records([frame(0), frame(1), gap(2, 6), frame(7), frame(8)]));
    assert.deepEqual(
      store.rows.map((row) => (row.kind === 'gap' ? `gap ${row.notKept}` : row.key)),
      ['doc:0', 'doc:1', 'gap 5', 'doc:7', 'doc:8'],
    );
    assert.equal(store.notKept.value, 5);
    assert.equal(store.missing.value, 0);
  });

  it('leaves out a gap over records the panel had before the backlog let them go (a replay after a restart)', () => {
    const store = createCaptureStore();
    applyMessage(store, records([0, 1, 2, 3].map(frame)));
    applyMessage(store, records([gap(0, 2), frame(3), frame(4)]));
    assert.equal(store.rows.filter((row) => row.kind === 'gap').length, 0);
    assert.equal(store.notKept.value, 0);
    assert.equal(store.missing.value, 0);
    assert.equal(store.rows.length, 5);
  });
});
