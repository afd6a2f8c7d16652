// The official parsers doing the job our session decoder does, the way socket.io's own client and server chain
// them: engine.io-parser decodes a WebSocket frame (decodePacket) or a polling body (decodePayload), each message
// goes to a socket.io-parser Decoder per direction (it rebuilds binary packets), the open packet's JSON is parsed.
// Versions: engine.io-parser 5.x + socket.io-parser 4.x for EIO4, engine.io-parser 2.x + socket.io-parser 3.x for
// EIO3, socket.io-msgpack-parser 3.x (EIO4) / 2.x (EIO3) for msgpack sessions.
import { createRequire } from 'node:module';
import type { BenchSession } from './corpus.ts';

/** The official parsers, by the npm aliases package.json installs them under. */

export const official: Record<'eio2' | 'eio5' | 'sio3' | 'sio4' | 'msgpack2' | 'msgpack3', any> = Object.fromEntries(
  Object.entries({
    eio2: 'engine.io-parser-v2',
    eio5: 'engine.io-parser-v5',
    sio3: 'socket.io-parser-v3',
    sio4: 'socket.io-parser-v4',
    msgpack2: 'socket.io-msgpack-parser-v2',
    msgpack3: 'socket.io-msgpack-parser',
  }).map(([key, name]) => [key, createRequire(import.meta.url)(name)]),
) as never;
const { eio2, eio5, sio3, sio4, msgpack2, msgpack3 } = official;

export interface OfficialResult {
  /** Packets out: Engine.IO packets that carry no message, plus decoded Socket.IO packets. */
  packets: number;
  /** Parser errors and exceptions (the official decoders throw on what they reject). */
  errors: number;
}

interface EioPacket {
  type: string;
  data?: unknown;
}

/** Decode one session's frames with the official parsers; returns what came out. */
export function decodeOfficial(
  session: BenchSession,
  result: OfficialResult = { packets: 0, errors: 0 },
): OfficialResult {
  const sioModule =
    session.parser === 'msgpack' ? (session.eio === 4 ? msgpack3 : msgpack2) : session.eio === 4 ? sio4 : sio3;
  const newDecoder = () => {
    const decoder = new sioModule.Decoder();
    decoder.on('decoded', () => result.packets++);
    return decoder;
  };
  const decoders = { sent: newDecoder(), received: newDecoder() };
  const onEio = (direction: 'sent' | 'received', packet: EioPacket): void => {
    if (packet.type === 'message') {
      try {
        decoders[direction].add(packet.data);
      } catch {
        result.errors++;
        decoders[direction] = newDecoder();
      }
      return;
    }
    if (packet.type === 'error') {
      result.errors++;
      return;
    }
    if (packet.type === 'open') JSON.parse(packet.data as string);
    result.packets++;
  };
  for (const frame of session.frames) {
    const { direction, official: data } = frame;
    if (frame.transport === 'websocket') {
      onEio(direction, session.eio === 4 ? eio5.decodePacket(data, 'nodebuffer') : eio2.decodePacket(data));
    } else if (session.eio === 4) {
      for (const packet of eio5.decodePayload(data, 'nodebuffer') as EioPacket[]) onEio(direction, packet);
    } else {
      eio2.decodePayload(data, (packet: EioPacket) => onEio(direction, packet));
    }
  }
  return result;
}
