// The panel's hot paths warmed on a made-up session while it is idle after it opens: V8 (and SpiderMonkey) compile a
// function for speed only after it has run a while, so without this the first live events a panel shows are read,
// decoded, checked and drawn by cold code, and come later than the ones after them.
import { render } from 'preact';
import { MESSAGE_PROTOCOL_VERSION, type PageRecord } from '../messages';
import { writeRecordsBatch } from '../written-batch';
import { Timeline } from './components/Timeline';
import type { FloodHoldState } from './flood-hold';
import { createBatchReader } from './read-batches';
import { createPanelStores, type PanelStores } from './store';
import { applyMessage, type CaptureStore } from './store/capture';
import { syncProblems } from './store/problems';
import { syncTimeline } from './store/timeline';

/** The made-up session's batches, of RECORDS_PER_BATCH records each: 3,200 records, a second of a busy session. */
export const WARM_UP_BATCHES = 40;
const RECORDS_PER_BATCH = 80;

/** A URL no page has: the session is the warm-up's own, in stores of its own. */
const URL = 'ws://warm-up.invalid/socket.io/?EIO=4&transport=websocket';

function frame(direction: 'sent' | 'received', text: string, time: number): PageRecord {
  const payload = { text, size: text.length, truncated: false };
  return { kind: 'frame', connection: 'warm-up', transport: 'websocket', url: URL, direction, payload, time };
}

/** The session's start: the socket opens, Engine.IO's handshake, Socket.IO's CONNECT. */
function handshake(time: number): PageRecord[] {
  return [
    { kind: 'open', connection: 'warm-up', transport: 'websocket', url: URL, time },
    frame(
      'received',
      '0{"sid":"warm-up","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1e6}',
      time,
    ),
    frame('sent', '40', time),
    frame('received', '40{"sid":"warm-up-socket"}', time),
  ];
}

/**
 * Batch `b` of the session: events both ways, one in ten an acked question with its answer, one in forty a ping and
 * its pong: the kinds of packets a live session brings most.
 */
function batch(b: number, start: number): PageRecord[] {
  const records: PageRecord[] = [];
  for (let i = b * RECORDS_PER_BATCH; records.length < RECORDS_PER_BATCH; i++) {
    const time = start + i / 4;
    if (i % 40 === 39) records.push(frame('received', '2', time), frame('sent', '3', time));
    else if (i % 10 === 9)
      records.push(
        frame('sent', `42${i}["question",{"n":${i},"text":"question ${i}"}]`, time),
        frame('received', `43${i}[{"ok":true,"n":${i}}]`, time),
      );
    else {
      const text = `42["message",{"n":${i},"user":"user ${i % 7}","text":"hello ${i}"}]`;
      records.push(frame(i % 3 ? 'received' : 'sent', text, time));
    }
  }
  return records;
}

export interface WarmUp {
  /** Runs the next step; whether steps are left. */
  step(): boolean;
  /** Lets its rows go. */
  stop(): void;
}

/**
 * The warm-up, one batch a step: read as the relays' batches are, taken into the capture, decoded, checked by the
 * Problems rules and drawn as Packets rows, in stores of its own and in an element that is never in the document.
 */
export function createWarmUp(): WarmUp & { readonly stores: PanelStores } {
  const stores = createPanelStores();
  const readBatches = createBatchReader();
  const host = document.createElement('div');
  const start = Date.now();
  let next = 0;
  let seq = 1;
  const take = (records: PageRecord[]) => {
    const text = writeRecordsBatch(records);
    const message = readBatches({
      type: 'batches',
      version: MESSAGE_PROTOCOL_VERSION,
      tabId: -1,
      frameId: 0,
      documentId: 'warm-up',
      batches: [{ kind: 'batch', firstSeq: seq, count: records.length, text }],
      dropped: 0,
      kept: false,
    });
    seq += records.length;
    applyMessage(stores.capture, message);
    syncTimeline(stores.timeline, stores.capture);
    syncProblems(stores.problems, stores.timeline, stores.capture);
    const { shown, columns } = stores;
    render(<Timeline shown={shown.value} selected={undefined} columns={columns} onSelect={() => undefined} />, host);
  };
  return {
    stores,
    step() {
      take(next === 0 ? [...handshake(start), ...batch(0, start)] : batch(next, start));
      return ++next < WARM_UP_BATCHES;
    },
    stop() {
      render(null, host);
    },
  };
}

/** The page's records the panel has had: taken into the capture, or held unread while the page floods. */
export function pageRecordsHad(capture: CaptureStore, flood: FloodHoldState): number {
  return capture.releasedRows + capture.rows.length + (flood.kind === 'live' ? 0 : flood.records);
}

/** The User Timing measure of the warm-up, from its start to its end; its detail says how many batches it ran. */
export const WARM_UP_MEASURE = 'Socket.IO Inspector warm-up';

/**
 * Past this many of the page's records, the panel's own traffic has warmed what the warm-up would (or the page floods,
 * and the panel holds its records unread: its time is the page's): it stops.
 */
export const LIVE_RECORDS_ENOUGH = 200;

/**
 * Runs the warm-up while the panel's main thread is idle, as many steps as each idle period has room for, until it is
 * done or `liveRecords()` (the page's records the panel had) reaches LIVE_RECORDS_ENOUGH. It is never in the way of
 * the panel's own work, and is done a few tenths of a second after the panel opens on a quiet page: before the first
 * live events in most sessions (a developer opens the panel, then acts).
 */
export function warmUpWhenIdle(liveRecords: () => number, makeWarmUp: () => WarmUp = createWarmUp): void {
  const startedAt = performance.now();
  // Made in the first idle period that runs a step, not as the panel starts (it builds stores of its own).
  let warmUp: WarmUp | undefined;
  let batches = 0;
  const slice = (deadline: IdleDeadline) => {
    let more = liveRecords() < LIVE_RECORDS_ENOUGH;
    while (more && deadline.timeRemaining() > 1) {
      more = (warmUp ??= makeWarmUp()).step();
      batches++;
    }
    if (more) {
      requestIdleCallback(slice);
      return;
    }
    warmUp?.stop();
    // On the panel's own timeline (DevTools' Performance panel, when one profiles the panel), and for the tests.
    performance.measure(WARM_UP_MEASURE, { start: startedAt, detail: { batches } });
  };
  requestIdleCallback(slice);
}
