// Every disconnect, with the reason socket.io's client gives it, inferred from what the capture shows: a DISCONNECT
// packet, an Engine.IO close packet, a heartbeat that ran out, an HTTP error, a failed request, a WebSocket's close.
import type { Packet } from '../../../protocol';
import { formatTime } from '../../format';
import { httpErrorOf, quoted } from '../facts';
import { heartbeatDeadline, receivedError, type EndSignal, type SessionFacts } from '../session-facts';
import type { Finding, Rule, Severity } from '../types';

/** A received packet the client fails to parse ends the session this soon after, if nothing else does first. */
const PARSE_ERROR_WINDOW_MS = 1_000;

interface Reason {
  /** socket.io's disconnect reason. */
  reason: string;
  severity: Severity;
  detail: string;
  cause: string;
  fix: string;
  /** The packets that show it. */
  packets?: Packet[];
}

const WEBSOCKET_CODES: Record<number, string> = {
  1000: 'normal closure',
  1001: 'going away',
  1005: 'no status code',
  1006: 'abnormal closure: no closing handshake',
  1009: 'message too big',
  1011: 'server error',
};

const SERVER_CLOSED = {
  reason: 'transport close',
  severity: 'warning',
  cause: 'The server closed the connection: it shut down or restarted (io.close()), or closed this client on purpose.',
  fix: 'If the server restarted, the client reconnects by itself; otherwise look at the server logs at that time.',
} as const;

function websocketClose(code: number, wasClean: boolean, session: string): Reason {
  const detail = `The WebSocket of session ${session} closed with code ${code} (${WEBSOCKET_CODES[code] ?? 'see RFC 6455'}${wasClean ? '' : ', not clean'}) without a close packet.`;
  if (code === 1009)
    return {
      ...SERVER_CLOSED,
      severity: 'error',
      detail,
      cause: "A message exceeded the server's limit (its maxHttpBufferSize, the open packet's maxPayload).",
      fix: 'Send smaller messages (split them, or upload over HTTP), or raise maxHttpBufferSize in the server options.',
    };
  if (code === 1006 || !wasClean)
    return {
      ...SERVER_CLOSED,
      detail,
      cause:
        'The connection dropped without a closing handshake: the server process stopped, the network failed, or a proxy cut it (an idle timeout shorter than pingInterval).',
      fix: 'Check that the server stays up, and that proxies keep idle connections longer than pingInterval + pingTimeout.',
    };
  return {
    ...SERVER_CLOSED,
    detail,
    cause: 'The server or a proxy closed the WebSocket (or the page closed it without socket.disconnect()).',
  };
}

function endReason(facts: SessionFacts): Reason | undefined {
  const { end, session } = facts;
  // A session that never opened failed its handshake: the problem that refused it says why.
  if (!end || end.signal.kind === 'navigated' || !facts.open) return undefined;
  const error = receivedError(facts);
  if (error && end.time - error.time <= PARSE_ERROR_WINDOW_MS)
    return {
      reason: 'parse error',
      severity: 'error',
      detail: `Session ${session.id} received a packet the client cannot decode (${error.error ?? 'malformed'}) at ${formatTime(error.time)}, then ended.`,
      cause:
        'The server sent what the client cannot parse: a client and a server of different socket.io versions or parsers (msgpack on one side only), or a corrupted message.',
      fix: 'Use matching socket.io versions and the same parser on both sides.',
      packets: [error],
    };
  const deadline = heartbeatDeadline(facts);
  if (deadline !== undefined && end.time >= deadline)
    return {
      reason: 'ping timeout',
      severity: 'error',
      detail: `Session ${session.id} ended at ${formatTime(end.time)}, after its heartbeat limit passed at ${formatTime(deadline)}.`,
      cause:
        'No heartbeat came within pingInterval + pingTimeout (see the heartbeat problem): the client gave the connection up.',
      fix: 'Find why the heartbeat stopped: a blocked or restarting server, or a proxy holding the traffic.',
      packets: facts.heartbeat ? [facts.heartbeat.packet] : [],
    };
  return signalReason(session.id, end.signal);
}

/** The reason of an end that neither a parse error nor the heartbeat explains: what ended it says. */
function signalReason(session: string, signal: EndSignal): Reason | undefined {
  switch (signal.kind) {
    case 'close-packet':
      return signal.packet.direction === 'received'
        ? {
            ...SERVER_CLOSED,
            detail: `The server sent the Engine.IO close packet to session ${session}.`,
            packets: [signal.packet],
          }
        : {
            packets: [signal.packet],
            reason: 'io client disconnect',
            severity: 'info',
            detail: `The page sent the Engine.IO close packet for session ${session}: it closed the session itself.`,
            cause: 'The page called socket.disconnect() or socket.close(), or its client gave the session up.',
            fix: 'Nothing to fix if the page meant it; otherwise find where it closes the socket.',
          };
    case 'http-error': {
      const http = httpErrorOf(signal.packet);
      return {
        reason: 'transport error',
        severity: 'error',
        detail: `A polling request of session ${session} was answered HTTP ${http?.status ?? '?'}${http?.message ? ` (${http.message})` : ''}, so the client dropped the session.`,
        cause: 'The server refused a request of the session (see the HTTP error problem).',
        fix: 'Fix what the HTTP error problem says; the client reconnects with a new session meanwhile.',
        packets: [signal.packet],
      };
    }
    case 'request-failed':
      return {
        reason: 'transport error',
        severity: 'error',
        detail: `A ${signal.transport === 'websocket' ? 'WebSocket' : 'polling request'} of session ${session} failed without an answer.`,
        cause: 'The server could not be reached: it is down or restarting, or a proxy refused the connection.',
        fix: 'Check that the server is up and reachable from the page (and through any proxy).',
      };
    case 'websocket-close':
      return websocketClose(signal.code, signal.wasClean, session);
    case 'navigated':
      return undefined;
  }
}

function finding(facts: SessionFacts, reason: Reason, time: number): Finding {
  return {
    rule: 'disconnect',
    key: `disconnect:${reason.reason}:${facts.url}`,
    severity: reason.severity,
    title: `Disconnected: ${quoted(reason.reason)}`,
    detail: reason.detail,
    cause: reason.cause,
    fix: reason.fix,
    time,
    sessions: [facts.session],
    packets: (reason.packets ?? []).map((packet) => ({ session: facts.session, packet })),
  };
}

/** A DISCONNECT of one namespace: "io server disconnect" or "io client disconnect". */
function namespaceDisconnect(facts: SessionFacts, packet: Packet): Reason {
  const namespace = quoted(packet.namespace ?? '/');
  return packet.direction === 'received'
    ? {
        packets: [packet],
        reason: 'io server disconnect',
        severity: 'warning',
        detail: `The server sent DISCONNECT for namespace ${namespace} in session ${facts.session.id}.`,
        cause: 'The server called socket.disconnect() for this client (a kick, an expired login, a server-side check).',
        fix: 'Look for socket.disconnect() in the server code; the client does not reconnect by itself after it (call socket.connect() if it should).',
      }
    : {
        packets: [packet],
        reason: 'io client disconnect',
        severity: 'info',
        detail: `The page sent DISCONNECT for namespace ${namespace} in session ${facts.session.id}.`,
        cause: 'The page called socket.disconnect() (or socket.close()).',
        fix: 'Nothing to fix if the page meant it; otherwise find where it disconnects.',
      };
}

export function disconnectsRule(): Rule {
  return {
    packet(facts, packet, context) {
      if (packet.sioType !== 'DISCONNECT' || facts.end) return;
      context.report(finding(facts, namespaceDisconnect(facts, packet), packet.time));
    },
    ended(facts, context) {
      const allDisconnected =
        facts.connected.size > 0 && [...facts.connected].every((namespace) => facts.disconnected.has(namespace));
      const reason = allDisconnected ? undefined : endReason(facts);
      if (reason && facts.end) context.report(finding(facts, reason, facts.end.time));
    },
  };
}
