import type { WorkerInfo } from '../../messages';
import { stringifyJson, toJsonValue, type Packet } from '../../protocol';
import { decodeCapture, type Session, type SessionPacket } from '../decode/sessions';
import { exportProblems } from '../diagnose/export';
import type { Problem } from '../diagnose/types';
import type { CapturedRow } from '../store/capture';

/** The `*.sio.json` export format: see docs/export-format.md for each version. */
export const EXPORT_FORMAT = 'sio-inspector';
export const EXPORT_VERSION = 2;

function exportSio(packet: Packet) {
  return {
    type: packet.sioType,
    nsp: packet.namespace ?? '/',
    ...(packet.query !== undefined ? { query: packet.query } : {}),
    ...(packet.ackIdDigits !== undefined ? { id: packet.ackIdDigits } : {}),
    ...(packet.event !== undefined ? { event: packet.event } : {}),
    ...(packet.args !== undefined ? { args: toJsonValue(packet.args) } : {}),
    ...(packet.data !== undefined ? { data: toJsonValue(packet.data) } : {}),
    ...(packet.attachments !== undefined ? { attachments: packet.attachments } : {}),
    ...(packet.attachmentsReceived !== undefined ? { attachmentsReceived: packet.attachmentsReceived } : {}),
  };
}

function exportPacket({ session, packet, injected, intercept }: SessionPacket) {
  return {
    session: session.id,
    time: packet.time,
    ...(packet.completedAt !== undefined ? { completedAt: packet.completedAt } : {}),
    direction: packet.direction,
    transport: packet.transport,
    eio: { type: packet.eioType ?? packet.layer },
    ...(packet.layer === 'socket.io' && packet.sioType ? { sio: exportSio(packet) } : {}),
    ...(injected ? { injected: true } : {}),
    ...(intercept ? { intercept } : {}),
    ...(packet.error ? { error: packet.error, errorKind: packet.errorKind } : {}),
    ...(packet.httpStatus !== undefined ? { httpStatus: packet.httpStatus } : {}),
    raw: toJsonValue(packet.raw),
    ...(packet.rawTruncated ? { rawTruncated: true } : {}),
  };
}

/** The worker whose traffic a document's records are, if it is one (see CaptureStore.documents). */
export type WorkerOf = (documentId: string) => WorkerInfo | undefined;

function exportSession(session: Session, workerOf: WorkerOf) {
  const worker = workerOf(session.documentId);
  return {
    id: session.id,
    url: session.url,
    eio: session.eio ?? null,
    sid: session.sid ?? null,
    transports: session.transports,
    ...(worker ? { worker: { kind: worker.kind, url: worker.url } } : {}),
  };
}

const noWorkers: WorkerOf = () => undefined;

/** The capture as a `*.sio.json` document, with the problems found in it. */
export function buildExport(
  sessions: readonly Session[],
  packets: readonly SessionPacket[],
  exportedAt: Date,
  problems: readonly Problem[] = [],
  workerOf = noWorkers,
) {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    sessions: sessions.map((session) => exportSession(session, workerOf)),
    packets: packets.map(exportPacket),
    problems: exportProblems(problems, packets),
  };
}

export type ExportDocument = ReturnType<typeof buildExport>;

/** Packets written into one part of the document's text. */
const PACKETS_PER_PART = 1024;

/**
 * The document's JSON text, in parts to join or hand to a Blob (a part per 1024 packets), so that no single string
 * has to hold a capture of a million packets; each packet is written on its own, so that one nested deeper than
 * JSON.stringify reaches is written all the same (stringifyJson).
 */
export function serializeExport(document: ExportDocument): string[] {
  const { packets, ...head } = document;
  const opening = stringifyJson(head)!;
  const parts = [`${opening.slice(0, -1)},"packets":[`];
  for (let start = 0; start < packets.length; start += PACKETS_PER_PART) {
    const texts: string[] = [];
    const end = Math.min(packets.length, start + PACKETS_PER_PART);
    for (let i = start; i < end; i++) texts.push(stringifyJson(packets[i])!);
    parts.push((start > 0 ? ',' : '') + texts.join(','));
  }
  parts.push(']}');
  return parts;
}

/**
 * The capture, with the problems found in it, as the text of a `*.sio.json` document, in parts (see serializeExport).
 * It is decoded afresh with whole raws (the panel's own decode keeps a 64 KiB preview), so that the file holds every
 * packet as on the wire; the same decoding numbers the sessions and packets as the panel's, which the problems name.
 */
export function exportCapture(
  rows: readonly CapturedRow[],
  exportedAt: Date,
  problems: readonly Problem[] = [],
  workerOf = noWorkers,
): string[] {
  const { sessions, packets } = decodeCapture(rows, { rawPreviewLength: Infinity });
  return serializeExport(buildExport(sessions, packets, exportedAt, problems, workerOf));
}
