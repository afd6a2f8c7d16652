// Pairing: an ACK with its EVENT and a pong with its ping, both ends marked (`replyTo` and `rtt` on the answer,
// `answeredBy` on the packet it answers), and connection-state-recovery offsets on the server's EVENTs.
import { excerpt } from './bytes';
import { SioPacketType } from './packet-types';
import type { Direction, Packet } from './types';

/** Unanswered EVENTs and pings kept at most, each; the oldest go first. */
const MAX_WAITING = 10_000;

function opposite(d: Direction): Direction {
  return d === 'sent' ? 'received' : 'sent';
}

function remember(waiting: Map<string, Packet>, key: string, packet: Packet): void {
  if (waiting.size >= MAX_WAITING) waiting.delete(waiting.keys().next().value as string);
  waiting.set(key, packet);
}

function pair(answer: Packet, answered: Packet): void {
  answer.replyTo = answered.seq;
  answer.rtt = answer.time - answered.time;
  answered.answeredBy = answer.seq;
}

export class Pairing {
  /** EVENTs that asked for an ack, by direction, namespace and ack id digits. */
  private readonly events = new Map<string, Packet>();
  /** Pings by direction and data (`probe` or nothing). */
  private readonly pings = new Map<string, Packet>();
  /** Namespaces whose CONNECT carried a `pid`: their server EVENTs end with an offset. */
  private readonly recovering = new Set<string>();

  /** A ping waits for a pong with the same data in the other direction. */
  pingPong(p: Packet, data: string): void {
    if (p.eioType === 'ping') {
      remember(this.pings, `${p.direction}|${data}`, p);
      return;
    }
    const key = `${opposite(p.direction)}|${data}`;
    const ping = this.pings.get(key);
    if (!ping) return;
    this.pings.delete(key);
    pair(p, ping);
  }

  /** A Socket.IO packet of wire type `type`: an EVENT waits for its ACK, an ACK finds its EVENT. */
  socketIo(p: Packet, type: SioPacketType): void {
    const ns = p.namespace ?? '/';
    // A CONNECT with a `pid` either way: the client's, when it recovers, comes before the events the server replays.
    if (type === SioPacketType.CONNECT && typeof (p.data as { pid?: unknown } | undefined)?.pid === 'string')
      this.recovering.add(ns);
    if (p.event !== undefined) {
      if (p.ackIdDigits !== undefined) remember(this.events, `${p.direction}|${ns}|${p.ackIdDigits}`, p);
      else if (p.direction === 'received' && this.recovering.has(ns)) {
        const last = p.args?.[p.args.length - 1];
        if (typeof last === 'string') p.offset = last;
      }
      return;
    }
    if ((type === SioPacketType.ACK || type === SioPacketType.BINARY_ACK) && p.ackIdDigits !== undefined) {
      const key = `${opposite(p.direction)}|${ns}|${p.ackIdDigits}`;
      const event = this.events.get(key);
      if (!event) {
        p.note = `no EVENT with ack id ${excerpt(p.ackIdDigits, 20)} seen`;
        return;
      }
      this.events.delete(key);
      pair(p, event);
    }
  }
}
