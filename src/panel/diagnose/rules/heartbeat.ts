// The heartbeat: no ping (v4, from the server) or pong (v3, answering the page's ping) before the client's timer runs
// out, which the client ends with a "ping timeout" disconnect; and heartbeats that come close to that limit.
import type { Packet } from '../../../protocol';
import { formatTime } from '../../format';
import { isPageHeartbeat, isServerHeartbeat, ms } from '../facts';
import { heartbeatDeadline, type SessionFacts } from '../session-facts';
import type { Rule, RuleContext } from '../types';

/** A heartbeat that used more than this share of pingTimeout is close to the limit. */
const CLOSE_SHARE = 0.75;

const FIX =
  'Look at the server at that time (its event loop, logs, restarts) and at the proxies between (their timeouts must exceed pingInterval); raise pingTimeout if the link is slow.';

function reportMissing(facts: SessionFacts, deadline: number, context: RuleContext): void {
  const { open, heartbeat } = facts;
  if (!open || !heartbeat) return;
  const v4 = facts.eio === 4;
  const at = formatTime(heartbeat.from);
  const full = `pingInterval ${ms(open.pingInterval)} + pingTimeout ${ms(open.pingTimeout)}`;
  const missed = v4
    ? `no ping came within ${full} of the ${heartbeat.packet.open ? 'open packet' : 'last ping'} at ${at}`
    : heartbeat.allowed === open.pingTimeout
      ? `no pong came within pingTimeout ${ms(open.pingTimeout)} of the page's ping at ${at}`
      : `nothing came within ${full} of the last packet at ${at}`;
  context.report({
    rule: 'heartbeat',
    key: `heartbeat:${facts.url}`,
    severity: 'error',
    title: v4 ? 'The server stopped sending pings' : "The server stopped answering the page's pings",
    detail: `Session ${facts.session.id}: ${missed}, so the client ends the session with a "ping timeout" disconnect.`,
    cause: `The server's ${v4 ? 'pings' : 'pongs'} stopped coming: its event loop is blocked, it crashed or restarted, or a proxy holds or drops the traffic.`,
    fix: FIX,
    time: deadline,
    sessions: [facts.session],
    packets: [{ session: facts.session, packet: heartbeat.packet }],
  });
}

/** How close a heartbeat packet came to the limit, in words, when it came close. */
function closeCall(facts: SessionFacts, packet: Packet): { detail: string; cause: string } | undefined {
  const { open, heartbeat } = facts;
  if (!open) return undefined;
  const margin = CLOSE_SHARE * open.pingTimeout;
  if (facts.eio === 4 && isServerHeartbeat(packet, 4) && heartbeat) {
    const late = packet.time - heartbeat.from - open.pingInterval;
    if (late <= margin) return undefined;
    return {
      detail: `A ping came ${ms(late)} after pingInterval ${ms(open.pingInterval)}; the client waits ${ms(open.pingTimeout)} (pingTimeout) at most.`,
      cause: "The server's pings come late: its event loop is busy, or a proxy delays them.",
    };
  }
  if (facts.eio === 4 && isPageHeartbeat(packet, 4) && (packet.rtt ?? 0) > margin)
    return {
      detail: `The page answered a ping after ${ms(packet.rtt ?? 0)}; the server waits ${ms(open.pingTimeout)} (pingTimeout) at most.`,
      cause: "The page's main thread was busy (long tasks delay the pong), or its network is slow.",
    };
  if (facts.eio === 3 && isServerHeartbeat(packet, 3) && (packet.rtt ?? 0) > margin)
    return {
      detail: `A pong came ${ms(packet.rtt ?? 0)} after the page's ping; the client waits ${ms(open.pingTimeout)} (pingTimeout) at most.`,
      cause: "The server's pongs come late: its event loop is busy, or a proxy delays them.",
    };
  return undefined;
}

export function heartbeatRule(): Rule {
  /** Sessions whose missing heartbeat was reported (once each). */
  const reported = new WeakSet<SessionFacts>();
  return {
    packet(facts, packet, context) {
      const open = packet.open ?? facts.open;
      if (packet.open) context.wake(packet.time + packet.open.pingInterval + packet.open.pingTimeout);
      if (open && facts.eio === 3 && isPageHeartbeat(packet, 3)) context.wake(packet.time + open.pingTimeout);
      const close = closeCall(facts, packet);
      if (!close) return;
      context.report({
        rule: 'heartbeat',
        key: `heartbeat-close:${facts.url}`,
        severity: 'warning',
        title: 'Heartbeat close to the limit',
        detail: `Session ${facts.session.id}: ${close.detail}`,
        cause: close.cause,
        fix: 'Raise pingTimeout in the server options, or find what delays the heartbeat; past the limit the session ends with "ping timeout".',
        time: packet.time,
        sessions: [facts.session],
        packets: [{ session: facts.session, packet }],
      });
    },
    tick(now, context) {
      let next: number | undefined;
      for (const facts of context.alive()) {
        const deadline = heartbeatDeadline(facts);
        if (deadline === undefined || reported.has(facts)) continue;
        if (now > deadline) {
          reported.add(facts);
          reportMissing(facts, deadline, context);
        } else if (next === undefined || deadline < next) next = deadline;
      }
      return next;
    },
  };
}
