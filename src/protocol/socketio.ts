// Socket.IO packets, protocol 4 and 5: the text grammar `<type>[<n>-][<nsp>,][<id>][<json>]` both ways, the
// packet-object form used by msgpack, payload shape rules, and binary placeholders.
import { excerpt, parseJson } from './bytes';
import { sioTypeName, type SioProtocol, type SioType } from './types';

/**
 * A decoded Socket.IO packet. `type` is -1 when the type id is unknown (then `error` is set). A class, so that every
 * packet has the same shape whichever fields its wire form had.
 */
export class SioPacket {
  typeName?: SioType;
  /** Protocol 4 CONNECT query appended to the namespace (`/admin?token=abc,`). */
  query?: string;
  ackId?: number;
  ackIdDigits?: string;
  attachments?: number;
  data?: unknown;
  error?: string;
  unknownType?: boolean;

  constructor(
    public type: number,
    public namespace = '/',
  ) {}
}

/** Most attachments one packet may declare (the reference defaults to 10; we are lenient but bounded). */
export const MAX_ATTACHMENTS = 1000;
const MAX_DEPTH = 512;
const RESERVED_EVENTS = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];

export const BINARY_EVENT = 5;
export const BINARY_ACK = 6;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** Why `data` is not a valid payload for packet type `type`, or undefined when it is. */
export function payloadProblem(type: number, data: unknown, protocol: SioProtocol): string | undefined {
  switch (type) {
    case 0:
      return isPlainObject(data) ? undefined : 'invalid payload: CONNECT data must be an object';
    case 1:
      return data === undefined ? undefined : 'invalid payload: DISCONNECT carries no data';
    case 4:
      return typeof data === 'string' || isPlainObject(data)
        ? undefined
        : 'invalid payload: error data must be a string or an object';
    case 2:
    case 5: {
      if (!Array.isArray(data)) return 'invalid payload: EVENT data must be an array';
      const name: unknown = data[0];
      if (typeof name !== 'string' && typeof name !== 'number') return 'invalid payload: EVENT without an event name';
      if (protocol === 5 && typeof name === 'string' && RESERVED_EVENTS.includes(name))
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
  if (!Number.isSafeInteger(p.ackId)) p.error = `ack id ${excerpt(digits, 30)} exceeds 2^53-1; exact digits kept`;
}

/** Protocol 4 CONNECT: `/admin?token=abc` → namespace `/admin`, query `token=abc`. */
function splitQuery(p: SioPacket): void {
  const q = p.namespace.indexOf('?');
  if (q < 0) return;
  p.query = p.namespace.slice(q + 1);
  p.namespace = p.namespace.slice(0, q);
}

/**
 * Decode the text form of a Socket.IO packet: `text` from `start` (the Engine.IO message data, read in place in the
 * Engine.IO packet rather than copied out of it). Never throws.
 */
export function decodeSioText(text: string, start: number, protocol: SioProtocol): SioPacket {
  const type = text.charCodeAt(start) - 48;
  const typeName = type >= 0 && type <= 6 ? sioTypeName(type, protocol) : undefined;
  if (!typeName) {
    const unknown = new SioPacket(-1);
    unknown.unknownType = true;
    unknown.error = `unknown Socket.IO packet type ${excerpt(text.charAt(start))}`;
    return unknown;
  }
  const p = new SioPacket(type);
  p.typeName = typeName;
  let i = start + 1;
  if (type === BINARY_EVENT || type === BINARY_ACK) {
    let count = 0;
    let dash = i;
    for (; isDigit(text.charCodeAt(dash)); dash++) count = count * 10 + text.charCodeAt(dash) - 48;
    if (text.charCodeAt(dash) !== 45 /* - */ || dash - i > 10) {
      p.error = 'illegal attachments: missing or malformed "<count>-"';
      p.attachments = 0;
      return p;
    }
    p.attachments = count;
    i = dash + 1;
    if (p.attachments > MAX_ATTACHMENTS) {
      p.error = `illegal attachments: ${p.attachments} exceeds the cap of ${MAX_ATTACHMENTS}`;
      return p;
    }
  }
  if (text.charCodeAt(i) === 47 /* / */) {
    const comma = text.indexOf(',', i);
    const end = comma < 0 ? text.length : comma;
    p.namespace = text.slice(i, end);
    i = comma < 0 ? end : comma + 1;
    if (type === 0) splitQuery(p);
  }
  const idStart = i;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (i > idStart) setAckId(p, text.slice(idStart, i));
  if (i >= text.length) return p;
  const tail = text.slice(i);
  const parsed = parseJson(tail);
  if (!parsed.ok) {
    p.error = `invalid payload: not JSON (${parsed.error}): ${excerpt(tail)}`;
    return p;
  }
  p.data = parsed.value;
  const problem = payloadProblem(type, parsed.value, protocol);
  if (problem) p.error = p.error ? `${p.error}; ${problem}` : problem;
  return p;
}

/** A packet given as an object `{type, nsp, data?, id?}` (socket.io-msgpack-parser), validated leniently. */
export function sioFromObject(obj: unknown, protocol: SioProtocol): SioPacket {
  if (!isPlainObject(obj)) {
    const invalid = new SioPacket(-1);
    invalid.error = 'packet is not an object';
    return invalid;
  }
  const type = obj['type'];
  const typeName = typeof type === 'number' && Number.isInteger(type) ? sioTypeName(type, protocol) : undefined;
  const nsp = obj['nsp'];
  const p = new SioPacket(typeName ? (type as number) : -1, typeof nsp === 'string' ? nsp : '/');
  if (typeName) p.typeName = typeName;
  if (p.type === 0) splitQuery(p);
  const problems: string[] = [];
  if (!typeName) problems.push(`invalid packet type ${excerpt(String(type))}`);
  if (typeof nsp !== 'string') problems.push('invalid namespace');
  const id = obj['id'];
  if (id !== undefined && id !== null) {
    if (typeof id === 'number' && Number.isInteger(id)) {
      p.ackId = id;
      p.ackIdDigits = String(id);
    } else problems.push('invalid packet id');
  }
  if ('data' in obj && obj['data'] !== undefined) p.data = obj['data'];
  if (typeName) {
    const inline = p.type === BINARY_EVENT ? 2 : p.type === BINARY_ACK ? 3 : p.type;
    const connectWithoutData = p.type === 0 && p.data === undefined;
    const problem = connectWithoutData ? undefined : payloadProblem(inline, p.data, protocol);
    if (problem) problems.push(problem);
  }
  if (problems.length) p.error = problems.join('; ');
  return p;
}

/**
 * Put attachments back in place of `{"_placeholder":true,"num":N}` (mutates `data`, which is freshly parsed).
 * Out-of-range placeholders are kept and reported.
 */
export function reconstructBinary(
  data: unknown,
  attachments: readonly Uint8Array[],
): { data: unknown; error?: string } {
  let bad = 0;
  let deep = false;
  const visit = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (depth > MAX_DEPTH) {
      deep = true;
      return v;
    }
    // Only a placeholder is replaced: every other value stays, unwritten.
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        const next = visit(item, depth + 1);
        if (next !== item) v[i] = next;
      }
      return v;
    }
    const o = v as Record<string, unknown>;
    if (o['_placeholder'] === true) {
      const num = o['num'];
      if (typeof num === 'number' && Number.isInteger(num) && num >= 0 && num < attachments.length)
        return attachments[num];
      bad++;
      return v;
    }
    for (const k in o) {
      const value = o[k];
      const next = Object.hasOwn(o, k) ? visit(value, depth + 1) : value;
      if (next !== value) o[k] = next;
    }
    return v;
  };
  const out = visit(data, 0);
  const errors: string[] = [];
  if (bad) errors.push(`illegal attachments: ${bad} placeholder(s) with a num outside [0, ${attachments.length})`);
  if (deep) errors.push('data nested too deeply; some placeholders not replaced');
  return errors.length ? { data: out, error: errors.join('; ') } : { data: out };
}

/** True when `data` contains a Uint8Array at any depth. */
export function hasBinary(data: unknown, depth = 0): boolean {
  if (data instanceof Uint8Array) return true;
  if (typeof data !== 'object' || data === null || depth > MAX_DEPTH) return false;
  const values = Array.isArray(data) ? data : Object.values(data);
  return values.some((v) => hasBinary(v, depth + 1));
}

/** Replace each Uint8Array by a placeholder (depth-first numbering, as the reference); returns a copy. */
export function deconstructBinary(data: unknown): { data: unknown; attachments: Uint8Array[] } {
  const attachments: Uint8Array[] = [];
  const visit = (v: unknown): unknown => {
    if (v instanceof Uint8Array) {
      attachments.push(v);
      return { _placeholder: true, num: attachments.length - 1 };
    }
    if (Array.isArray(v)) return v.map(visit);
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) out[k] = visit(v[k]);
      return out;
    }
    return v;
  };
  return { data: visit(data), attachments };
}

/** Encode a packet in the text grammar; binary data becomes placeholders plus attachments (types 5/6). */
export function encodeSioText(p: { type: number; namespace?: string; ackId?: number; data?: unknown }): {
  text: string;
  attachments: Uint8Array[];
} {
  let type = p.type;
  let data = p.data;
  let attachments: Uint8Array[] = [];
  if ((type === 2 || type === 3) && hasBinary(data)) type += 3;
  if (type === BINARY_EVENT || type === BINARY_ACK) ({ data, attachments } = deconstructBinary(data));
  const parts: string[] = [String(type)];
  if (type === BINARY_EVENT || type === BINARY_ACK) parts.push(`${attachments.length}-`);
  if (p.namespace && p.namespace !== '/') parts.push(`${p.namespace},`);
  if (p.ackId !== undefined) parts.push(String(p.ackId));
  if (data !== undefined) parts.push(JSON.stringify(data));
  return { text: parts.join(''), attachments };
}
