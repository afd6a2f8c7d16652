// Client and server of different Engine.IO versions: an EIO 3 client refused with code 5 by a server without
// allowEIO3, or an EIO 4 client answered in Engine.IO 3's payload framing by a socket.io 2.x server.
import type { Packet } from '../../../protocol';
import { httpErrorOf, UNSUPPORTED_PROTOCOL_VERSION } from '../facts';
import type { Rule } from '../types';

const STACKS = { 3: 'socket.io-client 1.x or 2.x', 4: 'socket.io-client 3.x or 4.x' } as const;

/** An Engine.IO 3 text payload (`<length>:<packet>`) where Engine.IO 4 was expected. */
const V3_FRAMING = /^\d+:[0-6]/;

function answeredInV3(packet: Packet): boolean {
  return (
    packet.direction === 'received' &&
    packet.transport === 'polling' &&
    typeof packet.raw === 'string' &&
    V3_FRAMING.test(packet.raw) &&
    packet.error !== undefined
  );
}

const ADVICE = {
  3: {
    server: 'Engine.IO 4 (socket.io 3.x or 4.x) without allowEIO3',
    cause: 'socket.io 3.x and 4.x servers refuse Engine.IO 3 clients unless their allowEIO3 option is set.',
    fix: 'Upgrade the page to socket.io-client 4.x, or set allowEIO3: true in the server options while old clients remain.',
  },
  4: {
    server: 'Engine.IO 3 (socket.io 2.x or older)',
    cause: 'socket.io-client 3.x and 4.x cannot talk to a socket.io 2.x (or older) server.',
    fix: 'Upgrade the server to socket.io 4 (with allowEIO3: true for the old clients), or use socket.io-client 2.x with it.',
  },
} as const;

export function versionMismatchRule(): Rule {
  return {
    packet(facts, packet, context) {
      const refused = httpErrorOf(packet)?.code === UNSUPPORTED_PROTOCOL_VERSION;
      if (!refused && !(facts.eio === 4 && answeredInV3(packet))) return;
      const client = refused ? facts.eio : 4;
      const server = client === 3 ? 4 : 3;
      const advice = ADVICE[client];
      const answer = refused
        ? 'answered HTTP 400 {"code":5,"message":"Unsupported protocol version"}'
        : `answered in Engine.IO 3's payload framing (${String(packet.raw).slice(0, 12)}…)`;
      context.report({
        rule: 'version-mismatch',
        key: `version-mismatch:${client}:${facts.url}`,
        severity: 'error',
        title: `Engine.IO version mismatch: the client speaks ${client}, the server ${server}`,
        detail: `The page's client speaks Engine.IO ${client} (EIO=${client}: ${STACKS[client]}); the server ${answer}: it speaks ${advice.server}.`,
        cause: advice.cause,
        fix: advice.fix,
        time: packet.time,
        sessions: [facts.session],
        packets: [{ session: facts.session, packet }],
      });
    },
  };
}
