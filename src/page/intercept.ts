/**
 * Breakpoints in the page: a Socket.IO packet that matches one is held here (before the network for `sent`, before
 * the page's listeners for `received`) until the panel forwards or drops it. Each connection has one lane per
 * direction; frames behind a held packet wait in it, in order, except Engine.IO control packets (ping, pong, noop,
 * upgrade, probe), which always pass, so the session's heartbeat goes on whatever is held.
 */
import { MESSAGE_PROTOCOL_VERSION, type Direction, type InjectedFrame, type InterceptMark } from '../messages';
import { matchesWire, readWireHeader, type WireMatcher } from '../protocol/wire-match';
import { dispatchBatch } from './channel';
import { countError } from './errors';
import { bare, natives, now, then } from './natives';
import { capturePayload } from './payload';
import { json } from './serialize';

/** At most this many packets are held in the document; beyond, matching packets pass (and the error is counted). */
const MAX_HOLDS = 1000;
/** At most this many frames wait in one lane; beyond, the lane's holds are let go unchanged (and the panel told). */
const MAX_WAITING = 10_000;

interface Hold {
  id: string;
  lane: Lane;
  /** The packet's frames as the page sent or received them: the header, then its binary attachments. */
  frames: unknown[];
  /** Attachments still to come before the packet is whole. */
  missing: number;
  /** What goes on once released (the frames, the panel's, or none: dropped); undefined while held. */
  out: unknown[] | undefined;
  time: number;
  /** What became of it (the panel's word; `let go` when released without the panel), once released. */
  mark: InterceptMark;
  /** Held for this long, in ms, once released. */
  heldMs: number;
}

interface Item {
  data: unknown;
  hold: Hold | undefined;
}

/** One direction of one connection. */
export interface Lane {
  connection: string;
  url: string;
  direction: Direction;
  /**
   * Lets one frame go on for real (sends it, or delivers it to the page's listeners) and records it, with the intercept
   * mark (JSON) of its packet when it was held.
   */
  pass(data: unknown, mark?: string): void;
  /** Records a frame of a dropped packet, marked: it never went on. */
  note(data: unknown, mark: string): void;
  /** The data of a frame the panel wrote. */
  make(frame: InjectedFrame): unknown;
  /** A polling session's lane: its frames are the packets of bodies, binary ones as `b<base64>` text. */
  polling: boolean;
  items: Item[];
  first: number;
  collecting: Hold | undefined;
}

let matchers = bare<WireMatcher[]>([]);
/** The packets held now, in the order they were held. */
let held = bare<Hold[]>([]);
/** Holds made so far: their ids count up. */
let holdCount = 0;

export function createLane(
  connection: string,
  url: string,
  direction: Direction,
  pass: (data: unknown, mark?: string) => void,
  note: (data: unknown, mark: string) => void,
  make: (frame: InjectedFrame) => unknown,
  polling = false,
): Lane {
  const items = bare<Item[]>([]);
  return bare({ connection, url, direction, pass, note, make, polling, items, first: 0, collecting: undefined });
}

/** Whether any breakpoint (or rule) is set. */
export function hasBreakpoints(): boolean {
  return matchers.length > 0;
}

/** Tells the relay (and so the panel) of packets now held and of holds let go without the panel asking. */
function tell(heldJson: string, released: string): void {
  const version = MESSAGE_PROTOCOL_VERSION;
  dispatchBatch(`{"type":"intercept","version":${version},"held":[${heldJson}],"released":[${released}]}`);
}

function announce(hold: Hold): void {
  const { frames, lane } = hold;
  const payloads = bare<string[]>([]);
  let waiting = frames.length;
  const done = () => {
    if (--waiting > 0) return;
    let list = '';
    for (let index = 0; index < payloads.length; index++) list += `${index ? ',' : ''}${payloads[index]}`;
    tell(
      `{"hold":${json(hold.id)},"connection":${json(lane.connection)},"url":${json(lane.url)},` +
        `"direction":"${lane.direction}","frames":[${list}],"time":${hold.time}}`,
      '',
    );
  };
  for (let index = 0; index < frames.length; index++) {
    const payload = capturePayload(frames[index]) ?? '{"text":"","size":0,"truncated":true}';
    if (typeof payload === 'string') {
      payloads[index] = payload;
      done();
    } else {
      void then(
        payload,
        (ready) => ((payloads[index] = ready), done()),
        () => ((payloads[index] = '{"text":"","size":0,"truncated":true}'), done()),
      );
    }
  }
}

function holdIfMatching(lane: Lane, text: string): Hold | undefined {
  const header = readWireHeader(text);
  // Over polling a packet's attachments are packets of their own: binary packets wait in order but are not held.
  if (!header || (lane.polling && header.attachments > 0)) return undefined;
  for (let index = 0; index < matchers.length; index++) {
    if (!matchesWire(matchers[index], lane.direction, text, header)) continue;
    if (held.length >= MAX_HOLDS) {
      countError('intercept');
      return undefined;
    }
    const frames = bare<unknown[]>([text]);
    const id = `h${++holdCount}`;
    const missing = header.attachments;
    const hold: Hold = bare({ id, lane, frames, missing, out: undefined, time: now(), mark: 'let go', heldMs: 0 });
    held[held.length] = hold;
    if (hold.missing > 0) lane.collecting = hold;
    return hold;
  }
  return undefined;
}

/** The record's intercept mark of a released hold (FramePayload of the original header frame when it was edited). */
function markJson(hold: Hold): string {
  const edited = hold.out !== hold.frames && hold.out!.length > 0;
  const original = edited ? `,"original":${capturePayload(hold.frames[0]) as string}` : '';
  return `{"mark":${json(hold.mark)},"heldMs":${hold.heldMs}${original}}`;
}

/** Runs `run` on each frame; one that throws is counted, and the others still run. */
function each(frames: unknown[], run: (data: unknown) => void): void {
  for (let index = 0; index < frames.length; index++) {
    try {
      run(frames[index]);
    } catch {
      countError('intercept');
    }
  }
}

/** Lets through the lane's frames up to its first packet still held; a dropped packet's frames are recorded only. */
function drain(lane: Lane): void {
  while (lane.first < lane.items.length) {
    const { data, hold } = lane.items[lane.first];
    if (hold && !hold.out) return;
    lane.first++;
    const out = hold ? hold.out! : bare([data]);
    const mark = hold ? markJson(hold) : undefined;
    if (hold && out.length === 0) each(hold.frames, (data) => lane.note(data, mark!));
    each(out, (data) => lane.pass(data, mark));
  }
  lane.items = bare<Item[]>([]);
  lane.first = 0;
}

/** Takes the hold out of the held list. */
function unlist(hold: Hold): void {
  const kept = bare<Hold[]>([]);
  for (let index = 0; index < held.length; index++) if (held[index] !== hold) kept[kept.length] = held[index];
  held = kept;
}

/** Whether the lane lets every frame pass now: nothing waits in it and no breakpoint is set. */
export function isIdle(lane: Lane): boolean {
  return lane.first === lane.items.length && matchers.length === 0;
}

/**
 * A frame of the page on `lane`: true when the hook keeps it (held, or waiting behind a held packet), false when it
 * goes on now. Cheap while nothing is set: one comparison.
 */
export function offer(lane: Lane, data: unknown): boolean {
  if (isIdle(lane)) return false;
  const busy = lane.first < lane.items.length;
  const text = typeof data === 'string' ? data : undefined;
  const isMessage = text === undefined || text[0] === '4' || (lane.polling && text[0] === 'b');
  if (!isMessage) return false; // an Engine.IO control packet always passes
  const collecting = lane.collecting;
  if (collecting && text === undefined) {
    collecting.frames[collecting.frames.length] = data;
    if (--collecting.missing === 0) {
      lane.collecting = undefined;
      announce(collecting);
    }
    return true;
  }
  if (collecting) {
    lane.collecting = undefined;
    collecting.missing = 0;
    announce(collecting);
  }
  if (busy && lane.items.length - lane.first >= MAX_WAITING) {
    countError('intercept');
    releaseLane(lane);
    return false;
  }
  const hold = text === undefined ? undefined : holdIfMatching(lane, text);
  if (!busy && !hold) return false;
  lane.items[lane.items.length] = bare({ data, hold });
  // Announced once in its lane: pinned rules answer at once, within this call (the relay hears the hook synchronously).
  if (hold && hold.missing === 0) announce(hold);
  return true;
}

/** The panel's verdict on a held packet, and its mark; false when it is not held. */
export function release(
  id: string,
  verdict: 'forward' | 'drop',
  frames: InjectedFrame[] | undefined,
  mark: InterceptMark | undefined,
): boolean {
  let hold: Hold | undefined;
  for (let index = 0; index < held.length; index++) if (held[index].id === id) hold = held[index];
  if (!hold || hold.missing > 0) return false;
  const { lane } = hold;
  const out = bare<unknown[]>([]);
  if (verdict === 'forward' && frames)
    for (let index = 0; index < frames.length; index++) out[index] = lane.make(frames[index]);
  hold.out = verdict === 'drop' ? out : frames ? out : hold.frames;
  hold.mark = mark ?? (verdict === 'drop' ? 'dropped' : frames ? 'edited' : 'forwarded');
  hold.heldMs = now() - hold.time;
  unlist(hold);
  drain(lane);
  return true;
}

/** Lets every packet of the lane go on unchanged (its connection closed, or it overflowed), and says so. */
export function releaseLane(lane: Lane): void {
  let released = '';
  const kept = bare<Hold[]>([]);
  for (let index = 0; index < held.length; index++) {
    const hold = held[index];
    if (hold.lane !== lane) kept[kept.length] = hold;
    else {
      hold.out = hold.frames;
      hold.heldMs = now() - hold.time;
      released += `${released ? ',' : ''}${json(hold.id)}`;
    }
  }
  held = kept;
  lane.collecting = undefined;
  drain(lane);
  if (released) tell('', released);
}

/** The panel's breakpoints (an empty list turns them off); `releaseAll` lets every held packet go on unchanged. */
export function setBreakpoints(list: WireMatcher[], releaseAll: boolean): void {
  matchers = list;
  if (!releaseAll) return;
  const lanes = bare<Lane[]>([]);
  for (let index = 0; index < held.length; index++) lanes[lanes.length] = held[index].lane;
  for (let index = 0; index < lanes.length; index++) releaseLane(lanes[index]);
}

/** A breakpoint's regular expression as a test over a frame's text, compiled with the saved RegExp. */
export function compilePattern(pattern: string): ((text: string) => boolean) | undefined {
  try {
    const regex = new natives.RegExp(pattern);
    return (text) => natives.apply(natives.regExpExec, regex, [text]) !== null;
  } catch {
    return undefined;
  }
}
