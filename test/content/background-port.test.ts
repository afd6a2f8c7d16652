import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import type { createBackgroundPort as CreateBackgroundPort } from '../../src/content/background-port';
import { createBacklog, heapBytes } from '../../src/content/backlog';
import { createPollingSessions } from '../../src/content/sessions';
import { MESSAGE_PROTOCOL_VERSION, type ContentToBackground } from '../../src/messages';
import { readBatchHead } from '../../src/page-batch';
import { batchText } from '../page/batch-text';

/** What the relay posted to the background, in order. */
let posted: ContentToBackground[] = [];

/**
 * The relay's port runs in a content script: these stand in for its WebExtension API (a port that records what it is
 * given) and its document, before its module loads.
 */
function fakeContentScript(): void {
  const port = {
    postMessage: (message: ContentToBackground) => posted.push(structuredClone(message)),
    onDisconnect: { addListener: () => undefined },
    onMessage: { addListener: () => undefined },
  };
  const runtime = { id: 'test', connect: () => port };
  const document = { title: 'test' };
  Object.assign(globalThis, { chrome: { runtime }, browser: { runtime }, location: { href: 'http://127.0.0.1/' } });
  // The build defines __DEBUG__ (false but in debug builds).
  Object.assign(globalThis, { document, window: { document }, __DEBUG__: false });
}

let createBackgroundPort: typeof CreateBackgroundPort;

/** A batch of `records` frames as the hook hands it over, its first record taken in at `time`. */
const batch = (records: number, time: number) =>
  batchText(
    Array.from({ length: records }, (_, index) => ({
      kind: 'frame',
      connection: 'ws1',
      transport: 'websocket',
      url: 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket',
      direction: 'received',
      payload: { text: `42["tick",${index}]`, size: 12, truncated: false },
      time: time + index,
    })),
    { version: MESSAGE_PROTOCOL_VERSION },
  );

function setUp(budget = 10_000_000) {
  const backlog = createBacklog(budget);
  const relay = createBackgroundPort(backlog, createPollingSessions(), () => undefined);
  /** The hook hands a batch over: the backlog takes it, the port gets it. */
  const handOver = (records: number, time: number) => {
    const text = batch(records, time);
    relay.received(backlog.append(text, readBatchHead(text)));
  };
  return { relay, handOver };
}

const batches = (kept: boolean) =>
  posted.flatMap((message) =>
    message.type === 'batches' && message.kept === kept
      ? message.batches.map((entry) => (entry.kind === 'batch' ? entry.firstSeq : `gap ${entry.from}`))
      : [],
  );
const tallied = () => posted.flatMap((message) => (message.type === 'tally' ? message.batches : []));

/** Waits, a turn of the event loop at a time, until `done` (the relay's timers are the real ones). */
async function until(what: string, done: () => boolean): Promise<void> {
  const started = Date.now();
  while (!done()) {
    assert.ok(Date.now() - started < 5000, `${what} within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the relay's port: keeping a flood while the panels hold it", () => {
  before(async () => {
    fakeContentScript();
    ({ createBackgroundPort } = await import('../../src/content/background-port'));
  });
  beforeEach(() => (posted = []));

  it('sends batches as they come, then only their times while held, then what it kept, in order', () => {
    const { relay, handOver } = setUp();
    relay.replay();
    handOver(2, 1000);
    assert.deepEqual(batches(false), [0]);
    relay.hold('all');
    handOver(3, 1100);
    handOver(4, 1200);
    assert.deepEqual(batches(false), [0], 'nothing more sent');
    assert.deepEqual(batches(true), []);
    assert.deepEqual(tallied(), [
      { time: 1100, records: 3, firstSeq: 2 },
      { time: 1200, records: 4, firstSeq: 5 },
    ]);
    relay.hold('no');
    assert.deepEqual(batches(true), [2, 5], 'what it kept, once');
    handOver(1, 1300);
    assert.deepEqual(batches(false), [0, 9], 'and streams again');
    const tallyAt = posted.findIndex((message) => message.type === 'tally');
    const keptAt = posted.findIndex((message) => message.type === 'batches' && message.kept);
    assert.ok(tallyAt < keptAt, 'the times go before the records they tell of');
  });

  it('sends what it kept once no batch came for a moment, and keeps the rest of a flood that goes on', async () => {
    const { relay, handOver } = setUp();
    relay.replay();
    relay.hold('all');
    handOver(3, 1000);
    handOver(3, 1100);
    await until('what was kept to go', () => batches(true).length === 2);
    assert.deepEqual(batches(true), [0, 3]);
    handOver(3, 2000);
    assert.deepEqual(batches(true), [0, 3], 'a flood that goes on is kept again');
    relay.hold('no');
    assert.deepEqual(batches(true), [0, 3, 6]);
    assert.deepEqual(batches(false), []);
  });

  it('sends its oldest kept batches before the backlog would let them go, never a gap', () => {
    const budget = heapBytes(batch(50, 0)) * 10;
    const { relay, handOver } = setUp(budget);
    relay.replay();
    relay.hold('all');
    for (let index = 0; index < 40; index++) handOver(50, 1000 + index * 100);
    const early = batches(true);
    assert.ok(early.length > 0 && early.length < 40, `sent ${early.length} of 40 kept early`);
    relay.hold('no');
    const sent = batches(true);
    assert.deepEqual(
      sent,
      Array.from({ length: 40 }, (_, index) => index * 50),
      'every batch, once, in order',
    );
  });

  it('keeps a stream the panels let it keep from the batch its rate passes FLOOD_RATE, until told to keep less', () => {
    const { relay, handOver } = setUp();
    relay.replay();
    relay.hold('flood');
    for (let index = 0; index < 5; index++) handOver(100, 1000 + index * 100); // 1,000/s
    assert.deepEqual(batches(false), [0, 100, 200, 300, 400], 'a calm stream goes as it comes');
    handOver(1500, 1500);
    handOver(1500, 1600); // 8,000/s over the last 250 ms
    handOver(1500, 1700); // 15,000/s
    handOver(1500, 1800);
    assert.deepEqual(batches(false), [0, 100, 200, 300, 400, 500, 2000], 'kept from the batch that told the flood');
    assert.deepEqual(
      tallied().map((told) => told.firstSeq),
      [3500, 5000],
    );
    relay.hold('all'); // the panel holds it too
    handOver(1500, 1900);
    relay.hold('flood'); // the panel read all it held (say, to export)
    assert.deepEqual(batches(true), [3500, 5000, 6500], 'what it kept, once it keeps less');
    handOver(1500, 2000);
    assert.deepEqual(batches(true), [3500, 5000, 6500], 'the flood goes on: kept again');
    relay.hold('no'); // the panel's Show now
    handOver(1500, 2100);
    assert.deepEqual(batches(true), [3500, 5000, 6500, 8000]);
    assert.deepEqual(batches(false), [0, 100, 200, 300, 400, 500, 2000, 9500], 'then streams through the flood');
  });

  it('keeps nothing once a panel subscribes again (replay) or none listens (idle)', () => {
    const { relay, handOver } = setUp();
    relay.replay();
    relay.hold('all');
    handOver(3, 1000);
    relay.replay();
    handOver(3, 1100);
    assert.deepEqual(batches(false), [0, 3], 'the replay sent the backlog, and then it streams');
    relay.hold('all');
    relay.idle();
    relay.hold('no');
    handOver(3, 1200);
    relay.replay();
    relay.hold('flood');
    const told = tallied().length;
    for (let time = 1300; time < 1700; time += 100) handOver(2000, time);
    assert.ok(tallied().length > told, 'kept the flood');
    relay.replay();
    handOver(2000, 1700);
    assert.equal(posted.at(-1)?.type, 'batches', 'a replay keeps nothing, even in a flood, until told again');
    assert.deepEqual(batches(true), [], 'an idle relay keeps every record in its backlog, and sends none');
  });
});
