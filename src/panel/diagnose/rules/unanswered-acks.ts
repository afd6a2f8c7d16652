// Emits whose ack never came. The client's ackTimeout is not on the wire, but a client with `retries` sends the same
// event again, with a new ack id, each ackTimeout: such tries are grouped as one emit, and their spacing is its
// timeout. Otherwise the setting `ackTimeoutMs` applies.
import type { Packet } from '../../../protocol';
import { formatTime } from '../../format';
import type { Session } from '../../decode/sessions';
import { BoundedMap } from '../bounded';
import { isAck, isEvent, ms, quoted } from '../facts';
import type { SessionFacts } from '../session-facts';
import type { Rule, RuleContext } from '../types';

const MAX_PENDING = 10_000;
/** A client retries at its ackTimeout: its last try is given half as long again before it counts as unanswered. */
const RETRY_SLACK = 1.5;
const MAX_TRIES = 20;

/** One emit and its tries: the same event and arguments, each with a new ack id. */
interface Emit {
  key: string;
  session: Session;
  url: string;
  /** The first try and the latest ones (MAX_TRIES), and how many there were. */
  tries: Packet[];
  tryCount: number;
  /** The spacing of the tries: the client's ackTimeout. */
  spacing?: number;
  deadline: number;
}

const lastTry = (emit: Emit): Packet => emit.tries[emit.tries.length - 1];

/** A cheap hash of the text after the ack id (event name and arguments), to recognise a try of the same emit. */
function argumentsHash(packet: Packet): string {
  const raw = typeof packet.raw === 'string' ? packet.raw : '';
  const start = raw.indexOf('[');
  let hash = 0x811c9dc5;
  for (let i = Math.max(start, 0); i < raw.length; i++) hash = Math.imul(hash ^ raw.charCodeAt(i), 0x01000193);
  return `${raw.length - start}:${hash >>> 0}`;
}

function describe(emit: Emit, settings: RuleContext['settings']): string {
  const first = emit.tries[0];
  const sent = first.direction === 'sent' ? 'The page emitted' : 'The server emitted';
  const ids = emit.tries.map((packet) => packet.ackIdDigits).join(', ');
  const tries =
    emit.tryCount > 1
      ? `, tried ${emit.tryCount} times ${ms(emit.spacing ?? 0)} apart with new ack ids (${ids}): the client's ackTimeout`
      : ` with ack id ${ids}`;
  const waited =
    emit.spacing !== undefined ? ms(emit.spacing) : `${ms(settings.ackTimeoutMs)} (the ack timeout setting)`;
  return `${sent} ${quoted(first.event)} on namespace ${quoted(first.namespace ?? '/')} at ${formatTime(first.time)}${tries}; no ACK came within ${waited} of the last try.`;
}

function report(emit: Emit, context: RuleContext): void {
  const first = emit.tries[0];
  const event = quoted(first.event);
  const byPage = first.direction === 'sent';
  context.report({
    rule: 'ack-timeout',
    key: `ack:${first.direction}:${emit.url}:${first.namespace ?? '/'}:${String(first.event)}`,
    severity: 'error',
    title: byPage ? `No ack for ${event}` : `The page never acknowledged ${event}`,
    detail: describe(emit, context.settings),
    cause: byPage
      ? `The server's handler for ${event} never calls its acknowledgement callback (its last argument), or no handler listens to ${event} on that namespace.`
      : `The page's handler for ${event} never calls its callback (its last argument), or the page does not listen to ${event}.`,
    fix: byPage
      ? `Call the callback in every path of the server's ${event} handler (errors too), or emit without a callback.`
      : `Call the callback in every path of the page's ${event} handler, or have the server emit without one.`,
    time: emit.deadline,
    sessions: [emit.session],
    packets: emit.tries.map((packet) => ({ session: emit.session, packet })),
  });
}

export function unansweredAcksRule(): Rule {
  /** The last try of each emit waiting for its ACK, by `${session id}:${seq}`. */
  let pending = new BoundedMap<string, Emit>(MAX_PENDING);
  /** The emit of each event and arguments whose last try waits, by its key: where a new try finds the earlier ones. */
  let waiting = new BoundedMap<string, Emit>(MAX_PENDING);

  function emitted(facts: SessionFacts, packet: Packet, context: RuleContext): void {
    const key = `${packet.direction}|${facts.url}|${packet.namespace ?? '/'}|${String(packet.event)}|${argumentsHash(packet)}`;
    const earlier = waiting.get(key);
    const emit: Emit = earlier ?? {
      key,
      session: facts.session,
      url: facts.url,
      tries: [],
      tryCount: 0,
      deadline: 0,
    };
    if (earlier) {
      const last = lastTry(earlier);
      pending.delete(`${earlier.session.id}:${last.seq}`);
      emit.spacing = packet.time - last.time;
      emit.session = facts.session;
    }
    if (emit.tries.length === MAX_TRIES) emit.tries.splice(1, 1);
    emit.tries.push(packet);
    emit.tryCount++;
    emit.deadline =
      packet.time + (emit.spacing !== undefined ? RETRY_SLACK * emit.spacing : context.settings.ackTimeoutMs);
    pending.set(`${facts.session.id}:${packet.seq}`, emit);
    waiting.set(key, emit);
    context.wake(emit.deadline);
  }

  function settle(emit: Emit): void {
    pending.delete(`${emit.session.id}:${lastTry(emit).seq}`);
    waiting.delete(emit.key);
  }

  return {
    packet(facts, packet, context) {
      if (isEvent(packet) && packet.ackIdDigits !== undefined) emitted(facts, packet, context);
      else if (isAck(packet) && packet.replyTo !== undefined) {
        const emit = pending.get(`${facts.session.id}:${packet.replyTo}`);
        if (emit) settle(emit);
      }
    },
    ended(facts) {
      for (const emit of pending.values()) if (emit.session === facts.session) settle(emit);
    },
    tick(now, context) {
      let next: number | undefined;
      for (const emit of pending.values()) {
        if (emit.deadline <= now) {
          settle(emit);
          report(emit, context);
        } else if (next === undefined || emit.deadline < next) next = emit.deadline;
      }
      return next;
    },
    forget() {
      pending = new BoundedMap(MAX_PENDING);
      waiting = new BoundedMap(MAX_PENDING);
    },
  };
}
