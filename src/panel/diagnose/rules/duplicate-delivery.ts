// Duplicate delivery after connection state recovery: the same offset received twice on one endpoint and namespace
// (the server replayed events the page already had).
import type { Packet } from '../../../protocol';
import type { Session } from '../../decode/sessions';
import { BoundedMap } from '../bounded';
import { formatTime } from '../../format';
import { quoted } from '../facts';
import type { Rule } from '../types';

/** Offsets remembered per endpoint and namespace. */
const MAX_OFFSETS = 10_000;

export function duplicateDeliveryRule(): Rule {
  /** Per endpoint and namespace, where each offset was first seen. */
  const seen = new BoundedMap<string, BoundedMap<string, { session: Session; packet: Packet }>>(100);
  return {
    packet(facts, packet, context) {
      if (packet.offset === undefined || packet.direction !== 'received') return;
      const namespace = packet.namespace ?? '/';
      const where = `${facts.url}|${namespace}`;
      let offsets = seen.get(where);
      if (!offsets) seen.set(where, (offsets = new BoundedMap(MAX_OFFSETS)));
      const first = offsets.get(packet.offset);
      if (!first) {
        offsets.set(packet.offset, { session: facts.session, packet });
        return;
      }
      const event = quoted(packet.event);
      const again =
        first.session === facts.session ? 'again in the same session' : `again in session ${facts.session.id}`;
      context.report({
        rule: 'duplicate-delivery',
        key: `duplicate-delivery:${facts.url}:${namespace}`,
        severity: 'warning',
        title: 'Events delivered twice after connection state recovery',
        detail: `EVENT ${event} with offset ${quoted(packet.offset)} arrived in session ${first.session.id} at ${formatTime(first.packet.time)}, and ${again} at ${formatTime(packet.time)}.`,
        cause:
          'On recovery the server replays the events after the offset the client sends: the client sent an older offset than its last event (one restored from storage, or shared by several tabs), or the server adapter delivers at least once.',
        fix: 'Make the handlers idempotent (skip an offset already handled), and let the client send its latest offset (socket.io-client 4.6+ does by itself).',
        time: packet.time,
        sessions: [first.session, facts.session],
        packets: [first, { session: facts.session, packet }],
      });
    },
  };
}
