// Events named as Socket.IO and Node's EventEmitter reserve them. socket.io-client 4 throws on them, but older clients
// and hand-written ones send them; socket.io 4 servers (socket.io-parser 4.2.4+) refuse such a packet and close.
import { RESERVED_EVENTS } from '../../../protocol';
import { isEvent, quoted } from '../facts';
import type { Rule } from '../types';

export function reservedEventsRule(): Rule {
  return {
    packet(facts, packet, context) {
      if (!isEvent(packet) || typeof packet.event !== 'string' || !RESERVED_EVENTS.has(packet.event)) return;
      const event = quoted(packet.event);
      const byPage = packet.direction === 'sent';
      context.report({
        rule: 'reserved-event',
        key: `reserved-event:${packet.direction}:${packet.event}`,
        severity: 'error',
        title: `${byPage ? 'The page' : 'The server'} emitted the reserved event ${event}`,
        detail: `Session ${facts.session.id} carried EVENT ${event} ${byPage ? 'from the page' : 'from the server'} on namespace ${quoted(packet.namespace ?? '/')}.`,
        cause: `${event} is reserved (connect, connect_error, disconnect, disconnecting, newListener, removeListener): socket.io 4 refuses such a packet as invalid and closes the connection ("parse error"), and older peers hand it to their own listener of that name.`,
        fix: `Rename the event (e.g. ${quoted(`app:${packet.event}`)}) on both sides.`,
        time: packet.time,
        sessions: [facts.session],
        packets: [{ session: facts.session, packet }],
      });
    },
  };
}
