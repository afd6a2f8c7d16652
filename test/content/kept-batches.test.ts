import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBacklog, heapBytes } from '../../src/content/backlog';
import { createKeptBatches, KEEP_AFTER_SENDING, KEEP_AT_MOST } from '../../src/content/kept-batches';
import { MESSAGE_PROTOCOL_VERSION, type GapRecord, type RelayedBatch } from '../../src/messages';
import { readBatchHead } from '../../src/page-batch';
import { batchText } from '../page/batch-text';

/** A batch of one frame of about `chars` characters, as the hook posts it. */
const batch = (chars: number) =>
  batchText(
    [
      {
        kind: 'frame',
        connection: 'ws1',
        transport: 'websocket',
        url: 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket',
        direction: 'received',
        payload: { text: 'x'.repeat(chars), size: chars, truncated: false },
        time: 0,
      },
    ],
    { version: MESSAGE_PROTOCOL_VERSION, count: 1, frames: 1, head: false },
  );

const seqs = (entries: (RelayedBatch | GapRecord)[]) =>
  entries.map((entry) => (entry.kind === 'batch' ? entry.firstSeq : `gap ${entry.from}-${entry.to}`));

describe("a relay's batches kept for holding panels", () => {
  it('sends every one it kept once asked, in order, the ones sent before left out', () => {
    const backlog = createBacklog(1_000_000);
    const kept = createKeptBatches(backlog);
    const text = batch(100);
    for (let index = 0; index < 3; index++) backlog.append(text, readBatchHead(text)); // sent as they came
    for (let index = 0; index < 4; index++) assert.equal(kept.keep(backlog.append(text, readBatchHead(text))!), false);
    assert.deepEqual(seqs(kept.take()), [3, 4, 5, 6]);
    assert.deepEqual(kept.take(), [], 'kept no more');
  });

  it('says when they near the room the backlog leaves them, and then gives up their oldest, none let go', () => {
    const text = batch(1000);
    const backlog = createBacklog(heapBytes(text) * 20);
    const kept = createKeptBatches(backlog);
    for (let index = 0; index < 10; index++) backlog.append(text, readBatchHead(text)); // sent before the hold
    let appended = 0;
    let full = false;
    while (!full) {
      full = kept.keep(backlog.append(text, readBatchHead(text))!);
      appended++;
    }
    const atMost = Math.floor(20 * KEEP_AT_MOST);
    assert.ok(appended > atMost - 2 && appended <= atMost + 1, `said once ${appended} of 20 batches' room were kept`);
    const first = seqs(kept.take(KEEP_AFTER_SENDING));
    assert.deepEqual(
      first,
      Array.from({ length: first.length }, (_, index) => 10 + index),
      'the oldest, no gap',
    );
    const left = appended - first.length;
    assert.ok(left <= 20 * KEEP_AFTER_SENDING && left > 20 * KEEP_AFTER_SENDING - 2, `${left} left kept`);
    assert.deepEqual(
      seqs(kept.take()),
      Array.from({ length: left }, (_, index) => 10 + first.length + index),
    );
  });

  it('tells a gap where the backlog let a kept batch go (its budget lowered), and keeps nothing once cleared', () => {
    const text = batch(1000);
    const backlog = createBacklog(heapBytes(text) * 10);
    const kept = createKeptBatches(backlog);
    for (let index = 0; index < 4; index++) kept.keep(backlog.append(text, readBatchHead(text))!);
    backlog.setBudget(heapBytes(text) * 2.5);
    assert.deepEqual(seqs(kept.take()), ['gap 0-1', 2, 3]);
    kept.keep(backlog.append(text, readBatchHead(text))!);
    kept.clear();
    assert.deepEqual(kept.take(), []);
  });
});
