import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESSAGE_PROTOCOL_VERSION, type GapRecord } from '../../src/messages';
import { createBatchReader } from '../../src/panel/read-batches';
import { batchText } from '../page/batch-text';
import { wsFrame } from './records';

const version = MESSAGE_PROTOCOL_VERSION;
/** A WebSocket frame as the hook records it (the seq the helper adds is the panel's to set: it is set anew). */
const frame = (text: string) => wsFrame(0, 'received', text);
const text = (records: unknown[]) => batchText(records, { version, frames: records.length, time: 1 });
const message = (batches: unknown[], documentId = 'd') =>
  ({ type: 'batches', version, tabId: 1, frameId: 0, documentId, batches, dropped: 0 }) as never;
const gap: GapRecord = { kind: 'gap', seq: 2, from: 2, to: 4, count: 3, frames: 3, chars: 300, time: 1 };

describe('panel reading of relayed batches', () => {
  it('numbers the valid records of each batch from its first number, and passes gaps on', () => {
    const read = createBatchReader()(
      message([
        { kind: 'batch', firstSeq: 0, count: 2, text: text([frame('a'), frame('b')]) },
        gap,
        { kind: 'batch', firstSeq: 5, count: 1, text: text([frame('c')]) },
      ]),
    );
    assert.deepEqual(
      read.records.map((entry) => (entry.kind === 'gap' ? `gap ${entry.from}` : `${entry.seq}`)),
      ['0', '1', 'gap 2', '5'],
    );
    assert.equal(read.dropped, 0);
  });

  it('drops and counts entries that are neither a well-formed batch nor a consistent gap', () => {
    const bad = [
      null,
      'text',
      { kind: 'batch', firstSeq: -1, count: 1, text: text([frame('a')]) },
      { kind: 'batch', firstSeq: 0, count: 0, text: text([frame('a')]) },
      { kind: 'batch', firstSeq: 0, count: 1, text: 7 },
      { ...gap, count: 4 },
      { ...gap, seq: 3 },
      { ...gap, to: 1 },
      { ...gap, frames: 9 },
      { ...gap, time: 'now' },
    ];
    const read = createBatchReader()(message(bad));
    assert.deepEqual(read.records, []);
    assert.equal(read.dropped, bad.length);
  });

  it('counts the malformed records of a document once, however often its batches are replayed', () => {
    const readBatches = createBatchReader();
    const batches = [{ kind: 'batch', firstSeq: 0, count: 2, text: text([frame('a'), { kind: 'nope' }]) }];
    assert.equal(readBatches(message(batches)).dropped, 1);
    assert.equal(readBatches(message(batches)).dropped, 0);
    assert.equal(readBatches(message(batches, 'other')).dropped, 1, 'another document counts its own');
    const whole = [{ kind: 'batch', firstSeq: 2, count: 1, text: '{"type":"records"' }];
    assert.equal(readBatches(message(whole)).dropped, 1, 'a batch that is not JSON counts once');
  });
});
