/**
 * Breakpoints on polling sessions. One Engine.IO session (its `sid`) has a lane per direction, as a WebSocket has;
 * its frames are the packets of the bodies. A body's packets go through the lane: what passes now makes the body the
 * page reads (received) or the server gets (sent); what is held, and what waits behind it, goes in the session's next
 * body of that direction once released (the page polls again within pingInterval: v4 servers ping, v3 clients do).
 * Control packets (a ping among them) always pass, so the heartbeat goes on whatever is held; a body left with no
 * packet becomes a noop, so the page's polling loop goes on too.
 */
import type { Direction, InjectedFrame } from '../messages';
import { queryParam } from './engineio-url';
import { countError } from './errors';
import { createLane, hasBreakpoints, offer, releaseLane, type Lane } from './intercept';
import { bare, call, mapGet, natives } from './natives';
import { joinPollingBody, splitPollingBody } from './polling-frames';

/** The prefix of a polling session's connection id, before its sid. */
const POLLING_PREFIX = 'poll-';

/** At most this many polling sessions are followed; beyond, the oldest with nothing waiting is let go. */
const MAX_SESSIONS = 64;

interface PollingSession {
  eio: 3 | 4;
  sent: Lane;
  received: Lane;
  /** Packets to go in the next body of each direction, in order. */
  outbox: { sent: string[]; received: string[] };
}

const sessions = new natives.Map<string, PollingSession>();
/** The sessions' ids, oldest first. */
let order = bare<string[]>([]);

/** The frame of a packet the panel wrote: its text (a binary one is `b<base64>`, Engine.IO v4's form). */
function packetText(frame: InjectedFrame): string {
  return 'text' in frame ? frame.text : `b${frame.base64}`;
}

function isWaiting(session: PollingSession): boolean {
  const { sent, received, outbox } = session;
  return sent.items.length + received.items.length + outbox.sent.length + outbox.received.length > 0;
}

/** Makes room for one more session; false when every session has packets waiting. */
function makeRoom(): boolean {
  if (order.length < MAX_SESSIONS) return true;
  for (let index = 0; index < order.length; index++) {
    const session = mapGet(sessions, order[index]);
    if (session && !isWaiting(session)) {
      forget(order[index]);
      return true;
    }
  }
  return false;
}

function createSession(sid: string, url: string, eio: 3 | 4): PollingSession | undefined {
  if (!makeRoom()) return void countError('intercept');
  const outbox = bare({ sent: bare<string[]>([]), received: bare<string[]>([]) });
  const connection = `${POLLING_PREFIX}${sid}`;
  const pass = (direction: Direction) => (data: unknown) => {
    const list = outbox[direction];
    list[list.length] = data as string;
  };
  const unmarked = () => undefined; // a body's packets are recorded as one body: no per-packet marks over polling
  const lane = (direction: Direction) =>
    createLane(connection, url, direction, pass(direction), unmarked, packetText, true);
  const session: PollingSession = bare({ eio, sent: lane('sent'), received: lane('received'), outbox });
  call(natives.mapSet, sessions, sid, session);
  order[order.length] = sid;
  return session;
}

/** Whether polling bodies may be changed now: a breakpoint is set, or a session has packets waiting. */
export function isInterceptingPolling(): boolean {
  return hasBreakpoints() || order.length > 0;
}

/**
 * The body the page reads (`received`) or the server gets (`sent`) in place of this polling body, or undefined when
 * it stays as it is. Cheap while no breakpoint is set and nothing waits: one comparison.
 */
export function interceptPollingBody(url: string, direction: Direction, body: string): string | undefined {
  if (!isInterceptingPolling()) return undefined;
  const sid = queryParam(url, 'sid');
  if (sid === undefined) return undefined;
  const eio = queryParam(url, 'EIO') === '3' ? 3 : 4;
  const session = mapGet(sessions, sid) ?? (hasBreakpoints() ? createSession(sid, url, eio) : undefined);
  if (!session) return undefined;
  const packets = splitPollingBody(body, eio);
  if (!packets) return undefined;
  const lane = session[direction];
  const outbox = session.outbox[direction];
  for (let index = 0; index < packets.length; index++) {
    if (!offer(lane, packets[index])) outbox[outbox.length] = packets[index];
  }
  session.outbox[direction] = bare<string[]>([]);
  if (!hasBreakpoints() && !isWaiting(session)) forget(sid);
  const replaced = joinPollingBody(outbox, eio);
  return replaced === body ? undefined : replaced;
}

function forget(sid: string): void {
  call(natives.mapDelete, sessions, sid);
  const kept = bare<string[]>([]);
  for (let index = 0; index < order.length; index++) if (order[index] !== sid) kept[kept.length] = order[index];
  order = kept;
}

/** The session ended (a request failed): what waits in it is let go (and the panel told), and it is forgotten. */
export function endPollingSession(url: string): void {
  const sid = queryParam(url, 'sid');
  const session = sid === undefined ? undefined : mapGet(sessions, sid);
  if (!session || sid === undefined) return;
  releaseLane(session.sent);
  releaseLane(session.received);
  forget(sid);
}

/** Whether a connection id names a polling session (rather than a WebSocket or a WebTransport stream). */
export function isPollingConnection(connection: string): boolean {
  return call(natives.stringSlice, connection, 0, POLLING_PREFIX.length) === POLLING_PREFIX;
}

/** Frames for the page (`deliver`) of a polling session: they go in its next received body. False when unknown. */
export function deliverToPolling(connection: string, frames: InjectedFrame[]): boolean {
  const sid = call(natives.stringSlice, connection, POLLING_PREFIX.length);
  const session = isPollingConnection(connection) ? mapGet(sessions, sid) : undefined;
  if (!session) return false;
  const outbox = session.outbox.received;
  for (let index = 0; index < frames.length; index++) outbox[outbox.length] = packetText(frames[index]);
  return true;
}
