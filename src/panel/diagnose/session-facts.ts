// What the rules share about each session: its open packet, the client's heartbeat timer, its namespaces, whether it
// runs on WebSocket, and how it ended. Kept for a bounded number of sessions (the oldest go first).
import type { EioVersion, OpenInfo, Packet, Transport } from '../../protocol';
import type { Session } from '../decode/sessions';
import { BoundedMap } from './bounded';
import { clientEio, httpErrorOf, isPageHeartbeat, isServerHeartbeat, isUnparsable, urlKey } from './facts';
import type { ConnectionEvent } from './types';

const MAX_SESSIONS = 5_000;

/** What the capture shows of a session's end. */
export type EndSignal =
  | { kind: 'close-packet'; packet: Packet }
  | { kind: 'websocket-close'; code: number; wasClean: boolean }
  | { kind: 'http-error'; packet: Packet }
  | { kind: 'request-failed'; transport: Transport }
  /** The page navigated away: its sessions went with it, no problem in that. */
  | { kind: 'navigated' };

export interface SessionFacts {
  readonly session: Session;
  readonly eio: EioVersion;
  /** Its Engine.IO endpoint (see urlKey): sessions of one URL share it. */
  readonly url: string;
  readonly first: { time: number; packet: Packet };
  open?: OpenInfo;
  openPacket?: Packet;
  /** The client's heartbeat timer: when it last started, how long it runs, and the packet that started it. */
  heartbeat?: { from: number; allowed: number; packet: Packet };
  /** Opened on a WebSocket, or upgraded to one (the page sent `5`). */
  onWebSocket: boolean;
  /** Namespaces the server accepted; those disconnected, by the side that sent the DISCONNECT. */
  connected: Set<string>;
  disconnected: Map<string, 'sent' | 'received'>;
  /** The latest received packet the decoder flagged: a client would fail to parse it. */
  lastReceivedError?: Packet;
  /**
   * The latest received packets whose arguments were not checked yet (see Packet.argsUnchecked), at most
   * RECENT_UNCHECKED: a client fails on a packet it cannot parse at once, so only the last few can explain an end,
   * and they are checked only then (see receivedError).
   */
  recentUnchecked: Packet[];
  end?: { time: number; signal: EndSignal };
}

const RECENT_UNCHECKED = 8;

/** The latest received packet a client would fail to parse, its arguments checked now if they were not yet. */
export function receivedError(facts: SessionFacts): Packet | undefined {
  let latest = facts.lastReceivedError;
  for (const packet of facts.recentUnchecked)
    if (isUnparsable(packet) && (!latest || packet.time >= latest.time)) latest = packet;
  return latest;
}

/** Takes in a received packet: a flagged one is the latest error; one with unchecked arguments waits among the last. */
function noteReceived(facts: SessionFacts, packet: Packet): void {
  if (!packet.argsUnchecked) {
    if (isUnparsable(packet)) facts.lastReceivedError = packet;
    return;
  }
  if (facts.recentUnchecked.length === RECENT_UNCHECKED) facts.recentUnchecked.shift();
  facts.recentUnchecked.push(packet);
}

/** When the client's heartbeat timer runs out: it then closes the session with "ping timeout". */
export function heartbeatDeadline(facts: SessionFacts): number | undefined {
  return facts.heartbeat && facts.heartbeat.from + facts.heartbeat.allowed;
}

/**
 * The client's heartbeat timer after `packet` (engine.io-client): v4 restarts it at the open packet and each ping,
 * for pingInterval + pingTimeout; v3 at every packet received, and for pingTimeout only after each ping it sends.
 */
function heartbeatAfter(facts: SessionFacts, packet: Packet): SessionFacts['heartbeat'] {
  const open = packet.open ?? facts.open;
  if (!open) return undefined;
  const full = open.pingInterval + open.pingTimeout;
  const from = packet.time;
  if (packet.open || isServerHeartbeat(packet, facts.eio)) return { from, allowed: full, packet };
  if (facts.eio === 3 && packet.direction === 'received') return { from, allowed: full, packet };
  if (facts.eio === 3 && isPageHeartbeat(packet, facts.eio)) return { from, allowed: open.pingTimeout, packet };
  return facts.heartbeat;
}

/** How a packet ends its session, if it does. */
function endingSignal(facts: SessionFacts, packet: Packet): EndSignal | undefined {
  if (packet.eioType === 'close') return { kind: 'close-packet', packet };
  if (httpErrorOf(packet) && !(facts.onWebSocket && packet.transport === 'polling'))
    return { kind: 'http-error', packet };
  return undefined;
}

export function createSessionFacts() {
  const bySession = new BoundedMap<Session, SessionFacts>(MAX_SESSIONS);
  /** The facts last asked for: packets come in runs of one session. */
  let latest: SessionFacts | undefined;

  return {
    /** The facts of a packet's session, created at its first packet (then `first.packet === packet`). */
    of(session: Session, packet: Packet): SessionFacts {
      if (latest?.session === session) return latest;
      let facts = bySession.get(session);
      if (!facts) {
        facts = {
          session,
          eio: clientEio(session),
          url: urlKey(session.url),
          first: { time: packet.time, packet },
          onWebSocket: false,
          connected: new Set(),
          disconnected: new Map(),
          recentUnchecked: [],
        };
        bySession.set(session, facts);
      }
      return (latest = facts);
    },
    get: (session: Session | undefined) => (session ? bySession.get(session) : undefined),
    /** Takes a packet in; returns true when it ended the session. */
    update(facts: SessionFacts, packet: Packet): boolean {
      if (packet.open) {
        facts.open = packet.open;
        facts.openPacket = packet;
        if (packet.transport === 'websocket') facts.onWebSocket = true;
      }
      facts.heartbeat = heartbeatAfter(facts, packet);
      if (packet.eioType === 'upgrade' && packet.direction === 'sent') facts.onWebSocket = true;
      if (packet.sioType === 'CONNECT' && packet.direction === 'received') facts.connected.add(packet.namespace ?? '/');
      if (packet.sioType === 'DISCONNECT') facts.disconnected.set(packet.namespace ?? '/', packet.direction);
      if (packet.direction === 'received') noteReceived(facts, packet);
      return this.end(facts, packet.time, endingSignal(facts, packet));
    },
    /** Takes a connection event in; returns true when it ended the session (its own transport closed or failed). */
    connection(facts: SessionFacts | undefined, event: ConnectionEvent): boolean {
      if (!facts || event.kind === 'open') return false;
      if ((event.transport === 'websocket') !== facts.onWebSocket) return false;
      const signal: EndSignal =
        event.kind === 'close' && event.transport === 'websocket'
          ? { kind: 'websocket-close', code: event.code ?? 1006, wasClean: event.wasClean ?? false }
          : { kind: 'request-failed', transport: event.transport };
      return this.end(facts, event.time, signal);
    },
    /** Marks the session ended (the first signal only); returns whether it did. */
    end(facts: SessionFacts, time: number, signal: EndSignal | undefined): boolean {
      if (!signal || facts.end) return false;
      facts.end = { time, signal };
      return true;
    },
    /** The sessions that have not ended. */
    *alive(): Generator<SessionFacts> {
      for (const facts of bySession.values()) if (!facts.end) yield facts;
    },
  };
}

export type SessionFactsStore = ReturnType<typeof createSessionFacts>;
