import { signal } from '@preact/signals';
import type { BatchTime, Keeping, TalliedBatch } from '../messages';
import { FLOOD_RATE, HOLD_RATE, globalClock, type PacerClock } from '../pacer';
import { createPageRate } from '../page-rate';
import { setRecent } from './recent-documents';

/**
 * Between FLOOD_RATE and HOLD_RATE a stream may be the page's own pace (a server that sends 12,000 events a second,
 * which the panel follows live) or a flood that the panel's reading slows (on a slow machine, a page that took 14,000
 * records a second with the panel holding took 10,000 with it reading; README). The panel tells the two apart by a
 * probe: it holds the records for PROBE_MS of the page's time, unsaid, and holds on if the page took them in faster
 * by SPEEDUP than in the PROBE_MS before (or faster than HOLD_RATE); if not, it reads what it held and follows the
 * stream live, probing again no sooner than PROBE_EVERY_MS later. A probe also ends PROBE_MAX_MS after it began,
 * whatever the batches told by then.
 */
const PROBE_MS = 500;
const SPEEDUP = 1.2;
export const PROBE_EVERY_MS = 3000;
export const PROBE_MAX_MS = 1000;
/**
 * While holding, the rate is looked at this often, and the flood taken as over once no batch came for twice QUIET_MS,
 * or twice the longest gap between the batches of this hold if longer (up to CALM_MS): hops that deliver a flood's
 * batches unevenly (on a slow machine, gaps of 250–330 ms within a flood that went on) do not end it. (After Show now,
 * a pause of QUIET_MS is the page's own, as its batches' times tell.)
 */
const CHECK_MS = 100;
const QUIET_MS = 250;
/**
 * A flood is taken as over once no batch came for a while (see CHECK_MS; after Show now, QUIET_MS), or the rate stayed
 * below FLOOD_RATE this long: a page that stalls a moment within a flood has not ended it (on a slow machine, the page's rate dipped below FLOOD_RATE
 * for a few hundred ms every second or two of a flood it took in at 12,000 a second).
 */
const CALM_MS = 1000;
/**
 * The panel holds at most this much: beyond it, it reads what it holds and follows the rest of that flood as it comes
 * (a flood this long is the page's normal, not a burst to wait out).
 */
export const MAX_HELD = { records: 500_000, chars: 64 * 1024 * 1024 };
/** Catching up reads the held messages in tasks of about this long, so that the panel renders between them. */
const STEP_MS = 8;
/**
 * Catching up waits this long at most for the records the page's relays kept (see `holdAtSource`) once it read all it
 * holds, counted from the hold's end or the last of them that came: longer, a relay went away with them (its page
 * navigated); the panel asks for them again when it subscribes again, as for any record it missed.
 */
export const KEPT_WAIT_MS = 1000;
/**
 * While holding, what the toolbar says changes at most this often: each change lays the panel out and paints it
 * again, which a flood's ten messages a second would make a cost of their own.
 */
const SAY_EVERY_MS = 1000;

export type FloodHoldState =
  | { kind: 'live' }
  /** A flood is held: `records` held unread (`inPage` of them kept by the page's relays), arriving at `perSecond`. */
  | { kind: 'holding'; records: number; inPage: number; perSecond: number }
  /** The flood ended: the held records are being read, `records` of them still to read. */
  | { kind: 'catching-up'; records: number };

const LIVE: FloodHoldState = { kind: 'live' };

interface Held<T> {
  message: T;
  records: number;
  chars: number;
}

/**
 * Holds the port's messages unread, in the order they came, while the page floods (faster than HOLD_RATE, or faster
 * than FLOOD_RATE when reading them slows the page: see PROBE_MS), and reads them when the flood ends (see
 * CALM_MS), in steps. Every message goes through `take`, held or not, so that order is
 * kept: what the panel shows is what it would show had the messages come later. Bounded by MAX_HELD.
 *
 * It tells the page's relays how they may keep the records (`holdAtSource`, Keeping): each message costs every process
 * it crosses, the page's among them, and a held flood's need not cross them until it ends. While it holds or probes,
 * they keep every record (`all`: a probe so measures what holding gives the page). While it reads live and could hold
 * or probe, they keep a stream once their own measure of the page's rate passes FLOOD_RATE (`flood`), without waiting
 * for the panel to see it: the first second of a flood would cross every hop otherwise, and the panel's reading it
 * could slow the page below the rates at which it holds (on a slow machine the page then stays below HOLD_RATE; in
 * Firefox the panel's word reaches a flooding page late). Keeping relays tell only their batches' times and counts
 * (`tally`), which the rate reads as it reads batches; the panel then holds or probes (see `startProbe`), and a probe
 * that shows no flood says `no` until a probe may start again. Tallies also carry their first numbers, which say
 * which records came before an action on the whole capture (`readAll`). Relays send the records (`kept`) once told to
 * keep less, before the new ones; catching up waits for them (see KEPT_WAIT_MS).
 */
export function createFloodHold<T>(
  read: (message: T) => void,
  clock: PacerClock = globalClock,
  /** The page's clock (the epoch, as its batches' times), as the panel reads it. */
  epochNow: () => number = Date.now,
  /** Tells the page's relays how they may keep the records (and to send what they kept, when less than before). */
  holdAtSource: (keep: Keeping) => void = () => undefined,
) {
  const state = signal<FloodHoldState>(LIVE);
  /** As `state`, and `probing`: held, unsaid (see PROBE_MS). */
  let mode: FloodHoldState['kind'] | 'probing' = 'live';
  /** Held messages from `head` on (the slots before it read, emptied). */
  let queue: (Held<T> | undefined)[] = [];
  let head = 0;
  let heldRecords = 0;
  let heldChars = 0;
  /** How the relays were told to keep the records; how many they told they keep, not yet here. */
  let toldKeep: Keeping = 'no';
  let keptRecords = 0;
  /** When the hold ended, or the last kept records came since (the panel's clock): see KEPT_WAIT_MS. */
  let keptCameAt = -Infinity;
  /** Per recent document, the number after the last record a relay told it keeps (see `readAll`). */
  const keptUpTo = new Map<string, number>();
  const pageRate = createPageRate(epochNow);
  /** The page's rate over a probe's length: before a probe, and during it. */
  const probeRate = createPageRate(epochNow, PROBE_MS);
  /** When the last batch came (the panel's clock), and the longest gap between two since holding began. */
  let batchCameAt = -Infinity;
  let longestGap = 0;
  /** The latest time a batch says the page took its first record in (the page's clock). */
  let newestPageTime = -Infinity;
  /** After the user asked to see the flood (or the hold was full): nothing is held until it ends (see CALM_MS). */
  let liveUntilCalm = false;
  /** Since when the rate has been below FLOOD_RATE (the panel's clock), while it is. */
  let calmSince: number | undefined;
  /** While the panel acts on each packet as it comes (intercept breakpoints or rules): nothing is held. */
  let exempt = false;
  /** The probe under way: when it began (the panel's clock, and the page's), and the page's rate before it. */
  let probe = { startedAt: -Infinity, from: -Infinity, before: 0 };
  /** When the panel last found no flood to hold (the panel's clock): a probe that showed none, or a stream it declined. */
  let probedAt = -Infinity;

  /** When what the toolbar says last changed while holding. */
  let saidAt = -Infinity;

  function publish(): void {
    if (mode === 'probing') return; // a probe is not said
    if (mode === 'live') state.value = LIVE;
    // Catching up after a probe is as unsaid as the probe was.
    else if (mode === 'catching-up') {
      if (state.value.kind !== 'live') state.value = { kind: 'catching-up', records: heldRecords + keptRecords };
    } else {
      const at = clock.now();
      if (state.value.kind === 'holding' && at - saidAt < SAY_EVERY_MS) return;
      saidAt = at;
      const records = heldRecords + keptRecords;
      state.value = { kind: 'holding', records, inPage: keptRecords, perSecond: Math.round(pageRate.perSecond()) };
    }
  }

  /** Whether a flood may be held now: not while the panel acts on each packet, nor after Show now within a flood. */
  const mayHold = (): boolean => !exempt && !liveUntilCalm;

  /** Whether a probe may start at `at`: PROBE_EVERY_MS after the last that showed no flood. */
  const mayProbe = (at: number): boolean => at - probedAt >= PROBE_EVERY_MS;

  /** Tells the relays how they may keep the records now, if that changed. */
  function tellSource(): void {
    let keep: Keeping = 'no';
    if (mode === 'holding' || mode === 'probing') keep = 'all';
    else if (mode === 'live' && mayHold() && mayProbe(clock.now())) keep = 'flood';
    if (keep === toldKeep) return;
    toldKeep = keep;
    holdAtSource(keep);
  }

  function readNext(): void {
    const held = queue[head]!;
    queue[head++] = undefined;
    heldRecords -= held.records;
    heldChars -= held.chars;
    if (head === queue.length) {
      queue = [];
      head = 0;
    }
    read(held.message);
  }

  /**
   * Reads everything held at once; returns, per document, the number below which every record came before now: what
   * the relays kept comes next, read as it comes, after whatever the caller does now (see RecordsBefore,
   * store/capture.ts).
   */
  function readAll(): ReadonlyMap<string, number> {
    keptRecords = 0;
    while (head < queue.length) readNext();
    if (mode !== 'live') {
      mode = 'live';
      publish();
    }
    tellSource();
    return new Map(keptUpTo);
  }

  function step(): void {
    if (mode !== 'catching-up') return;
    const started = clock.now();
    try {
      while (head < queue.length && clock.now() - started < STEP_MS) readNext();
    } finally {
      // A reader that throws (its error goes to the console) does not stop the catching up.
      if (head < queue.length) clock.setTimeout(step, 0);
      else if (keptRecords > 0 && clock.now() - keptCameAt < KEPT_WAIT_MS) clock.setTimeout(step, CHECK_MS);
      else {
        keptRecords = 0;
        mode = 'live';
      }
      publish();
      tellSource();
    }
  }

  function catchUp(): void {
    mode = 'catching-up';
    publish();
    clock.setTimeout(step, 0);
  }

  /** Whether the rate has stayed below FLOOD_RATE for CALM_MS. */
  function calmFor(at: number): boolean {
    return calmSince !== undefined && at - calmSince >= CALM_MS;
  }

  /** Whether a probe shows a flood: holds on, reads what it held, or (undefined) waits for the page's batches to tell. */
  function probed(at: number, rate: number): boolean | undefined {
    if (rate > HOLD_RATE) return true;
    if (newestPageTime < probe.from + PROBE_MS && at - probe.startedAt < PROBE_MAX_MS) return undefined;
    return probeRate.perSecond() > probe.before * SPEEDUP;
  }

  function check(): void {
    if (mode !== 'holding' && mode !== 'probing') return;
    const at = clock.now();
    const rate = pageRate.perSecond();
    const quietMs = Math.min(CALM_MS, 2 * Math.max(QUIET_MS, longestGap));
    if (at - batchCameAt >= quietMs || calmFor(at)) return stopHolding(at);
    if (mode === 'probing') {
      const flood = probed(at, rate);
      if (flood === false) return stopHolding(at);
      if (flood) hold();
    }
    publish();
    tellSource();
    clock.setTimeout(check, CHECK_MS);
  }

  /** No flood to hold since `at`: the relays keep none until a probe may start again. */
  function noFlood(at: number): void {
    probedAt = at;
    clock.setTimeout(tellSource, PROBE_EVERY_MS);
  }

  function stopHolding(at: number): void {
    if (mode === 'probing') noFlood(at);
    keptCameAt = at;
    catchUp();
    tellSource();
  }

  /** Looks at the rate every CHECK_MS from now, while holding or probing. */
  function watch(): void {
    longestGap = 0;
    clock.setTimeout(check, CHECK_MS);
  }

  function hold(): void {
    if (mode === 'live') watch();
    mode = 'holding';
    tellSource();
  }

  /** Counts batches the page took in: in its rate, and as news of the flood (or of its end). */
  function count(batches: readonly BatchTime[], at: number): void {
    let earliest = Infinity;
    for (const batch of batches) {
      pageRate.add(batch);
      probeRate.add(batch);
      if (batch.time < earliest) earliest = batch.time;
    }
    // The flood paused: no batch came for QUIET_MS, and the page itself took nothing in for as long (the hops'
    // delivering late, or the panel's being busy, is no pause: on a slow machine Firefox's did both within a flood). A
    // message without batches (no records) tells nothing of the page's pace.
    const quiet = batches.length > 0 && at - batchCameAt >= QUIET_MS && earliest - newestPageTime >= QUIET_MS;
    for (const batch of batches) if (batch.time > newestPageTime) newestPageTime = batch.time;
    if (batches.length > 0) {
      if (mode === 'holding' || mode === 'probing') longestGap = Math.max(longestGap, at - batchCameAt);
      batchCameAt = at;
    }
    if (pageRate.perSecond() >= FLOOD_RATE) calmSince = undefined;
    else calmSince ??= at;
    if (quiet || calmFor(at)) liveUntilCalm = false;
  }

  /** Holds from now if the page floods, or probes whether it does (see PROBE_MS). */
  function startHolding(at: number, rate: number): void {
    // A probe starts once the page's rate over a probe's length is past FLOOD_RATE too: measured against a rate that
    // still counts a calm stream before it, a server's steady pace that has just begun would read as sped up.
    const before = probeRate.perSecond();
    if (rate > HOLD_RATE) hold();
    else if (rate > FLOOD_RATE && before > FLOOD_RATE && mayProbe(at)) startProbe(at);
  }

  /**
   * Probes from `at` (see PROBE_MS). Its measure of the page's rate before counts only past FLOOD_RATE: a probe that
   * a relay's keeping began may start as a stream does, and then holds on only if the rate passes HOLD_RATE.
   */
  function startProbe(at: number): void {
    const before = probeRate.perSecond();
    watch();
    mode = 'probing';
    probe = { startedAt: at, from: epochNow(), before: before > FLOOD_RATE ? before : Infinity };
  }

  tellSource();
  return {
    /** What the panel holds now, for the toolbar. */
    state,
    /** The page's rate, in records a second, as its batches' own times tell (src/page-rate.ts). */
    perSecond: () => pageRate.perSecond(),
    /**
     * A message from the port, with its batches' times and records and their text's length (none: not records), and
     * whether a relay kept them while the panel held (their times were told by `tally` then, and count no more).
     */
    take(message: T, batches: readonly BatchTime[], chars: number, kept = false): void {
      let records = 0;
      for (const batch of batches) records += batch.records;
      const at = clock.now();
      if (kept) {
        keptRecords = Math.max(0, keptRecords - records);
        keptCameAt = at;
      } else {
        count(batches, at);
        if (mode === 'live' && mayHold()) startHolding(at, pageRate.perSecond());
      }
      tellSource(); // Show now's flood may have ended
      if (mode === 'live') return read(message);
      queue.push({ message, records, chars });
      heldRecords += records;
      heldChars += chars;
      if (heldRecords + keptRecords <= MAX_HELD.records && heldChars <= MAX_HELD.chars) return publish();
      liveUntilCalm = true;
      if (mode === 'holding' || mode === 'probing') stopHolding(at);
      else readAll(); // a new flood while catching up
    },
    /**
     * The batches the relay of document `documentId` keeps for the panel (see `holdAtSource`): while it holds or
     * probes, or since the relay saw a stream past FLOOD_RATE, which the panel then holds or probes if it would.
     */
    tally(documentId: string, batches: readonly TalliedBatch[]): void {
      const at = clock.now();
      count(batches, at);
      for (const batch of batches) {
        keptRecords += batch.records;
        setRecent(keptUpTo, documentId, Math.max(keptUpTo.get(documentId) ?? 0, batch.firstSeq + batch.records));
      }
      // A relay keeps a stream past FLOOD_RATE: the panel holds it, or probes it (a tally told after the panel said
      // `no` comes to neither: the relay sends what it kept).
      if (mode === 'live' && mayHold()) {
        if (pageRate.perSecond() > HOLD_RATE) hold();
        else if (mayProbe(at)) startProbe(at);
      }
      if (mode === 'holding') publish();
      tellSource();
    },
    /**
     * Reads everything held, at once: before what reads the whole capture or changes how records are taken in (the
     * stores' `readHeld`, store/index.ts). Holding goes on if the flood does.
     */
    readAll,
    /** Reads everything held, and holds nothing more until the flood ends (the toolbar's Show now). */
    showNow(): void {
      liveUntilCalm = true;
      readAll();
    },
    /** While `on`, nothing is held, and what was is read at once. */
    setExempt(on: boolean): void {
      exempt = on;
      if (on) readAll();
      else tellSource();
    },
  };
}

export type FloodHold = ReturnType<typeof createFloodHold<unknown>>;
