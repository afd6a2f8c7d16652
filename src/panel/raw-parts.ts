import type { Packet } from '../protocol';

/** A part of a packet's wire text, for the Raw tab's highlighting. */
export interface RawPart {
  kind: 'eio-type' | 'sio-type' | 'attachments' | 'namespace' | 'ack-id' | 'json' | 'data';
  text: string;
  /** What the part is, in the protocol's words (its title, and the legend under the text). */
  label: string;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** The end of the digits from `at` on. */
function digitsEnd(raw: string, at: number): number {
  let end = at;
  while (end < raw.length && isDigit(raw.charCodeAt(end))) end++;
  return end;
}

/** The Socket.IO header after the Engine.IO digit: `<type>[<n>-][<nsp>,][<ack id>]`, then the JSON. */
function socketIoParts(packet: Packet, raw: string, parts: RawPart[]): void {
  parts.push({ kind: 'sio-type', text: raw.charAt(1), label: `Socket.IO type: ${packet.sioType ?? 'unknown'}` });
  let at = 2;
  if (packet.attachments !== undefined) {
    const dash = digitsEnd(raw, at);
    if (raw.charAt(dash) === '-') {
      parts.push({ kind: 'attachments', text: raw.slice(at, dash + 1), label: `Attachments: ${packet.attachments}` });
      at = dash + 1;
    }
  }
  if (raw.charAt(at) === '/') {
    const comma = raw.indexOf(',', at);
    const end = comma < 0 ? raw.length : comma + 1;
    parts.push({ kind: 'namespace', text: raw.slice(at, end), label: `Namespace: ${packet.namespace ?? ''}` });
    at = end;
  }
  const idEnd = digitsEnd(raw, at);
  if (idEnd > at) {
    parts.push({ kind: 'ack-id', text: raw.slice(at, idEnd), label: `Ack id: ${raw.slice(at, idEnd)}` });
    at = idEnd;
  }
  if (at < raw.length) parts.push({ kind: 'json', text: raw.slice(at), label: 'JSON payload' });
}

/**
 * A packet's wire text cut into its Engine.IO and Socket.IO parts: the Engine.IO type digit (or `b` and the digit of
 * a base64 binary message), the Socket.IO type, attachments, namespace, ack id, and the JSON or data after them.
 * Text that is not an Engine.IO packet (a plain WebSocket's, an HTTP body) is one part.
 */
export function rawParts(packet: Packet, raw: string): RawPart[] {
  if ((packet.layer !== 'socket.io' && packet.layer !== 'engine.io') || raw === '')
    return [{ kind: 'data', text: raw, label: 'Data' }];
  const parts: RawPart[] = [];
  const base64 = raw.charAt(0) === 'b';
  const typeEnd = base64 ? 2 : 1;
  const eioLabel = `Engine.IO type: ${packet.eioType ?? 'unknown'}${base64 ? ' (binary, as base64)' : ''}`;
  parts.push({ kind: 'eio-type', text: raw.slice(0, typeEnd), label: eioLabel });
  if (packet.layer === 'socket.io' && !base64 && isDigit(raw.charCodeAt(1))) socketIoParts(packet, raw, parts);
  else if (raw.length > typeEnd) {
    const json = packet.eioType === 'open' || (packet.layer === 'socket.io' && raw.charAt(typeEnd) === '{');
    parts.push(
      json
        ? { kind: 'json', text: raw.slice(typeEnd), label: 'JSON payload' }
        : { kind: 'data', text: raw.slice(typeEnd), label: base64 ? 'Base64 data' : 'Data' },
    );
  }
  return parts;
}
