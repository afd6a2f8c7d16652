import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESSAGE_PROTOCOL_VERSION, type PageRecord, type RelayedEntry } from '../../src/messages';
import { BATCH_OVERHEAD_BYTES, createBacklog, heapBytes, relayed } from '../../src/content/backlog';
import { readBatchHead } from '../../src/page-batch';
import { createBatchReader } from '../../src/panel/read-batches';
import { batchText } from '../page/batch-text';

function frame(text: string, time = 0): PageRecord {
  return {
    kind: 'frame',
    connection: 'ws1',
    transport: 'websocket',
    url: 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket',
    direction: 'received',
    payload: { text, size: text.length, truncated: false },
    time,
  };
}

/** A batch as the hook posts it (see src/page/batches.ts); `count` may say otherwise than the records, as a page could. */
function batch(records: unknown[], { head = false, count = records.length } = {}): string {
  const frames = Math.min(count, records.filter((record) => (record as PageRecord | null)?.kind === 'frame').length);
  return batchText(records, { version: MESSAGE_PROTOCOL_VERSION, count, frames, head });
}

type Backlog = ReturnType<typeof createBacklog>;
const append = (backlog: Backlog, text: string) => backlog.append(text, readBatchHead(text));

/** What a panel reads of the backlog's replay (see src/panel/read-batches.ts), and what it counts as dropped. */
function replayed(backlog: Backlog, readBatches = createBatchReader(), from = 0) {
  const batches = backlog.all(from);
  const version = MESSAGE_PROTOCOL_VERSION;
  const message = { type: 'batches', version, tabId: 1, frameId: 0, documentId: 'd', batches, dropped: 0 } as const;
  return readBatches({ ...message, kept: false });
}
const all = (backlog: Backlog, from = 0) => replayed(backlog, undefined, from).records;

/** The entries as text: a frame's payload, a gap as `gap from-to (count/frames)`. */
const shown = (entries: RelayedEntry[]) =>
  entries.map((entry) =>
    entry.kind === 'gap'
      ? `gap ${entry.from}-${entry.to} (${entry.count}/${entry.frames})`
      : entry.kind === 'frame'
        ? `${entry.seq}:${entry.payload.text}`
        : `${entry.seq}:${entry.kind}`,
  );

/** A budget that fits `batches` tail batches of this text exactly, besides nothing in the head. */
const budgetFor = (text: string, batches: number) => heapBytes(text) * batches;

describe('relay backlog', () => {
  it('numbers records in order across batches and keeps them all within its budget', () => {
    const backlog = createBacklog(1_000_000);
    const first = append(backlog, batch([frame('a'), frame('b')]))!;
    const second = append(backlog, batch([frame('c')]))!;
    assert.deepEqual([relayed(first).firstSeq, relayed(second).firstSeq], [0, 2]);
    assert.deepEqual(shown(all(backlog)), ['0:a', '1:b', '2:c']);
    assert.equal(backlog.takeDropped(), 0);
  });

  it('counts a string in which any character is beyond Latin-1 at two bytes a character, besides each batch', () => {
    assert.equal(heapBytes('abc é'), 5 + BATCH_OVERHEAD_BYTES);
    assert.equal(heapBytes('abc €'), 10 + BATCH_OVERHEAD_BYTES);
  });

  it('lets the oldest tail batches go beyond the budget, keeps the head, and replays a gap at their place', () => {
    const open: PageRecord = { kind: 'open', connection: 'ws1', transport: 'websocket', url: 'ws://x/', time: 0 };
    const tailText = batch([frame('x'.repeat(100))]);
    const budget = budgetFor(tailText, 8);
    const backlog = createBacklog(budget);
    append(backlog, batch([open, frame('0{"sid":"a"}'), frame('40')], { head: true }));
    for (let index = 0; index < 20; index++) append(backlog, batch([frame(`${index}`.padEnd(100, 'x'))]));
    const entries = shown(all(backlog)).map((text) => text.slice(0, 13));
    const kept = entries.length - 4;
    const expected = [
      '0:open',
      '1:0{"sid":"a"}',
      '2:40',
      `gap 3-${22 - kept} (${20 - kept}/${20 - kept})`,
      ...Array.from({ length: kept }, (_, index) => `${23 - kept + index}:${20 - kept + index}`.padEnd(13, 'x')),
    ];
    assert.deepEqual(
      entries,
      expected.map((text) => text.slice(0, 13)),
    );
    assert.ok(kept >= 6, `the tail keeps what fits: ${kept} batches`);
    assert.ok(backlog.usedBytes() <= budget);
  });

  it('keeps the head within its quarter of the budget, its oldest batches going first', () => {
    const headText = batch([frame('h'.repeat(100))], { head: true });
    const backlog = createBacklog(heapBytes(headText) * 8);
    for (let index = 0; index < 4; index++)
      append(backlog, batch([frame(`${index}`.padEnd(100, 'h'))], { head: true }));
    assert.deepEqual(
      shown(all(backlog)).map((text) => text.slice(0, 13)),
      ['gap 0-1 (2/2)', '2:2hhhhhhhhhh', '3:3hhhhhhhhhh'],
    );
  });

  it('merges what goes in a row into one gap, and splits gaps at the head batches it keeps', () => {
    const tailText = batch([frame('t'.repeat(200), 1)]);
    const backlog = createBacklog(budgetFor(tailText, 8));
    append(backlog, batch([frame('t'.repeat(200), 1)]));
    append(backlog, batch([frame('head a', 2)], { head: true }));
    append(backlog, batch([frame('t'.repeat(200), 3), frame('t'.repeat(200), 3)]));
    append(backlog, batch([frame('head b', 4)], { head: true }));
    for (let index = 0; index < 12; index++) append(backlog, batch([frame('t'.repeat(200), 5 + index)]));
    const entries = all(backlog);
    const texts = shown(entries).map((text) => text.slice(0, 14));
    const firstKept = 17 - (texts.length - 5);
    assert.deepEqual(texts.slice(0, 5), [
      'gap 0-0 (1/1)',
      '1:head a',
      'gap 2-3 (2/2)',
      '4:head b',
      `gap 5-${firstKept - 1} (${firstKept - 5}/${firstKept - 5})`,
    ]);
    assert.deepEqual(
      entries.slice(5).map((entry) => entry.seq),
      Array.from({ length: 17 - firstKept }, (_, index) => firstKept + index),
    );
    const gaps = entries.filter((entry) => entry.kind === 'gap');
    assert.deepEqual(
      gaps.map((gap) => gap.time),
      [1, 3, 5],
      'a gap is placed at the time of its first record',
    );
    assert.ok(gaps[1].chars > 400, 'a gap counts the characters of the batches it stands for');
  });

  it('takes a lower budget (a smaller share) at once, and lets a batch larger than the budget go as it comes', () => {
    const text = batch([frame('y'.repeat(1000))]);
    const backlog = createBacklog(budgetFor(text, 4));
    for (let index = 0; index < 4; index++) append(backlog, text);
    assert.deepEqual(shown(all(backlog)).length, 4, 'four fit');
    backlog.setBudget(budgetFor(text, 2) + 200);
    assert.deepEqual(
      shown(all(backlog)).map((entry) => entry.slice(0, 13)),
      ['gap 0-1 (2/2)', '2:yyyyyyyyyyy', '3:yyyyyyyyyyy'],
    );
    const huge = append(backlog, batch([frame('z'.repeat(10_000))]))!;
    assert.equal(relayed(huge).firstSeq, 4, 'still numbered, for the relay that streams it');
    assert.deepEqual(
      shown(all(backlog)).map((entry) => entry.slice(0, 13)),
      ['gap 0-1 (2/2)', '2:yyyyyyyyyyy', '3:yyyyyyyyyyy', 'gap 4-4 (1/1)'],
    );
  });

  it('tells what it keeps from a record on (what it kept for a holding panel), a gap begun before from that record', () => {
    const text = batch([frame('y'.repeat(1000)), frame('y'.repeat(1000))]);
    const backlog = createBacklog(budgetFor(text, 3));
    for (let index = 0; index < 5; index++) append(backlog, text);
    const kept = (from: number) => shown(all(backlog, from)).map((entry) => entry.slice(0, 6));
    assert.deepEqual(kept(0), ['gap 0-', '6:yyyy', '7:yyyy', '8:yyyy', '9:yyyy']);
    assert.deepEqual(shown(all(backlog, 3))[0], 'gap 3-5 (3/3)');
    assert.deepEqual(kept(3).slice(1), kept(0).slice(1));
    assert.deepEqual(kept(8), ['8:yyyy', '9:yyyy']);
    assert.deepEqual(kept(10), []);
  });

  it('counts messages without a batch head as dropped; a panel counts malformed records once, keeping the valid ones', () => {
    const backlog = createBacklog(1_000_000);
    assert.equal(append(backlog, '{"type":"records"'), undefined);
    assert.equal(backlog.append({ type: 'records' }, undefined), undefined);
    append(backlog, batch([frame('a'), { kind: 'nope' }, frame('b')]));
    assert.equal(backlog.takeDropped(), 2, 'two malformed messages');
    assert.equal(backlog.takeDropped(), 0);
    const readBatches = createBatchReader();
    const first = replayed(backlog, readBatches);
    const again = replayed(backlog, readBatches);
    assert.deepEqual(shown(first.records), ['0:a', '1:b']);
    assert.deepEqual(shown(again.records), ['0:a', '1:b']);
    assert.deepEqual([first.dropped, again.dropped], [1, 0], 'the malformed record counted once');
  });

  it('holds a page to the count its batch declared: extra records are dropped, numbers stay in order', () => {
    const backlog = createBacklog(1_000_000);
    append(backlog, batch([frame('a'), frame('b'), frame('c')], { count: 2 }));
    append(backlog, batch([frame('d')]));
    const read = replayed(backlog);
    assert.deepEqual(shown(read.records), ['0:a', '1:b', '2:d']);
    assert.equal(read.dropped, 1);
  });
});
