import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effect } from '@preact/signals';
import {
  createFloodHold,
  KEPT_WAIT_MS,
  MAX_HELD,
  PROBE_EVERY_MS,
  PROBE_MAX_MS,
  type FloodHold,
} from '../../src/panel/flood-hold';
import type { Keeping } from '../../src/messages';
import { FLOOD_RATE, HOLD_RATE } from '../../src/pacer';
import { createPageRate } from '../../src/page-rate';
import { fakeClock } from '../support/fake-clock';

/**
 * A flood hold fed by hand: `stream` sends one message of `records` records every `everyMs` for `forMs`, each a batch
 * the page began as it was sent (the page's clock is the test's); each message is its number, and `read` lists what
 * the panel read, in order (reading one costs `readMs` of the clock), and `readAt` when it last read. `said` lists
 * what the toolbar was told, each change once.
 */
function setUp(readMs = 0) {
  const clock = fakeClock();
  const read: number[] = [];
  let next = 0;
  let readAt = clock.now();
  const hold = createFloodHold<number>(
    (message) => {
      read.push(message);
      readAt = clock.now();
      clock.advance(readMs);
    },
    clock,
    clock.now,
  );
  const states: string[] = [];
  effect(() => void states.push(hold.state.value.kind));
  const said = () => states.filter((kind, at) => kind !== states[at - 1]);
  /** A message of one batch whose first record the page took now (none: a message without records). */
  const send = (records: number, chars = records * 50, time = clock.now()) =>
    hold.take(next++, records > 0 ? [{ time, records }] : [], chars);
  const stream = (records: number, everyMs: number, forMs: number) => {
    for (let elapsed = 0; elapsed < forMs; elapsed += everyMs) {
      clock.advance(everyMs);
      send(records);
    }
  };
  return { clock, hold, read, send, stream, said, sent: () => next, readAt: () => readAt };
}

/** Moves `clock` a millisecond at a time until `hold` reads as records come again (a second at most). */
function untilLive(hold: FloodHold, clock: ReturnType<typeof fakeClock>): void {
  for (let ms = 0; ms < 1000 && hold.state.value.kind !== 'live'; ms++) clock.advance(1);
  assert.deepEqual(hold.state.value, { kind: 'live' }, 'caught up within a second');
}

const inOrder = (count: number) => Array.from({ length: count }, (_, index) => index);

describe('flood hold', () => {
  it('reads every message as it comes while records come at up to 10,000 a second, in bursts too', () => {
    const { hold, read, stream, clock, sent } = setUp();
    stream(25, 5, 2000); // 5,000/s in 5 ms batches, as the hook hands them over while calm
    stream(1000, 100, 2000); // 10,000/s in the hook's 100 ms flood batches
    assert.deepEqual(read, inOrder(sent()));
    for (let burst = 0; burst < 10; burst++) {
      clock.advance(180); // a page that stalls, then hands over what it got
      stream(1000, 10, 20);
      const unread = sent() - read.length;
      const probeLength = 2 * (PROBE_MAX_MS / 200 + 1); // two messages every 200 ms
      assert.ok(unread <= probeLength, `held a probe's length at most (${unread} messages unread)`);
    }
    clock.advance(PROBE_MAX_MS);
    assert.deepEqual(read, inOrder(sent()));
    assert.deepEqual(hold.state.value, { kind: 'live' });
  });

  it("follows the page's own pace between 10,000 and 15,000 a second, never saying it holds", () => {
    const { read, stream, said, sent } = setUp();
    stream(25, 5, 1000); // 5,000/s, then a server that sends 12,000 a second: the page takes them at that pace, read or not
    const behind: number[] = [];
    for (let ms = 0; ms < 10_000; ms += 100) {
      stream(1200, 100, 100);
      behind.push((sent() - read.length) * 100);
    }
    const probes = behind.filter((ms, at) => ms > 0 && !(behind[at - 1] > 0)).length;
    assert.ok(probes >= 2 && probes <= Math.ceil(10_000 / PROBE_EVERY_MS), `probed now and then (${probes} times)`);
    assert.ok(Math.max(...behind) <= PROBE_MAX_MS, `within a probe of the page: ${Math.max(...behind)} ms behind`);
    assert.deepEqual(said(), ['live'], 'a probe is not said');
    stream(1200, 100, 100);
    assert.deepEqual(read.slice(0, sent() - 10), inOrder(sent() - 10), 'what was probed was read, in order');
  });

  it('holds a flood that reading slows below 15,000 a second, and says so', () => {
    // The page takes 11,000 records a second while the panel reads them, and 14,000 while it does not.
    const { clock, hold, read, send, said, sent, readAt } = setUp();
    for (let ms = 0; ms < 3000; ms += 100) {
      clock.advance(100);
      // Within the flood, the page slows for 300 ms (a busy core): no end of it.
      const dip = ms >= 1500 && ms < 1800;
      send(dip ? 700 : clock.now() - readAt() <= 100 ? 1100 : 1400);
    }
    const state = hold.state.value;
    assert.equal(state.kind, 'holding');
    assert.ok(
      state.kind === 'holding' && state.perSecond > 13_000,
      `says the page's rate held: ${JSON.stringify(state)}`,
    );
    assert.ok(sent() - read.length > 20, `held most of the flood (${sent() - read.length} of ${sent()} unread)`);
    clock.advance(500); // the flood ends
    untilLive(hold, clock);
    assert.deepEqual(read, inOrder(sent()));
    assert.deepEqual(said(), ['live', 'holding', 'catching-up', 'live'], 'said once it held, not while probing');
  });

  it('judges the rate by when the page took the records in, not by when they reach the panel', () => {
    const { hold, read, send, clock, sent } = setUp();
    // A steady 10,000/s in 100 ms batches that reach the panel three at a time (a hop that waited, then handed over).
    let pageTime = 0;
    for (let wave = 0; wave < 20; wave++) {
      clock.advance(300);
      for (let batch = 0; batch < 3; batch++) send(1000, 50_000, (pageTime += 100));
    }
    assert.deepEqual(read, inOrder(sent()), 'bunched batches of a steady stream are no flood');
    // A backlog replayed when the panel subscribes: 200,000 records of the last minute, in one go.
    for (let batch = 0; batch < 200; batch++) send(1000, 50_000, pageTime - 60_000 + batch * 300);
    assert.deepEqual(read, inOrder(sent()), 'records of the past came at the rate they came then');
    assert.deepEqual(hold.state.value, { kind: 'live' });
  });

  it("tells the page's rate as its batches' times give it (the render share's, throttle.ts)", () => {
    const { hold, send, stream, clock } = setUp();
    assert.equal(hold.perSecond(), 0, 'nothing came: calm');
    stream(25, 5, 1000);
    assert.ok(Math.abs(hold.perSecond() - 5000) < 1, `5,000/s in 5 ms batches: ${hold.perSecond()}`);
    // 10,000/s in 100 ms batches that reach the panel three at a time, half a second late.
    let pageTime = clock.now();
    for (let wave = 0; wave < 5; wave++) {
      clock.advance(300);
      for (let batch = 0; batch < 3; batch++) send(1000, 50_000, (pageTime += 100));
    }
    assert.ok(Math.abs(hold.perSecond() - 10_000) < 1, `the page's 10,000/s, not the hops': ${hold.perSecond()}`);
  });

  it('holds a flood unread, in order with the messages between, and reads it all in steps once it ends', () => {
    const { hold, read, stream, send, clock, sent } = setUp(3);
    stream(2600, 100, 300); // 26,000/s
    const readBeforeHolding = read.length;
    assert.ok(readBeforeHolding <= 3, `held from the third message at most (read ${readBeforeHolding})`);
    stream(2600, 100, 1000);
    send(0); // a message without records (a document, a status) waits its turn
    const state = hold.state.value;
    assert.equal(state.kind, 'holding');
    const held = (sent() - 1 - readBeforeHolding) * 2600;
    const said = state.kind === 'holding' ? state.records : -1;
    assert.ok(
      said > held - 26_000 && said <= held,
      `says what it holds, as of a second ago at most (${said} of ${held})`,
    );
    assert.ok(state.kind === 'holding' && state.perSecond > HOLD_RATE, 'says the rate that made it hold');
    assert.equal(read.length, readBeforeHolding, 'nothing read while it floods');

    clock.advance(500); // the flood stopped: the next look at the rate starts catching up
    assert.equal(hold.state.value.kind, 'catching-up');
    const steps: number[] = [];
    for (let ms = 0; ms < 1000 && hold.state.value.kind === 'catching-up'; ms++) {
      clock.advance(1);
      steps.push(read.length);
    }
    assert.ok(steps.length > 2, `read in several steps (${steps.length})`);
    assert.deepEqual(read, inOrder(sent()), 'every message, once, in the order it came');
    assert.deepEqual(hold.state.value, { kind: 'live' });
  });

  it('goes on holding when the hops deliver the flood unevenly, and ends the hold soon after the flood', () => {
    const { hold, read, send, stream, said, clock, sent } = setUp();
    stream(2600, 100, 1000); // 26,000/s
    assert.equal(hold.state.value.kind, 'holding');
    // The flood goes on at 26,000/s of the page's time, but its batches come one, then three at once 300 ms later.
    let pageTime = clock.now();
    for (let wave = 0; wave < 10; wave++) {
      clock.advance(100);
      send(2600, 2600 * 50, (pageTime += 100));
      clock.advance(300);
      for (let late = 0; late < 3; late++) send(2600, 2600 * 50, (pageTime += 100));
    }
    assert.ok(read.length <= 3, `nothing read while the flood went on (read ${read.length})`);
    assert.deepEqual(said(), ['live', 'holding']);
    clock.advance(700); // twice the longest gap (300 ms), and a check's wait
    assert.equal(hold.state.value.kind, 'catching-up', 'the flood is over');
    untilLive(hold, clock);
    assert.deepEqual(read, inOrder(sent()));
  });

  it('Show now reads what it holds at once and holds nothing more until the flood ends', () => {
    const { hold, read, stream, clock, sent } = setUp();
    stream(2600, 100, 1000);
    assert.equal(hold.state.value.kind, 'holding');
    hold.showNow();
    assert.deepEqual(read, inOrder(sent()));
    stream(2600, 100, 1000);
    assert.deepEqual(read, inOrder(sent()), 'the rest of the flood is read as it comes');
    assert.deepEqual(hold.state.value, { kind: 'live' });
    clock.advance(1000);
    stream(25, 5, 500); // calm again
    stream(2600, 100, 1000); // the next flood is held
    assert.equal(hold.state.value.kind, 'holding');
  });

  it('after Show now, holds nothing when the page slows a moment within the flood', () => {
    const { hold, read, stream, sent } = setUp();
    stream(2600, 100, 1000);
    hold.showNow();
    stream(300, 100, 300); // the page slows (a stall, a busy core): 3,000/s for 300 ms
    stream(2600, 100, 1000);
    assert.deepEqual(read, inOrder(sent()), 'still the same flood');
    assert.deepEqual(hold.state.value, { kind: 'live' });
  });

  it('after Show now, holds nothing when the batches reach the panel late but the page never paused', () => {
    const { hold, read, send, stream, clock, sent } = setUp();
    stream(2600, 100, 1000); // 26,000/s
    assert.equal(hold.state.value.kind, 'holding');
    hold.showNow();
    // The flood goes on, its batches delivered three at a time, 300 ms apart (the panel busy, or a hop late).
    let pageTime = clock.now();
    for (let wave = 0; wave < 4; wave++) {
      clock.advance(300);
      for (let batch = 0; batch < 3; batch++) send(2600, 2600 * 50, (pageTime += 100));
    }
    assert.deepEqual(read, inOrder(sent()), 'the rest of the flood is read as it comes');
    assert.deepEqual(hold.state.value, { kind: 'live' });
  });

  it('after Show now, holds nothing when a message without records reaches the panel late within the flood', () => {
    const { hold, read, send, stream, clock, sent } = setUp();
    stream(2600, 100, 1000);
    hold.showNow();
    // The panel was busy reading what it held: a message that is not records (a session's news) comes first, then the
    // batches the page took meanwhile.
    let pageTime = clock.now();
    clock.advance(300);
    send(0);
    assert.deepEqual(hold.state.value, { kind: 'live' }, 'a message without batches says nothing of a pause');
    for (let batch = 0; batch < 3; batch++) send(2600, 2600 * 50, (pageTime += 100));
    stream(2600, 100, 1000);
    assert.deepEqual(read, inOrder(sent()), 'still the same flood');
    assert.deepEqual(hold.state.value, { kind: 'live' });
  });

  it('reads all it holds before a clear or an export, and goes on holding while the flood does', () => {
    const { hold, read, stream, sent } = setUp();
    stream(2600, 100, 1000);
    hold.readAll();
    assert.deepEqual(read, inOrder(sent()));
    stream(2600, 100, 300);
    assert.equal(hold.state.value.kind, 'holding');
    assert.ok(read.length < sent());
  });

  it('holds at most MAX_HELD: beyond it, reads what it holds and follows that flood as it comes', () => {
    const { hold, read, stream, clock, sent } = setUp();
    const perMessage = 2600;
    const messages = Math.ceil(MAX_HELD.records / perMessage) + 5;
    stream(perMessage, 100, messages * 100);
    untilLive(hold, clock);
    assert.deepEqual(read, inOrder(sent()));
    stream(perMessage, 100, 1000);
    assert.deepEqual(read, inOrder(sent()), 'not held again while that flood lasts');

    const big = setUp();
    big.stream(2600, 100, 300);
    big.send(2600, MAX_HELD.chars); // few records, but their text is over the limit
    untilLive(big.hold, big.clock);
    assert.deepEqual(big.read, inOrder(big.sent()));
  });

  it('goes on catching up past a reader that throws', () => {
    const clock = fakeClock();
    const read: number[] = [];
    const hold = createFloodHold<number>((message) => {
      read.push(message);
      if (message === 5) throw new Error('a reader failed');
    }, clock);
    let sent = 0;
    for (; sent < 10; sent++) {
      clock.advance(100);
      hold.take(sent, [{ time: clock.now(), records: 2600 }], 0);
    }
    assert.equal(hold.state.value.kind, 'holding');
    clock.advance(600); // the flood ended: catching up begins
    assert.throws(() => clock.advance(1), /a reader failed/);
    untilLive(hold, clock);
    assert.deepEqual(read, inOrder(sent));
  });

  it('holds nothing while the panel acts on each packet (intercept), and reads at once what it held', () => {
    const { hold, read, stream, sent } = setUp();
    stream(2600, 100, 1000);
    assert.equal(hold.state.value.kind, 'holding');
    hold.setExempt(true);
    assert.deepEqual(read, inOrder(sent()));
    stream(2600, 100, 1000);
    assert.deepEqual(read, inOrder(sent()));
    hold.setExempt(false);
    stream(2600, 100, 500);
    assert.equal(hold.state.value.kind, 'holding');
  });
});

/**
 * A flood hold whose page's relay keeps as it is told (`holdAtSource`): all of it, or a flood by its own measure of
 * the rate past FLOOD_RATE (`flood`). `stream` has the page take a batch of `records` every `everyMs` for `forMs`; a kept one is told
 * by its time (`tally`), the rest go as messages. Once told to keep less, the relay sends what it kept `deliverMs` later
 * (or never), as the relay's `kept` messages. `asked` lists what the relay was told.
 */
function setUpRelay(deliverMs: number | 'never' = 20) {
  const clock = fakeClock();
  const read: number[] = [];
  const asked: Keeping[] = [];
  let keeping = false;
  let keep: Keeping = 'no';
  const rate = createPageRate(clock.now);
  let kept: { message: number; time: number; records: number }[] = [];
  let next = 0;
  /** What the relay sent after kept records still on their way: it reaches the panel after them, in order. */
  let behindKept: (() => void)[] | undefined;
  const post = (message: () => void) => (behindKept ? behindKept.push(message) : message());
  const hold: FloodHold = createFloodHold<number>(
    (message) => void read.push(message),
    clock,
    clock.now,
    (to) => {
      asked.push(to);
      keep = to;
      if (to === 'all') keeping = true;
      if (to === 'all' || !keeping) return;
      keeping = false;
      if (deliverMs === 'never') return;
      const sending = kept;
      kept = [];
      const behind: (() => void)[] = (behindKept ??= []);
      clock.setTimeout(() => {
        for (const { message, time, records } of sending) hold.take(message, [{ time, records }], records * 50, true);
        if (behindKept === behind) behindKept = undefined;
        for (const message of behind) message();
      }, deliverMs);
    },
  );
  const stream = (records: number, everyMs: number, forMs: number) => {
    for (let elapsed = 0; elapsed < forMs; elapsed += everyMs) {
      clock.advance(everyMs);
      const batch = { time: clock.now(), records };
      const message = next++;
      rate.add(batch);
      if (keep === 'flood' && !keeping) keeping = rate.perSecond() > FLOOD_RATE;
      if (keeping) {
        kept.push({ message, ...batch });
        post(() => hold.tally('doc', [{ ...batch, firstSeq: message * records }]));
      } else post(() => hold.take(message, [batch], records * 50));
    }
  };
  const states: string[] = [];
  effect(() => void states.push(hold.state.value.kind));
  const said = () => states.filter((kind, at) => kind !== states[at - 1]);
  return { clock, hold, read, asked, stream, said, sent: () => next, kept: () => kept.length };
}

describe('flood hold, with the relays keeping what it holds', () => {
  it('lets the relays keep a flood, holds what they keep, and reads it all in order once it ends', () => {
    const { hold, read, asked, stream, clock, sent, kept } = setUpRelay();
    assert.deepEqual(asked, ['flood'], 'from the start, it may hold');
    stream(2600, 100, 200); // 26,000/s
    assert.deepEqual(read, [0], 'the first batch, before the relay could tell a rate');
    assert.equal(kept(), 1, 'the relay kept the second by its own measure');
    assert.equal(hold.state.value.kind, 'holding', 'and the panel holds from its tally');
    assert.deepEqual(asked, ['flood', 'all'], 'telling the relays to keep all');
    stream(2600, 100, 3000);
    assert.ok(kept() >= 30, `the relay kept the flood (${kept()} batches)`);
    const state = hold.state.value;
    assert.equal(state.kind, 'holding', 'their times keep the hold: the flood goes on');
    const said = state.kind === 'holding' ? state.records : -1;
    const total = sent() * 2600;
    assert.ok(said > total - 26_000 - 2600 * 3 && said <= total, `says what is held, here and there (${said})`);

    clock.advance(500); // the flood stopped
    assert.deepEqual(asked, ['flood', 'all', 'no'], 'the relays send what they kept');
    assert.equal(hold.state.value.kind, 'catching-up', 'and it waits for it');
    untilLive(hold, clock);
    assert.deepEqual(read, inOrder(sent()), 'every message, once, in order');
    assert.deepEqual(asked, ['flood', 'all', 'no', 'flood'], 'caught up, it may hold again');
  });

  it('holds by its own measure a flood the relays were told not to keep, and has them keep all', () => {
    const { hold, asked, stream } = setUpRelay();
    stream(25, 5, 1000); // 5,000/s: the relay keeps nothing
    stream(1200, 100, 1000); // 12,000/s: the relay keeps it, and the panel's probe finds no flood
    assert.deepEqual(asked, ['flood', 'all', 'no'], 'so the relay keeps no flood until a probe may start again');
    assert.deepEqual(hold.state.value, { kind: 'live' });
    stream(4000, 100, 300); // faster than HOLD_RATE
    assert.equal(hold.state.value.kind, 'holding');
    assert.deepEqual(asked, ['flood', 'all', 'no', 'all']);
  });

  it('catches up without what a relay kept once it has waited KEPT_WAIT_MS (its page went)', () => {
    const { hold, read, stream, clock, kept } = setUpRelay('never');
    stream(2600, 100, 1000);
    assert.ok(kept() > 0);
    clock.advance(500);
    assert.equal(hold.state.value.kind, 'catching-up');
    clock.advance(KEPT_WAIT_MS - 100);
    assert.equal(hold.state.value.kind, 'catching-up', 'waits for what the relay kept');
    clock.advance(200);
    assert.deepEqual(hold.state.value, { kind: 'live' });
    assert.ok(read.length > 0 && read.length < 5, 'read what had come');
  });

  it('tells, when it reads all it holds, the numbers below which the records the relays kept came before', () => {
    const { hold, stream, sent } = setUpRelay();
    stream(2600, 100, 1000);
    assert.deepEqual(hold.readAll(), new Map([['doc', sent() * 2600]]));
  });

  it('Show now asks for what the relays kept, and reads it as it comes, holding nothing more', () => {
    const { hold, read, asked, stream, clock, sent } = setUpRelay();
    stream(2600, 100, 1000);
    hold.showNow();
    assert.deepEqual(asked, ['flood', 'all', 'no']);
    stream(2600, 100, 1000); // the flood goes on: what was kept comes within it, and is no news of its rate
    assert.deepEqual(read, inOrder(sent()), 'in order');
    assert.deepEqual(hold.state.value, { kind: 'live' });
    clock.advance(1000);
    assert.deepEqual(asked, ['flood', 'all', 'no'], 'not asked again within that flood');
    stream(100, 100, 200); // a new stream, after a pause
    assert.deepEqual(asked, ['flood', 'all', 'no', 'flood'], 'the flood ended: it may hold again');
  });

  it('lets the relays keep nothing while it acts on each packet, and reads what they kept before it knew', () => {
    const { hold, read, asked, stream, clock } = setUpRelay();
    stream(2600, 100, 100);
    hold.setExempt(true); // a breakpoint
    assert.deepEqual(asked, ['flood', 'no']);
    // The relay began to keep before it was told: its tally, then what it kept.
    hold.tally('doc', [{ time: clock.now() + 100, records: 2600, firstSeq: 2600 }]);
    assert.deepEqual(hold.state.value, { kind: 'live' }, 'a tally does not make it hold');
    hold.take(1, [{ time: clock.now() + 100, records: 2600 }], 2600 * 50, true);
    assert.deepEqual(read, [0, 1], 'every record as it comes');
    hold.setExempt(false);
    assert.deepEqual(asked, ['flood', 'no', 'flood']);
  });

  it('probes a stream a relay keeps, unsaid: one the page takes in below HOLD_RATE is read, then kept no more', () => {
    const { hold, asked, stream, clock, read, sent, said } = setUpRelay();
    stream(25, 5, 1000);
    stream(1200, 100, 400); // 12,000/s: the relay keeps it, and the panel probes with the relay keeping all
    assert.deepEqual(asked, ['flood', 'all']);
    stream(1200, 100, 1100); // a steady pace: below HOLD_RATE held or not
    assert.deepEqual(asked, ['flood', 'all', 'no']);
    untilLive(hold, clock);
    assert.deepEqual(read, inOrder(sent()), 'every message, once, in order');
    assert.deepEqual(said(), ['live'], 'a probe is not said');
    stream(1200, 100, PROBE_EVERY_MS - 1100);
    assert.deepEqual(asked, ['flood', 'all', 'no'], 'read as it comes');
    stream(1200, 100, 500);
    assert.deepEqual(asked, ['flood', 'all', 'no', 'flood', 'all'], 'and probed again PROBE_EVERY_MS later');
  });
});
