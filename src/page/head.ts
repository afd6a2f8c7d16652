import { queryParam } from './engineio-url';
import { bare } from './natives';

/**
 * How many frames of each WebSocket connection and of each polling session are handed over as the head (the part the
 * relay keeps apart, so that a panel opened late still sees how every session began). 20 covers a socket.io session's
 * beginning with room to spare: over polling the handshake, the CONNECT POST and its `ok`, the CONNECT reply and the
 * GET a pending upgrade answers with a noop take about 8 frames; over a WebSocket the upgrade's `2probe`, `3probe` and
 * `5`, or the open packet of a WebSocket-only session, then a CONNECT and its reply per namespace, then the first events.
 */
export const HEAD_FRAMES = 20;

/** The most recent polling sessions, by sid, and how many of their frames were recorded: a ring of SESSIONS slots. */
const SESSIONS = 64;
const sids = bare<string[]>([]);
const counts = bare<number[]>([]);
let nextSlot = 0;

/**
 * Whether a polling frame belongs to its session's head: a request without a sid (the handshake) always does, the
 * others while their session (by sid) has had fewer than HEAD_FRAMES frames. A session pushed out of the ring by
 * SESSIONS newer ones starts over.
 */
export function isPollingHead(url: string): boolean {
  const sid = queryParam(url, 'sid');
  if (sid === undefined || sid === '') return true;
  let slot = -1;
  for (let index = 0; index < sids.length; index++) if (sids[index] === sid) slot = index;
  if (slot < 0) {
    slot = nextSlot;
    nextSlot = (nextSlot + 1) % SESSIONS;
    sids[slot] = sid;
    counts[slot] = 0;
  }
  return counts[slot]++ < HEAD_FRAMES;
}
