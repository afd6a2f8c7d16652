// Socket.IO packets, protocol 4 and 5: the text grammar `<type>[<n>-][<nsp>,][<id>][<json>]` both ways, the
// packet-object form used by msgpack, and payload shape rules.
import { excerpt } from './bytes';
import { isPlainObject, parseJson, stringifyJson } from './json';
import { isDigit, isJson, numberEnd, skipWhitespace, stringEnd } from './json-scan';
import { deconstructBinary, hasBinary } from './placeholders';
import { binaryFormOf, sioTypeName, SioPacketType, textFormOf, type SioProtocol, type SioType } from './packet-types';
import type { ErrorKind } from './types';

/**
 * A decoded Socket.IO packet. `type` is undefined when the type id is unknown (then `errorKind` is `unknown-type`).
 * A class, so that every packet has the same shape whichever fields its wire form had.
 */
export class SioPacket {
  type?: SioPacketType;
  typeName?: SioType;
  /** Protocol 4 CONNECT query appended to the namespace (`/admin?token=abc,`). */
  query?: string;
  ackId?: number;
  ackIdDigits?: string;
  attachments?: number;
  data?: unknown;
  /** Text form: where the JSON of `data` begins in the packet's text. */
  dataAt?: number;
  /**
   * An EVENT/ACK whose `data` is left in its raw from `dataAt` (its shape is known: an array, with the event name
   * first; `event` is the EVENT's name): `unchecked`, a text packet decoded with `argsLater`, its JSON not checked
   * yet (a binary one's JSON is, its placeholders not); `checked`, a msgpack packet, its bytes checked.
   */
  argsLater?: 'unchecked' | 'checked';
  /**
   * A BINARY_EVENT/BINARY_ACK with `argsLater`: its attachments as received, put in place of their placeholders when
   * its arguments are read.
   */
  attachmentData?: Uint8Array[];
  event?: string | number;
  error?: string;
  errorKind?: ErrorKind;

  constructor(public namespace = '/') {}

  /** Adds a problem: `error` lists them all, `errorKind` is the first one's. */
  flag(kind: ErrorKind, message: string): void {
    this.error = this.error === undefined ? message : `${this.error}; ${message}`;
    this.errorKind ??= kind;
  }
}

/** Most attachments one packet may declare (the reference defaults to 10; we are lenient but bounded). */
export const MAX_ATTACHMENTS = 1000;
/** Event names Socket.IO and Node's EventEmitter reserve: protocol 5 refuses an EVENT of one of them. */
export const RESERVED_EVENTS: ReadonlySet<string> = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

/** Why `data` is not a valid payload for packet type `type` (a text form: EVENT, not BINARY_EVENT), if it is not. */
export function payloadProblem(type: SioPacketType, data: unknown, protocol: SioProtocol): string | undefined {
  switch (textFormOf(type)) {
    case SioPacketType.CONNECT:
      return isPlainObject(data) ? undefined : 'invalid payload: CONNECT data must be an object';
    case SioPacketType.DISCONNECT:
      return data === undefined ? undefined : 'invalid payload: DISCONNECT carries no data';
    case SioPacketType.CONNECT_ERROR:
      return typeof data === 'string' || isPlainObject(data)
        ? undefined
        : 'invalid payload: error data must be a string or an object';
    case SioPacketType.EVENT: {
      if (!Array.isArray(data)) return 'invalid payload: EVENT data must be an array';
      const name: unknown = data[0];
      if (typeof name !== 'string' && typeof name !== 'number') return 'invalid payload: EVENT without an event name';
      if (protocol === 5 && typeof name === 'string' && RESERVED_EVENTS.has(name))
        return `invalid payload: reserved event name ${excerpt(name)}`;
      return undefined;
    }
    default:
      return Array.isArray(data) ? undefined : 'invalid payload: ACK data must be an array';
  }
}

function setAckId(p: SioPacket, digits: string): void {
  p.ackIdDigits = digits;
  p.ackId = Number(digits);
  if (!Number.isSafeInteger(p.ackId))
    p.flag('bad-packet', `ack id ${excerpt(digits, 30)} exceeds 2^53-1; exact digits kept`);
}

/** Protocol 4 CONNECT: `/admin?token=abc` → namespace `/admin`, query `token=abc`. */
function splitQuery(p: SioPacket): void {
  const q = p.namespace.indexOf('?');
  if (q < 0) return;
  p.query = p.namespace.slice(q + 1);
  p.namespace = p.namespace.slice(0, q);
}

/** The problem of a packet whose JSON `tail` JSON.parse refused, saying `why`. */
export function notJsonProblem(tail: string, why: string): string {
  return `invalid payload: not JSON (${why}): ${excerpt(tail)}`;
}

/**
 * The event name of the EVENT array at `at` in `text` (its first element, a string or a number), or undefined when
 * the array does not begin so: the rest of the array is not looked at. A name with a control character is taken as
 * it is: the text is then no JSON, which the check of the arguments says.
 */
function eventNameAt(text: string, at: number): string | number | undefined {
  if (text.charCodeAt(at) !== 91 /* [ */) return undefined;
  const start = skipWhitespace(text, at + 1);
  if (text.charCodeAt(start) !== 34 /* " */) {
    const end = numberEnd(text, start);
    return end < 0 ? undefined : Number(text.slice(start, end));
  }
  const quote = text.indexOf('"', start + 1);
  if (quote < 0) return undefined;
  const name = text.slice(start + 1, quote);
  if (!name.includes('\\')) return name;
  const end = stringEnd(text, start);
  return end < 0 ? undefined : (JSON.parse(text.slice(start, end)) as string);
}

/**
 * A text EVENT/ACK (or its binary form) whose JSON at `at` has the shape its type needs (an ACK an array, an EVENT an
 * array with a name that is not reserved) gets its arguments left in the text, unchecked; true when it did.
 */
function leaveArgs(p: SioPacket, text: string, at: number, protocol: SioProtocol): boolean {
  if (textFormOf(p.type!) === SioPacketType.ACK) {
    if (text.charCodeAt(at) !== 91 /* [ */) return false;
  } else {
    const event = eventNameAt(text, at);
    if (event === undefined || (protocol === 5 && typeof event === 'string' && RESERVED_EVENTS.has(event)))
      return false;
    p.event = event;
  }
  p.argsLater = 'unchecked';
  return true;
}

/**
 * Decode the text form of a Socket.IO packet: `text` from `start` (the Engine.IO message data, read in place in the
 * Engine.IO packet rather than copied out of it). `argsLater`: an EVENT's or ACK's arguments (binary ones' too) may
 * stay in the text, unchecked (see SioPacket.argsLater); any other packet is checked whole. Never throws.
 */
export function decodeSioText(text: string, start: number, protocol: SioProtocol, argsLater = false): SioPacket {
  const id = text.charCodeAt(start) - 0x30;
  const p = new SioPacket();
  const typeName = sioTypeName(id, protocol);
  if (!typeName) {
    p.flag('unknown-type', `unknown Socket.IO packet type ${excerpt(text.charAt(start))}`);
    return p;
  }
  const type = id as SioPacketType;
  p.type = type;
  p.typeName = typeName;
  let i = start + 1;
  if (type === SioPacketType.BINARY_EVENT || type === SioPacketType.BINARY_ACK) {
    let count = 0;
    let dash = i;
    for (; isDigit(text.charCodeAt(dash)); dash++) count = count * 10 + text.charCodeAt(dash) - 0x30;
    if (text.charCodeAt(dash) !== 45 /* - */ || dash - i > 10) {
      p.flag('bad-packet', 'illegal attachments: missing or malformed "<count>-"');
      p.attachments = 0;
      return p;
    }
    p.attachments = count;
    i = dash + 1;
    if (p.attachments > MAX_ATTACHMENTS) {
      p.flag('bad-packet', `illegal attachments: ${p.attachments} exceeds the cap of ${MAX_ATTACHMENTS}`);
      return p;
    }
  }
  if (text.charCodeAt(i) === 47 /* / */) {
    const comma = text.indexOf(',', i);
    const end = comma < 0 ? text.length : comma;
    p.namespace = text.slice(i, end);
    i = comma < 0 ? end : comma + 1;
    if (type === SioPacketType.CONNECT) splitQuery(p);
  }
  const idStart = i;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (i > idStart) setAckId(p, text.slice(idStart, i));
  if (i >= text.length) return p;
  p.dataAt = i;
  const form = textFormOf(type);
  const eventOrAck = form === SioPacketType.EVENT || form === SioPacketType.ACK;
  // A binary header is checked now: a broken one is flagged at once and waits for no attachments (they show, and are
  // exported, as the frames they are), as the socket.io parsers refuse it at once.
  if (argsLater && eventOrAck && (form === type || isJson(text, i)) && leaveArgs(p, text, i, protocol)) return p;
  const tail = text.slice(i);
  const parsed = parseJson(tail);
  if (!parsed.ok) {
    p.dataAt = undefined;
    p.flag('bad-packet', notJsonProblem(tail, parsed.error));
    return p;
  }
  p.data = parsed.value;
  const problem = payloadProblem(type, parsed.value, protocol);
  if (problem) p.flag('bad-packet', problem);
  return p;
}

/** A packet given as an object `{type, nsp, data?, id?}` (socket.io-msgpack-parser), validated leniently. */
export function sioFromObject(obj: unknown, protocol: SioProtocol): SioPacket {
  if (!isPlainObject(obj)) {
    const invalid = new SioPacket();
    invalid.flag('bad-packet', 'packet is not an object');
    return invalid;
  }
  const type = obj['type'];
  const typeName = typeof type === 'number' && Number.isInteger(type) ? sioTypeName(type, protocol) : undefined;
  const nsp = obj['nsp'];
  const p = new SioPacket(typeof nsp === 'string' ? nsp : '/');
  if (typeName) {
    p.type = type as SioPacketType;
    p.typeName = typeName;
  } else p.flag('unknown-type', `invalid packet type ${excerpt(String(type))}`);
  if (p.type === SioPacketType.CONNECT) splitQuery(p);
  if (typeof nsp !== 'string') p.flag('bad-packet', 'invalid namespace');
  const id = obj['id'];
  if (id !== undefined && id !== null) {
    if (typeof id === 'number' && Number.isInteger(id)) {
      p.ackId = id;
      p.ackIdDigits = String(id);
    } else p.flag('bad-packet', 'invalid packet id');
  }
  if ('data' in obj && obj['data'] !== undefined) p.data = obj['data'];
  if (p.type !== undefined) {
    const connectWithoutData = p.type === SioPacketType.CONNECT && p.data === undefined;
    const problem = connectWithoutData ? undefined : payloadProblem(p.type, p.data, protocol);
    if (problem) p.flag('bad-packet', problem);
  }
  return p;
}

/** Encode a packet in the text grammar; binary data becomes placeholders plus attachments (types 5/6). */
export function encodeSioText(p: { type: SioPacketType; namespace?: string; ackId?: number; data?: unknown }): {
  text: string;
  attachments: Uint8Array[];
} {
  let type = p.type;
  let data = p.data;
  let attachments: Uint8Array[] = [];
  const binaryForm = binaryFormOf(type);
  if (binaryForm !== type && hasBinary(data)) type = binaryForm;
  const binary = type === SioPacketType.BINARY_EVENT || type === SioPacketType.BINARY_ACK;
  if (binary) ({ data, attachments } = deconstructBinary(data));
  const parts: string[] = [String(type)];
  if (binary) parts.push(`${attachments.length}-`);
  if (p.namespace && p.namespace !== '/') parts.push(`${p.namespace},`);
  if (p.ackId !== undefined) parts.push(String(p.ackId));
  if (data !== undefined) parts.push(stringifyJson(data) ?? '');
  return { text: parts.join(''), attachments };
}
