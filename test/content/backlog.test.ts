import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESSAGE_PROTOCOL_VERSION, type PageRecord, type RelayedRecord } from '../../src/messages';
import { createBacklog } from '../../src/content/backlog';

function frame(text: string): PageRecord {
  return {
    kind: 'frame',
    connection: 'ws1',
    transport: 'websocket',
    url: 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket',
    direction: 'received',
    payload: { text, size: text.length, truncated: false },
    time: 0,
  };
}

/** A batch as the hook posts it (see channel.ts); `count` may say otherwise than the records, as a page could. */
function batch(records: unknown[], count = records.length): string {
  return JSON.stringify({ type: 'records', version: MESSAGE_PROTOCOL_VERSION, count, records });
}

const texts = (records: RelayedRecord[]) =>
  records.map((record) => (record.kind === 'frame' ? record.payload.text : record.kind));
const seqs = (records: { seq: number }[]) => records.map((record) => record.seq);

describe('relay backlog', () => {
  it('numbers records in order across batches and keeps them all within its limits', () => {
    const backlog = createBacklog({ maxRecords: 10, maxBytes: 1_000_000 });
    const first = backlog.append(batch([frame('a'), frame('b')]))!;
    const second = backlog.append(batch([frame('c')]))!;
    assert.deepEqual(seqs(backlog.read(first)), [0, 1]);
    assert.deepEqual(seqs(backlog.read(second)), [2]);
    assert.deepEqual(seqs(backlog.all()), [0, 1, 2]);
    assert.deepEqual(texts(backlog.all()), ['a', 'b', 'c']);
    assert.equal(backlog.takeDropped(), 0);
  });

  it('evicts the oldest records beyond the count limit, within a batch too (their numbers show how many went)', () => {
    const backlog = createBacklog({ maxRecords: 3, maxBytes: 1_000_000 });
    backlog.append(batch(['1', '2'].map(frame)));
    backlog.append(batch(['3', '4', '5'].map(frame)));
    assert.deepEqual(seqs(backlog.all()), [2, 3, 4]);
    backlog.append(batch(['6', '7'].map(frame)));
    assert.deepEqual(seqs(backlog.all()), [4, 5, 6]);
    assert.deepEqual(texts(backlog.all()), ['5', '6', '7']);
  });

  it('evicts the oldest batches beyond the byte limit, keeping at least the newest', () => {
    const x = batch([frame('x'.repeat(150))]);
    const backlog = createBacklog({ maxRecords: 100, maxBytes: 2 * x.length });
    backlog.append(x);
    backlog.append(batch([frame('y'.repeat(150))]));
    backlog.append(batch([frame('z'.repeat(150))]));
    assert.deepEqual(seqs(backlog.all()), [1, 2]);
    backlog.append(batch([frame('w'.repeat(5000))]));
    assert.deepEqual(seqs(backlog.all()), [3]);
  });

  it('applies lower limits at once when the settings change', () => {
    const backlog = createBacklog({ maxRecords: 100, maxBytes: 1_000_000 });
    backlog.append(batch(['1', '2', '3', '4'].map(frame)));
    backlog.setLimits({ maxRecords: 1, maxBytes: 1_000_000 });
    assert.deepEqual(seqs(backlog.all()), [3]);
  });

  it('counts malformed messages and records as dropped, once, and keeps the valid records of a batch', () => {
    const backlog = createBacklog({ maxRecords: 100, maxBytes: 1_000_000 });
    assert.equal(backlog.append('{"type":"records"'), undefined);
    assert.equal(backlog.append({ type: 'records' }), undefined);
    backlog.append(batch([frame('a'), { kind: 'nope' }, frame('b')]));
    assert.deepEqual(texts(backlog.all()), ['a', 'b']);
    assert.deepEqual(texts(backlog.all()), ['a', 'b']);
    assert.equal(backlog.takeDropped(), 3, 'two malformed messages and one record, each counted once');
    assert.equal(backlog.takeDropped(), 0);
  });

  it('holds a page to the count its batch declared: extra records are dropped, numbers stay in order', () => {
    const backlog = createBacklog({ maxRecords: 100, maxBytes: 1_000_000 });
    backlog.append(batch([frame('a'), frame('b'), frame('c')], 2));
    backlog.append(batch([frame('d')]));
    assert.deepEqual(seqs(backlog.all()), [0, 1, 2]);
    assert.deepEqual(texts(backlog.all()), ['a', 'b', 'd']);
    assert.equal(backlog.takeDropped(), 1);
  });
});
