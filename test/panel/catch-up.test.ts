import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Keeping, RelayedRecord } from '../../src/messages';
import type { PanelMessage } from '../../src/panel/bridge';
import { createFloodHold } from '../../src/panel/flood-hold';
import { createPanelStores } from '../../src/panel/store';
import { applyMessage, loadCapture } from '../../src/panel/store/capture';
import { catchUpCapture, notCameText, NOT_COMING_MS } from '../../src/panel/store/catch-up';
import { fakeClock } from '../support/fake-clock';
import { OPEN, recordsMessage, wsFrame } from './records';

/** Records a message carries: at 26,000 a second in 1 ms batches, a flood the panel holds. */
const PER_BATCH = 26;

/**
 * The panel's stores fed through a flood hold by a stand-in relay that keeps the records while told to keep all
 * (telling only their times and numbers) and sends them `deliverMs` after it is told to keep less (or never).
 */
function setUp(deliverMs: number | 'never') {
  const clock = fakeClock();
  const asked: Keeping[] = [];
  let keeping = false;
  let kept: { message: PanelMessage; time: number }[] = [];
  /** What the relay sent after kept records still on their way: it reaches the panel after them, in order. */
  let behindKept: (() => void)[] | undefined;
  const post = (message: () => void) => (behindKept ? behindKept.push(message) : message());
  const hold = createFloodHold<PanelMessage>(
    (message) => applyMessage(stores.capture, message),
    clock,
    clock.now,
    (keep) => {
      asked.push(keep);
      if (keep === 'all') return void (keeping = true);
      if (!keeping) return;
      keeping = false;
      const sending = kept;
      kept = [];
      if (deliverMs === 'never') return;
      const behind: (() => void)[] = (behindKept ??= []);
      clock.setTimeout(() => {
        for (const { message, time } of sending)
          hold.take(message, [{ time, records: PER_BATCH }], PER_BATCH * 30, true);
        if (behindKept === behind) behindKept = undefined;
        for (const message of behind) message();
      }, deliverMs);
    },
  );
  const stores = createPanelStores(() => hold.readAll());
  let seq = 0;
  /** The page takes in `batches` batches, one a millisecond: the first record opens the session, then ticks. */
  function flood(batches: number): void {
    for (let batch = 0; batch < batches; batch++) {
      clock.advance(1);
      const records: RelayedRecord[] = [];
      const firstSeq = seq;
      for (let count = 0; count < PER_BATCH; count++, seq++)
        records.push(wsFrame(seq, 'received', seq === 0 ? OPEN : `42["tick",${seq}]`));
      const message = recordsMessage(records, { documentId: 'doc' });
      const time = clock.now();
      if (keeping) {
        kept.push({ message, time });
        post(() => hold.tally('doc', [{ time, records: PER_BATCH, firstSeq }]));
      } else post(() => hold.take(message, [{ time, records: PER_BATCH }], PER_BATCH * 30));
    }
  }
  /** Waits for `catching` while the clock runs on, 10 ms at a time (up to `maxMs`). */
  async function runUntil<T>(catching: Promise<T>, maxMs = 10_000): Promise<T> {
    let settled = false;
    void catching.finally(() => (settled = true));
    for (let ms = 0; ; ms += 10) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled || ms >= maxMs) break;
      clock.advance(10);
    }
    assert.ok(settled, `settled within ${maxMs} ms`);
    return catching;
  }
  /** Catches the capture up while the clock runs on; resolves to how many records did not come. */
  async function catchUp(): Promise<number> {
    let notCame = -1;
    await runUntil(catchUpCapture(stores, (count) => (notCame = count), clock));
    return notCame;
  }
  const ticks = () =>
    stores.timeline.entries.flatMap((entry) =>
      entry.kind === 'packet' && entry.packet.event === 'tick' ? [entry.packet.args![0] as number] : [],
    );
  return { clock, hold, stores, asked, flood, catchUp, ticks, sent: () => seq, kept: () => kept.length };
}

describe('catching the capture up before an action reads it whole', () => {
  it("waits for the records the page's relay kept for a held flood, and has every one, in order", async () => {
    const { hold, stores, asked, flood, catchUp, ticks, sent, kept } = setUp(30);
    flood(300);
    assert.equal(hold.state.value.kind, 'holding');
    assert.ok(kept() > 100, `the relay keeps the flood (${kept()} batches)`);
    const catching = catchUp();
    assert.match(stores.notice.value, /^Waiting for [\d,]+ records the page kept during a flood…$/, 'says it waits');
    flood(100); // the flood goes on while the relay sends what it kept
    assert.equal(await catching, 0, 'every kept record came');
    assert.equal(stores.notice.value, '', 'and no more once they came');
    assert.ok(asked.includes('all') && asked.at(-1) !== 'no', `the relay was told to send: ${asked.join(', ')}`);
    const shown = ticks();
    assert.ok(shown.length >= 300 * PER_BATCH - 1, `every record before the action (${shown.length} of ${sent()})`);
    assert.deepEqual(
      shown,
      Array.from({ length: shown.length }, (_, at) => at + 1),
      'in order, none twice',
    );
  });

  it('stops waiting NOT_COMING_MS after the last kept record came, and says how many did not', async () => {
    const { clock, hold, flood, catchUp } = setUp('never');
    flood(300);
    assert.equal(hold.state.value.kind, 'holding');
    const from = clock.now();
    const notCame = await catchUp();
    assert.ok(clock.now() - from >= NOT_COMING_MS, `waited ${clock.now() - from} ms`);
    assert.ok(notCame > 100 * PER_BATCH, `${notCame} records did not come`);
    assert.match(notCameText(notCame), /^ \(without [\d,]+ records the page kept during a flood: they did not come\)$/);
    assert.equal(notCameText(0), '');
  });

  it('waits for nothing without a held flood', async () => {
    const { clock, flood, catchUp, ticks } = setUp('never');
    flood(10); // 260 records in 10 ms: too short a stream to tell a rate, read as they come
    const from = clock.now();
    assert.equal(await catchUp(), 0);
    assert.equal(clock.now() - from, 0, 'at once');
    assert.equal(ticks().length, 10 * PER_BATCH - 1, 'decoded');
  });

  it('waits for nothing while a file is shown: live records are left out until Clear', async () => {
    const { clock, hold, stores, flood, catchUp } = setUp('never');
    flood(300);
    assert.equal(hold.state.value.kind, 'holding');
    loadCapture(stores.capture, [], 'earlier.sio.json');
    const from = clock.now();
    assert.equal(await catchUp(), 0);
    assert.equal(clock.now() - from, 0, 'at once');
  });
});
