import { MESSAGE_PROTOCOL_VERSION, type CaptureSettings, type Direction } from '../messages';
import { createFloodInterval, createPacer } from '../pacer';
import { dispatchBatch } from './channel';
import { capturedErrorsJson, countError } from './errors';
import { bare, call, natives, then } from './natives';
import { capturePayload, setMaxFrameSize } from './payload';
import { batchHead, batchTail, frameRecord, type ConnectionFields, type Payload } from './serialize';

/**
 * A record ready for the relay: its JSON text, the connection it names (described in its batch's table), and what the
 * head of its batch declares about it (`head`: one of the records the relay keeps apart, see HEAD_FRAMES: opens,
 * closes, errors, first frames). Its prototype chain ends at a prototype-free prototype, so no lookup of a missing
 * property (a promise resolved with one looks up `then`) reaches a prototype the page can change.
 */
export class Entry {
  constructor(
    readonly text: string,
    readonly connection: ConnectionFields,
    readonly head: boolean,
    readonly frame: boolean,
    readonly time: number,
  ) {}
}
natives.setPrototypeOf(Entry.prototype, null);

/**
 * Records are handed over in batches, at most this often. Each hand-over costs the page's thread the same whatever
 * the batch holds (a timer, an event into the relay's world, the relay's bookkeeping and, while a panel listens, its
 * message to the background; about as much as recording a few dozen frames): while a panel listens, batches go often,
 * for its latency (less often under a flood, see floodIntervalMs, and when handing over costs more than
 * HAND_OVER_LOAD's share of the page's thread); while none does, the relay only keeps them, and rarer, larger batches
 * cost the page less.
 */
const FLUSH_INTERVAL_MS = { panelListening: 5, noPanel: 100 };
/** While a panel listens, handing over takes at most this share of the page's thread (the relay's work included). */
const HAND_OVER_LOAD = bare({ share: 0.05, maxMs: 25 });
/**
 * A batch whose text reaches this many characters goes at once, whatever the interval: what the hook holds for the
 * relay stays small within the idle budget (see the relay's RESERVED_BYTES), and a few frames near the size cap never
 * add up to more than the relay takes in one message (MAX_PAGE_MESSAGE_CHARS).
 */
const MAX_BATCH_CHARS = 256 * 1024;
/** What the hook holds until the relay is ready (it normally is within milliseconds); beyond it, records are lost. */
const BEFORE_READY = { records: 10_000, chars: 4 * 1024 * 1024 };

/** `waiting` for the relay's settings, `ready` to hand over, or `off` on a page the settings do not capture. */
let state: 'waiting' | 'ready' | 'off' = 'waiting';
let panelListening = false;

/**
 * The batch being filled: a run of records of one class (head or not), so that seq order stays record order. Its
 * records' texts are joined once, when it closes (one flat string, rather than a rope of every record to flatten), as
 * are the descriptions of the connections they name (`described`). Runs are numbered from 1 (`runNumber`).
 */
let run = bare<string[]>([]);
let described = bare<string[]>([]);
let runNumber = 1;
let runChars = 0;
let runCount = 0;
let runFrames = 0;
let runHead = false;
let runTime = 0;
/** Batches closed before the relay was ready, in order. */
let closed = bare<string[]>([]);
let heldRecords = 0;
let heldChars = 0;

function closeRun(): void {
  if (runCount === 0) return;
  const head = batchHead(MESSAGE_PROTOCOL_VERSION, runCount, runFrames, runHead, runTime, capturedErrorsJson());
  const text = `${head}${call(natives.arrayJoin, run, ',')}${batchTail(call(natives.arrayJoin, described, ','))}`;
  run = bare<string[]>([]);
  described = bare<string[]>([]);
  runNumber++;
  runCount = runFrames = runChars = 0;
  if (state === 'ready') dispatchBatch(text);
  else closed[closed.length] = text;
}

/** Records queued since the last hand-over: their rate stretches the interval under a flood. */
let queuedSinceFlush = 0;
const floodInterval = createFloodInterval(FLUSH_INTERVAL_MS.panelListening);

function flush(sincePreviousMs: number): void {
  const started = natives.now();
  for (let index = 0; index < closed.length; index++) dispatchBatch(closed[index]);
  closed = bare<string[]>([]);
  closeRun();
  if (panelListening) {
    pacer.setIntervalMs(floodInterval(queuedSinceFlush, sincePreviousMs));
    pacer.spent(natives.now() - started);
  }
  queuedSinceFlush = 0;
}

const pacer = createPacer(
  flush,
  FLUSH_INTERVAL_MS.noPanel,
  bare({ now: natives.now, setTimeout: natives.setTimeout }),
  HAND_OVER_LOAD,
);

/** Queues a record for the relay; records are handed over in batches (see createPacer), once the relay is ready. */
export function queueRecord(entry: Entry): void {
  if (state === 'off') return;
  if (state === 'waiting') {
    // Counted with its connection's description, which its batch may carry.
    const chars = entry.text.length + entry.connection.described.length;
    if (heldRecords >= BEFORE_READY.records || heldChars + chars > BEFORE_READY.chars) {
      countError('channel');
      return;
    }
    heldRecords++;
    heldChars += chars;
  }
  if (runCount > 0 && entry.head !== runHead) closeRun();
  if (runCount === 0) {
    runHead = entry.head;
    runTime = entry.time;
  }
  queuedSinceFlush++;
  run[runCount++] = entry.text;
  runChars += entry.text.length;
  const { connection } = entry;
  if (connection.run !== runNumber) {
    connection.run = runNumber;
    described[described.length] = connection.described;
    runChars += connection.described.length;
  }
  if (entry.frame) runFrames++;
  if (state !== 'ready') return;
  if (runChars >= MAX_BATCH_CHARS) pacer.runNow();
  else pacer.request();
}

/** The relay read the settings: hand over what waits (and from now on), or, on a page not captured, drop it all. */
export function onReady(settings: CaptureSettings): void {
  if (state !== 'waiting') return;
  if (!settings.capture) {
    state = 'off';
    run = bare<string[]>([]);
    described = bare<string[]>([]);
    runNumber++;
    runCount = runChars = 0;
    closed = bare<string[]>([]);
    return;
  }
  setMaxFrameSize(settings.maxFrameSize);
  state = 'ready';
  pacer.runNow();
}

/** A panel starts or stops listening: pace for it, and hand over at once what waits. */
export function onPanel(listening: boolean): void {
  panelListening = listening;
  pacer.setIntervalMs(listening ? FLUSH_INTERVAL_MS.panelListening : FLUSH_INTERVAL_MS.noPanel);
  if (state === 'ready') pacer.runNow();
}

/** Whether anything is recorded on this page (false once the settings say it is not captured). */
export function isCapturing(): boolean {
  return state !== 'off';
}

export function isPanelListening(): boolean {
  return panelListening;
}

/** An entry, or the promise of one (a payload read asynchronously), as one connection logs it. */
export type Logged = Entry | Promise<Entry | undefined>;

interface Slot {
  entry: Entry | undefined;
  settled: boolean;
}

/**
 * Records of one connection, kept in order even when a payload (a Blob) can only be read asynchronously: once one
 * record waits, the later ones of the same connection wait behind it. No promise is chained (a promise returned from
 * a callback would be resolved through its `then`, which a page may patch): slots wait in an array instead.
 */
export function createConnectionLog(kind: 'websocket' | 'xhr' | 'fetch'): (logged: Logged) => void {
  let slots = bare<Slot[]>([]);
  let first = 0;
  const drain = () => {
    while (first < slots.length && slots[first].settled) {
      const { entry } = slots[first++];
      if (entry) queueRecord(entry);
    }
    if (first === slots.length) {
      slots = bare<Slot[]>([]);
      first = 0;
    }
  };
  return (logged) => {
    const ready = logged instanceof Entry;
    if (ready && first === slots.length) return queueRecord(logged);
    const slot: Slot = bare({ entry: ready ? logged : undefined, settled: ready });
    slots[slots.length] = slot;
    if (ready) return;
    const settle = (entry: Entry | undefined) => {
      slot.entry = entry;
      slot.settled = true;
      drain();
    };
    void then(logged, settle, () => {
      countError(kind);
      settle(undefined);
    });
  };
}

/**
 * Logs a WebSocket frame's record (once its bytes are read, for a Blob): false when its data is no payload, and then
 * nothing is logged. The frame's fields come as arguments: an object per frame (prototype-free, as the hook's objects
 * are) cost the page about 1 µs a frame.
 */
export function logSocketFrame(
  log: (logged: Logged) => void,
  json: ConnectionFields,
  direction: Direction,
  data: unknown,
  head: boolean,
  time: number,
  injected: boolean,
  intercept?: string,
): boolean {
  const payload = capturePayload(data);
  if (payload === undefined) return false;
  const record = (ready: Payload) =>
    new Entry(
      frameRecord(json, direction, ready, time, injected, undefined, undefined, intercept),
      json,
      head,
      true,
      time,
    );
  log(typeof payload === 'string' ? record(payload) : then(payload, record));
  return true;
}
