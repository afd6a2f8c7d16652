// What the page sends against the server's maxPayload (its maxHttpBufferSize, from the open packet): a WebSocket
// message or a polling POST body beyond it (the server closes the connection), or close to it.
import type { Packet } from '../../../protocol';
import { formatSize } from '../../format-packet';
import { BoundedMap } from '../bounded';
import type { SessionFacts } from '../session-facts';
import type { Rule, RuleContext } from '../types';

/** A body over this share of maxPayload is close to it. */
const CLOSE_SHARE = 0.8;

/** One message on the wire: a WebSocket frame, or a polling POST body (its packets share the frame's time). */
interface Body {
  time: number;
  bytes: number;
  packets: Packet[];
  /** Reported as beyond (once), or as close. */
  beyond: boolean;
  close: boolean;
}

const KINDS = {
  beyond: {
    severity: 'error',
    title: "The page sent more than the server's maxPayload",
    cause:
      "The server's maxHttpBufferSize is smaller than the message: it closes the connection (WebSocket close code 1009, or HTTP 413 for a polling POST).",
  },
  close: {
    severity: 'warning',
    title: "The page sent close to the server's maxPayload",
    cause:
      "Messages this size come near the server's maxHttpBufferSize: a slightly bigger one makes the server close the connection.",
  },
} as const;

function report(facts: SessionFacts, body: Body, kind: keyof typeof KINDS, context: RuleContext): void {
  const limit = facts.open?.maxPayload ?? 0;
  const events = [...new Set(body.packets.map((packet) => packet.event).filter((event) => event !== undefined))];
  const what = body.packets[0].transport === 'websocket' ? 'a WebSocket message' : 'a polling POST body';
  context.report({
    rule: 'payload-size',
    key: `payload-size:${kind}:${facts.url}`,
    severity: KINDS[kind].severity,
    title: KINDS[kind].title,
    detail: `Session ${facts.session.id} sent ${what} of ${formatSize(body.bytes)}${events.length ? ` (${events.map((event) => JSON.stringify(event)).join(', ')})` : ''}; the server's maxPayload is ${formatSize(limit)}.`,
    cause: KINDS[kind].cause,
    fix: 'Send less per message (split it, or upload large data over HTTP), or raise maxHttpBufferSize in the server options.',
    time: body.time,
    sessions: [facts.session],
    packets: body.packets.map((packet) => ({ session: facts.session, packet })),
  });
}

export function payloadSizeRule(): Rule {
  /** Per session, the body its latest sent packet belongs to. */
  const bodies = new BoundedMap<SessionFacts, Body>(1_000);
  return {
    packet(facts, packet, context) {
      const limit = facts.open?.maxPayload;
      if (!limit || packet.direction !== 'sent' || packet.layer === 'http') return;
      let body = bodies.get(facts);
      const sameBody = body && packet.transport === 'polling' && body.time === packet.time;
      if (!body || !sameBody) {
        body = { time: packet.time, bytes: 0, packets: [], beyond: false, close: false };
        bodies.set(facts, body);
      }
      body.bytes += packet.size;
      if (body.packets.length < 20) body.packets.push(packet);
      if (body.bytes > limit && !body.beyond) {
        body.beyond = true;
        report(facts, body, 'beyond', context);
      } else if (body.bytes >= CLOSE_SHARE * limit && body.bytes <= limit && !body.close) {
        body.close = true;
        report(facts, body, 'close', context);
      }
    },
    ended(facts) {
      bodies.delete(facts);
    },
  };
}
