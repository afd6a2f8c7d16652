import { base64Encode, type Packet } from '../../protocol';
import type { Session, SessionPacket } from '../decode/sessions';
import { exportProblems } from '../diagnose/export';
import type { Problem } from '../diagnose/types';

/** The `*.sio.json` export format, version 1: see docs/export-format.md. */
export const EXPORT_FORMAT = 'sio-inspector';
export const EXPORT_VERSION = 1;

/** Binary values become `{"$binary": "<base64>"}`; everything else is kept as JSON allows. */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $binary: base64Encode(value) };
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, toJsonValue(entry)]));
  }
  return value;
}

function exportPacket({ session, packet, injected }: SessionPacket) {
  return {
    session: session.id,
    time: packet.time,
    direction: packet.direction,
    transport: packet.transport,
    eio: { type: packet.eioType ?? packet.layer },
    ...(packet.layer === 'socket.io' && packet.sioType ? { sio: exportSio(packet) } : {}),
    ...(injected ? { injected: true } : {}),
    ...(packet.error ? { error: packet.error } : {}),
    raw: toJsonValue(packet.raw),
    ...(packet.rawTruncated ? { rawTruncated: true } : {}),
  };
}

function exportSio(packet: Packet) {
  return {
    type: packet.sioType,
    nsp: packet.namespace ?? '/',
    ...(packet.ackIdDigits !== undefined ? { id: packet.ackIdDigits } : {}),
    ...(packet.event !== undefined ? { event: packet.event } : {}),
    ...(packet.args !== undefined ? { args: toJsonValue(packet.args) } : {}),
    ...(packet.data !== undefined ? { data: toJsonValue(packet.data) } : {}),
    ...(packet.attachments !== undefined ? { attachments: packet.attachments } : {}),
  };
}

function exportSession(session: Session) {
  return {
    id: session.id,
    url: session.url,
    eio: session.eio ?? null,
    sid: session.sid ?? null,
    transports: session.transports,
  };
}

/** The capture as a `*.sio.json` document, with the problems found in it. */
export function buildExport(
  sessions: readonly Session[],
  packets: readonly SessionPacket[],
  exportedAt: Date,
  problems: readonly Problem[] = [],
) {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    sessions: sessions.map(exportSession),
    packets: packets.map(exportPacket),
    problems: exportProblems(problems, packets),
  };
}
