// The packet type tables of Engine.IO and Socket.IO: each enum maps a wire id to its name and back, and is the one
// place a type id is read or written (msgpack's format bytes have their table in msgpack-format.ts).

/** Engine.IO packet types by wire id, named as engine.io-parser's `PACKET_TYPES` (lower case). */
export enum EioPacketType {
  open = 0,
  close = 1,
  ping = 2,
  pong = 3,
  message = 4,
  upgrade = 5,
  noop = 6,
}
export type EioType = keyof typeof EioPacketType;

/** Socket.IO packet types by wire id, as socket.io-parser's `enum PacketType` (protocol 5 names). */
export enum SioPacketType {
  CONNECT = 0,
  DISCONNECT = 1,
  EVENT = 2,
  ACK = 3,
  /** Protocol 4 calls this id `ERROR` (see sioTypeName). */
  CONNECT_ERROR = 4,
  BINARY_EVENT = 5,
  BINARY_ACK = 6,
}
export type SioType = keyof typeof SioPacketType | 'ERROR';

/** Engine.IO protocol revision (3 = socket.io 1.x/2.x, 4 = socket.io 3.x/4.x). */
export type EioVersion = 3 | 4;
/** Socket.IO protocol revision (4 over EIO3, 5 over EIO4). */
export type SioProtocol = 4 | 5;

/** Socket.IO protocol carried by an Engine.IO revision. */
export function sioProtocolFor(eio: EioVersion): SioProtocol {
  return eio === 3 ? 4 : 5;
}

/** The Engine.IO type of a wire id (any number: the table has no other keys that are numbers); undefined if unknown. */
export function eioTypeName(id: number): EioType | undefined {
  return EioPacketType[id] as EioType | undefined;
}

/** The wire id of an Engine.IO type name (from an imported file: any string); undefined when it is not one. */
export function eioTypeId(name: string): EioPacketType | undefined {
  return Object.hasOwn(EioPacketType, name) && typeof EioPacketType[name as EioType] === 'number'
    ? EioPacketType[name as EioType]
    : undefined;
}

/** The Socket.IO type name of a wire id under a protocol revision; undefined for an unknown id. */
export function sioTypeName(id: number, protocol: SioProtocol): SioType | undefined {
  const name = SioPacketType[id] as keyof typeof SioPacketType | undefined;
  return name === 'CONNECT_ERROR' && protocol === 4 ? 'ERROR' : name;
}

/** The wire id of a Socket.IO type name (`ERROR` is id 4); undefined when it is not one. */
export function sioTypeId(name: string): SioPacketType | undefined {
  if (name === 'ERROR') return SioPacketType.CONNECT_ERROR;
  return Object.hasOwn(SioPacketType, name) && typeof SioPacketType[name as keyof typeof SioPacketType] === 'number'
    ? SioPacketType[name as keyof typeof SioPacketType]
    : undefined;
}

/** The type id of the binary form of an EVENT or ACK (BINARY_EVENT, BINARY_ACK); other types are their own. */
export function binaryFormOf(type: SioPacketType): SioPacketType {
  if (type === SioPacketType.EVENT) return SioPacketType.BINARY_EVENT;
  if (type === SioPacketType.ACK) return SioPacketType.BINARY_ACK;
  return type;
}

/** The text form of a BINARY_EVENT or BINARY_ACK (EVENT, ACK); other types are their own. */
export function textFormOf(type: SioPacketType): SioPacketType {
  if (type === SioPacketType.BINARY_EVENT) return SioPacketType.EVENT;
  if (type === SioPacketType.BINARY_ACK) return SioPacketType.ACK;
  return type;
}
