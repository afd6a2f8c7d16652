import {
  createSessionDecoder,
  encodeEioPacket,
  encodeSioText,
  isPlainObject,
  sioTypeId,
  base64Decode,
  type EioVersion,
} from '../../protocol';
import type { ExportedPacket } from './sio-json-read';

/** A pair of values walked side by side: the decoded header's and the exported packet's, at the same place. */
type Walked = [placed: unknown, exported: unknown];

/** The payload of a packet (decoded or exported) as the wire's JSON array has it: the event name, then the args. */
function payloadOf(p: { event?: unknown; args?: unknown }): unknown {
  if (p.event === undefined || !Array.isArray(p.args)) return p.args;
  const payload: unknown[] = [p.event];
  for (const arg of p.args as unknown[]) payload.push(arg);
  return payload;
}

/**
 * The attachments of a BINARY_EVENT / BINARY_ACK, in wire order, as many as arrived. The header, decoded alone,
 * shows where its placeholders are; the exported args hold the bytes (`{"$binary": …}`) at the same places.
 * None when the header does not wait for attachments (malformed).
 */
function attachmentsOf(packet: ExportedPacket, eio: EioVersion, header: string): Uint8Array[] {
  const received = packet.attachmentsReceived ?? 0;
  if (received === 0 || !packet.sio) return [];
  const scratch = createSessionDecoder({ eio, kind: 'socket.io' });
  if (scratch.push({ direction: packet.direction, transport: 'websocket', data: header, time: 0 }).length > 0)
    return [];
  const placed = scratch.flush()[0];
  const byNum = new Map<number, Uint8Array>();
  const pending: Walked[] = [[payloadOf(placed ?? {}), payloadOf(packet.sio)]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, exported] = next;
    if (Array.isArray(value)) {
      if (Array.isArray(exported)) for (let i = 0; i < value.length; i++) pending.push([value[i], exported[i]]);
    } else if (isPlainObject(value) && isPlainObject(exported)) {
      if (value['_placeholder'] === true && typeof value['num'] === 'number') {
        const bytes = typeof exported['$binary'] === 'string' ? base64Decode(exported['$binary']) : undefined;
        if (bytes) byNum.set(value['num'], bytes);
      } else for (const key of Object.keys(value)) pending.push([value[key], exported[key]]);
    }
  }
  return Array.from({ length: received }, (_, num) => byNum.get(num) ?? new Uint8Array());
}

/** Whether an exported value holds a binary (`{"$binary": …}`) anywhere. */
function hasExportedBinary(value: unknown): boolean {
  const pending = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (Array.isArray(next)) for (const item of next as unknown[]) pending.push(item);
    else if (isPlainObject(next)) {
      if (typeof next['$binary'] === 'string') return true;
      for (const key of Object.keys(next)) pending.push(next[key]);
    }
  }
  return false;
}

/**
 * A default-parser packet whose raw the export cut at the preview length, encoded again from its decoded fields
 * (JSON.stringify's text, which is what socket.io's own encoder writes); undefined when that cannot give the same
 * packet (binary data, a msgpack packet, a text that does not start as the cut raw did).
 */
function rebuildCutRaw(packet: ExportedPacket, eio: EioVersion): string | undefined {
  const { sio, raw } = packet;
  const type = typeof sio?.['type'] === 'string' ? sioTypeId(sio['type']) : undefined;
  if (!sio || type === undefined || typeof raw !== 'string') return undefined;
  const data = sio['event'] !== undefined ? payloadOf(sio) : (sio['args'] ?? sio['data']);
  if (hasExportedBinary(data)) return undefined;
  const id = typeof sio['id'] === 'string' ? Number(sio['id']) : undefined;
  const nsp = typeof sio['nsp'] === 'string' ? sio['nsp'] : '/';
  const query = typeof sio['query'] === 'string' ? `?${sio['query']}` : '';
  const { text } = encodeSioText({ type, namespace: nsp + query, ...(id === undefined ? {} : { ackId: id }), data });
  const wire = encodeEioPacket('message', text, eio) as string;
  return wire.startsWith(raw) ? wire : undefined;
}

/**
 * The Engine.IO packets (as on the wire: one per WebSocket frame, or one record of a polling body) that reproduce
 * an exported packet: its raw (rebuilt when the export cut it), then its attachments, encoded for the transport.
 * `cut` is told when a cut raw could not be rebuilt (the packet then decodes from the cut text).
 */
export function wirePackets(packet: ExportedPacket, eio: EioVersion, cut: () => void): (string | Uint8Array)[] {
  let raw = packet.raw;
  if (packet.rawTruncated) {
    const rebuilt = rebuildCutRaw(packet, eio);
    if (rebuilt === undefined) cut();
    else raw = rebuilt;
  }
  const out = [raw];
  if (typeof raw !== 'string') return out;
  const base64 = packet.transport === 'polling';
  for (const attachment of attachmentsOf(packet, eio, raw))
    out.push(encodeEioPacket('message', attachment, eio, base64));
  return out;
}
