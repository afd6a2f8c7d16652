// An upgrade to WebSocket that never completes: the WebSocket refused or closed before the page sent `5` (no `3probe`,
// or no `5` after it), or still not done after the upgrade timeout. The session then stays on polling.
import type { Packet } from '../../../protocol';
import type { Session } from '../../decode/sessions';
import { BoundedMap } from '../bounded';
import { ms } from '../facts';
import type { SessionFacts } from '../session-facts';
import type { ConnectionEvent, Rule, RuleContext } from '../types';

interface Attempt {
  facts: SessionFacts;
  since: number;
  /** The WebSocket's connection, once its open record was seen. */
  connection?: string;
  probe?: Packet;
  answer?: Packet;
}

const isProbe = (packet: Packet, type: 'ping' | 'pong') =>
  packet.transport === 'websocket' && packet.eioType === type && packet.data === 'probe';

function progress(attempt: Attempt): string {
  const { probe, answer } = attempt;
  if (!probe) return 'its WebSocket never carried the probe (2probe)';
  if (!answer) return 'it sent the probe (2probe) and no 3probe came back';
  return 'it got 3probe back but never sent the upgrade packet (5)';
}

function report(attempt: Attempt, outcome: string, time: number, context: RuleContext): void {
  const { facts, probe, answer } = attempt;
  const packets = [facts.openPacket, probe, answer].filter((packet) => packet !== undefined);
  context.report({
    rule: 'upgrade',
    key: `upgrade:${facts.url}`,
    severity: 'warning',
    title: 'The WebSocket upgrade failed: the session stays on polling',
    detail: `Session ${facts.session.id} tried the upgrade to WebSocket its open packet offered: ${progress(attempt)}; ${outcome}. The session goes on polling.`,
    cause:
      'A proxy or load balancer between does not pass WebSocket upgrades (the Upgrade and Connection headers), or the upgrade reached another server instance (no sticky sessions).',
    fix: 'Let the proxy pass WebSockets (e.g. nginx: proxy_http_version 1.1 and the Upgrade and Connection headers) with sticky sessions, or connect with transports: ["websocket"] when polling is not needed.',
    time,
    sessions: [facts.session],
    packets: packets.map((packet) => ({ session: facts.session, packet })),
  });
}

function closed(event: ConnectionEvent): string {
  if (event.kind === 'error') return 'then the WebSocket failed';
  return `then the WebSocket closed (code ${event.code ?? '?'})`;
}

export function upgradeRule(): Rule {
  let attempts = new BoundedMap<Session, Attempt>(1_000);
  function attemptOf(facts: SessionFacts, time: number, context: RuleContext): Attempt {
    let attempt = attempts.get(facts.session);
    if (!attempt) {
      attempts.set(facts.session, (attempt = { facts, since: time }));
      context.wake(time + context.settings.upgradeTimeoutMs);
    }
    return attempt;
  }
  return {
    connection(event, facts, context) {
      if (!facts || facts.onWebSocket || facts.end || event.transport !== 'websocket') return;
      if (event.kind === 'open') {
        attemptOf(facts, event.time, context).connection = event.connection;
        return;
      }
      const attempt = attempts.get(facts.session);
      if (!attempt || (attempt.connection !== undefined && attempt.connection !== event.connection)) return;
      attempts.delete(facts.session);
      report(attempt, closed(event), event.time, context);
    },
    packet(facts, packet, context) {
      if (facts.onWebSocket || packet.transport !== 'websocket') return;
      if (packet.eioType === 'upgrade' && packet.direction === 'sent') attempts.delete(facts.session);
      else if (isProbe(packet, 'ping') && packet.direction === 'sent')
        attemptOf(facts, packet.time, context).probe = packet;
      else if (isProbe(packet, 'pong') && packet.direction === 'received')
        attemptOf(facts, packet.time, context).answer = packet;
    },
    ended(facts) {
      attempts.delete(facts.session);
    },
    tick(now, context) {
      let next: number | undefined;
      for (const attempt of attempts.values()) {
        const deadline = attempt.since + context.settings.upgradeTimeoutMs;
        if (deadline <= now) {
          attempts.delete(attempt.facts.session);
          report(attempt, `it was not done after ${ms(context.settings.upgradeTimeoutMs)}`, deadline, context);
        } else if (next === undefined || deadline < next) next = deadline;
      }
      return next;
    },
    forget() {
      attempts = new BoundedMap(1_000);
    },
  };
}
