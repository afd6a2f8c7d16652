// The capture store keeps a plain text frame as its text (its record made when read) and any other record whole:
// every reader reads the record it was given, with its key, time, frame and document.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RelayedRecord } from '../../src/messages';
import { applyMessage, createCaptureStore } from '../../src/panel/store/capture';
import { recordsMessage } from './records';

const WS = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket';
const POLLING = 'http://127.0.0.1/socket.io/?EIO=4&transport=polling';

type FrameRecord = Extract<RelayedRecord, { kind: 'frame' }>;

const text = (seq: number, direction: 'sent' | 'received', data: string, url = WS): FrameRecord => ({
  kind: 'frame',
  seq,
  time: 1000.25 + seq,
  connection: 'ws1',
  transport: 'websocket',
  url,
  direction,
  payload: { text: data, size: data.length, truncated: false },
});

/** The rows of these records, captured from document `doc` in frame 3, each with a copy of the record it came from. */
function captured(records: RelayedRecord[]) {
  const store = createCaptureStore();
  const copies = structuredClone(records);
  applyMessage(store, recordsMessage(records, { documentId: 'doc', frameId: 3 }));
  return { rows: store.rows, copies };
}

describe('capture rows', () => {
  it('give back each record as it came, with its key, time, frame and document', () => {
    const intercept = { mark: 'edited' as const, heldMs: 4, original: { text: '42["a"]', size: 7, truncated: false } };
    const records: RelayedRecord[] = [
      { kind: 'open', seq: 0, time: 999, connection: 'ws1', transport: 'websocket', url: WS },
      text(1, 'received', '0{"sid":"s"}'),
      text(2, 'sent', '42["chat","hi 🎉"]'),
      text(3, 'received', '42["chat","there"]', `${WS}&t=2`),
      { ...text(4, 'sent', '42["b"]'), injected: true },
      { ...text(5, 'sent', '42["b"]'), intercept },
      { ...text(6, 'received', '42["cut'), payload: { text: '42["cut', size: 4_000_000, truncated: true } },
      { ...text(7, 'received', ''), payload: { base64: 'AQID', size: 3, truncated: false } },
      {
        ...text(8, 'received', '4hello'),
        connection: 'poll1',
        transport: 'polling',
        url: POLLING,
        method: 'GET',
        status: 200,
      },
      {
        kind: 'close',
        seq: 9,
        time: 2000,
        connection: 'ws1',
        transport: 'websocket',
        code: 1000,
        reason: '',
        wasClean: true,
      },
    ];
    const { rows, copies } = captured(records);
    assert.equal(rows.length, copies.length);
    rows.forEach((row, at) => {
      assert.equal(row.kind, 'record');
      if (row.kind !== 'record') return;
      assert.deepEqual(row.record, copies[at], `record ${at}`);
      assert.deepEqual(
        [row.key, row.time, row.frameId, row.documentId],
        [`doc:${copies[at].seq}`, copies[at].time, 3, 'doc'],
      );
    });
  });

  it('keep a frame that is not plain text, and any other record, as the object it came as', () => {
    const open: RelayedRecord = { kind: 'open', seq: 0, time: 1, connection: 'ws1', transport: 'websocket', url: WS };
    const binary = { ...text(1, 'received', ''), payload: { base64: 'AQID', size: 3, truncated: false } };
    const { rows } = captured([open, binary]);
    assert.deepEqual(
      rows.map((row) => row.kind === 'record' && row.record),
      [open, binary],
    );
    assert.equal(rows[1].kind === 'record' && rows[1].record, binary);
  });

  it('give one record to a reader reading a text frame field by field', () => {
    const { rows } = captured([text(0, 'sent', '42["a"]'), text(1, 'received', '42["b"]')]);
    const [first, second] = rows;
    if (first.kind !== 'record' || second.kind !== 'record') throw new Error('records expected');
    assert.equal(first.record, first.record);
    assert.notEqual(first.record, second.record);
    assert.equal(first.record.kind === 'frame' && first.record.payload.text, '42["a"]');
  });

  it('keep each its own document and connection, whatever characters their names share', () => {
    const store = createCaptureStore();
    const send = (documentId: string, connection: string, seq: number) =>
      applyMessage(store, recordsMessage([{ ...text(seq, 'sent', '42["a"]'), connection }], { documentId }));
    send('a b', 'c', 0);
    send('a', 'b c', 1);
    assert.deepEqual(
      store.rows.map((row) => row.kind === 'record' && [row.key, row.documentId, row.record.connection]),
      [
        ['a b:0', 'a b', 'c'],
        ['a:1', 'a', 'b c'],
      ],
    );
  });
});
