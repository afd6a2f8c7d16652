/**
 * The ground truth of a matrix server: every Socket.IO packet its Engine.IO sockets received and sent, per session
 * (sid) and direction, decoded with the server's own parser, and written in the shape of the panel's export
 * (docs/export-format.md) so that the two compare as they are.
 */
import { mapBinaries } from './binary-values';

/** A Socket.IO packet as the export writes it (`sio`), binary as `{"$binary": base64}`. */
export interface LoggedSioPacket {
  type: string;
  nsp: string;
  id?: string;
  event?: unknown;
  args?: unknown[];
  data?: unknown;
  error?: string;
}

export interface SessionLog {
  sent: LoggedSioPacket[];
  received: LoggedSioPacket[];
}

/** The part of a socket.io-parser (2.x to 4.x) or socket.io-msgpack-parser module that decodes. */
export interface ParserModule {
  Decoder: new () => {
    on(event: 'decoded', listener: (packet: ParsedPacket) => void): unknown;
    add(data: unknown): void;
  };
}

interface ParsedPacket {
  type: number;
  nsp?: string;
  id?: number | null;
  data?: unknown;
}

type Direction = keyof SessionLog;
const BINARY_EVENT = 5;
const BINARY_ACK = 6;
type EngineSocket = { id: string; server: object };
type Method = (this: EngineSocket, ...args: any[]) => unknown;

/** The logs of the engine.io servers that run, by server. */
const logsByEngine = new WeakMap<object, (sid: string, direction: Direction, data: unknown) => void>();
const tappedPrototypes = new WeakSet<object>();

/**
 * Taps an engine.io module's Socket (1.8 to 6.x): `onPacket` sees what the page sent, `sendPacket` what the server
 * sends it; the message packets go to the log of the engine.io server they belong to.
 */
function tapEngineSocket(prototype: Record<string, Method>): void {
  if (tappedPrototypes.has(prototype)) return;
  tappedPrototypes.add(prototype);
  const { onPacket, sendPacket } = prototype;
  prototype.onPacket = function (packet: { type: string; data?: unknown }) {
    if (packet.type === 'message') logsByEngine.get(this.server)?.(this.id, 'sent', packet.data);
    return onPacket.call(this, packet);
  };
  prototype.sendPacket = function (type: string, data: unknown, ...rest: unknown[]) {
    if (type === 'message') logsByEngine.get(this.server)?.(this.id, 'received', data);
    return sendPacket.call(this, type, data, ...rest);
  };
}

function exportShape(packet: ParsedPacket, eio: 3 | 4): LoggedSioPacket {
  const names = [
    'CONNECT',
    'DISCONNECT',
    'EVENT',
    'ACK',
    eio === 3 ? 'ERROR' : 'CONNECT_ERROR',
    'BINARY_EVENT',
    'BINARY_ACK',
  ];
  const type = names[packet.type] ?? `type ${packet.type}`;
  const shaped: LoggedSioPacket = { type, nsp: packet.nsp ?? '/' };
  if (packet.id !== undefined && packet.id !== null) shaped.id = String(packet.id);
  const data = mapBinaries(packet.data, (bytes) => ({ $binary: bytes.toString('base64') }));
  if (type === 'EVENT' || type === 'BINARY_EVENT') {
    const [event, ...args] = data as unknown[];
    Object.assign(shaped, { event, args });
  } else if (type === 'ACK' || type === 'BINARY_ACK') shaped.args = data as unknown[];
  else if (data !== undefined) shaped.data = data;
  return shaped;
}

/**
 * A decoder of one direction of one session that pushes to `packets`. socket.io-parser 4.2 reports a rebuilt
 * BINARY_EVENT/BINARY_ACK as EVENT/ACK: the log keeps the type its header had on the wire.
 */
function sessionDecoder(parser: ParserModule, packets: LoggedSioPacket[], eio: 3 | 4): { add(data: unknown): void } {
  const decoder = new parser.Decoder();
  let headerType: number | undefined;
  decoder.on('decoded', (packet) => {
    const type = headerType === BINARY_EVENT || headerType === BINARY_ACK ? headerType : packet.type;
    packets.push(exportShape({ ...packet, type }, eio));
  });
  return {
    add(data) {
      if (typeof data === 'string') headerType = Number(data[0]);
      decoder.add(data);
    },
  };
}

/**
 * Starts logging the engine.io server `engine` (an instance of `engineModule`'s Server), decoding with `parser`.
 * `eio` names the error packet type as the protocol of the clients does (ERROR in v4, CONNECT_ERROR in v5).
 */
export function logServer(
  engine: object,
  engineModule: { Socket: { prototype: object } },
  parser: ParserModule,
  eio: 3 | 4,
): Map<string, SessionLog> {
  tapEngineSocket(engineModule.Socket.prototype as Record<string, Method>);
  const sessions = new Map<string, SessionLog>();
  const decoders = new Map<string, { add(data: unknown): void }>();
  logsByEngine.set(engine, (sid, direction, data) => {
    let session = sessions.get(sid);
    if (!session) sessions.set(sid, (session = { sent: [], received: [] }));
    const key = `${sid} ${direction}`;
    let decoder = decoders.get(key);
    if (!decoder) decoders.set(key, (decoder = sessionDecoder(parser, session[direction], eio)));
    try {
      // engine.io writes socket.io's pre-encoded CONNECT (its `initialPacket`) as the array the encoder made.
      for (const part of Array.isArray(data) ? data : [data]) decoder.add(part);
    } catch (error) {
      session[direction].push({ type: 'undecodable', nsp: '', error: (error as Error).message });
    }
  });
  return sessions;
}
