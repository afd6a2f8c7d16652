import {
  base64Decode,
  ERROR_KINDS,
  isPlainObject,
  type Direction,
  type EioVersion,
  type ErrorKind,
  type Transport,
} from '../../protocol';
import type { InterceptRecordMark, WorkerInfo } from '../../messages';
import { isInterceptRecordMark } from '../../message-guards';
import { isWorkerInfo } from '../validate';

/** A session of a `*.sio.json` file, as read. */
export interface ExportedSession {
  id: string;
  url: string;
  eio: EioVersion | null;
  sid: string | null;
  transports: Transport[];
  /** The worker whose session it was, when it was captured in one. */
  worker?: WorkerInfo;
}

/** A packet of a `*.sio.json` file, as read and checked: what the import rebuilds the captured frames from. */
export interface ExportedPacket {
  session: ExportedSession;
  time: number;
  direction: Direction;
  transport: Transport;
  eioType: string;
  sio?: Record<string, unknown>;
  errorKind?: ErrorKind;
  /** The HTTP status of a polling body that is no payload (`eio.type` `http`). */
  httpStatus?: number;
  /** A BINARY_EVENT/BINARY_ACK that waited for attachments: how many arrived. */
  attachmentsReceived?: number;
  /** A BINARY_EVENT/BINARY_ACK finished by a later frame than its header's: that frame's time. */
  completedAt?: number;
  injected: boolean;
  /** Held by a breakpoint or a rule first: what became of it. */
  intercept?: InterceptRecordMark;
  /** As on the wire: text, or bytes (`{"$binary": …}` in the file). */
  raw: string | Uint8Array;
  rawTruncated: boolean;
}

export function readSession(value: unknown): ExportedSession | undefined {
  if (!isPlainObject(value)) return undefined;
  const { id, url, eio, sid, transports, worker } = value;
  if (typeof id !== 'string' || typeof url !== 'string') return undefined;
  if (worker !== undefined && !isWorkerInfo(worker)) return undefined;
  if (eio !== null && eio !== 3 && eio !== 4) return undefined;
  if (sid !== null && typeof sid !== 'string') return undefined;
  const known = Array.isArray(transports)
    ? transports.filter((t): t is Transport => t === 'polling' || t === 'websocket' || t === 'webtransport')
    : [];
  return {
    id,
    url,
    eio,
    sid,
    transports: known,
    ...(worker ? { worker: { kind: worker.kind, url: worker.url } } : {}),
  };
}

function readRaw(value: unknown): string | Uint8Array | undefined {
  if (typeof value === 'string') return value;
  return isPlainObject(value) && typeof value['$binary'] === 'string' ? base64Decode(value['$binary']) : undefined;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** The structured fields of a version 2 packet; a string says why they are malformed. */
function structuredFields(value: Record<string, unknown>, sio: Record<string, unknown> | undefined) {
  const { errorKind, httpStatus } = value;
  const received = sio?.['attachmentsReceived'];
  if (errorKind !== undefined && !(ERROR_KINDS as readonly unknown[]).includes(errorKind)) return 'unknown errorKind';
  if (httpStatus !== undefined && !isCount(httpStatus)) return 'httpStatus is not a number';
  if (received !== undefined && !isCount(received)) return 'sio.attachmentsReceived is not a count';
  return {
    errorKind: errorKind as ErrorKind | undefined,
    httpStatus,
    attachmentsReceived: received,
  };
}

/**
 * Version 1 files have the decoder's messages only. The fields the import needs, read from the wording of the
 * messages of that version (its files are what they are: rewording today's messages changes nothing here).
 */
function version1Fields(eioType: string, error: unknown, sio: Record<string, unknown> | undefined) {
  const message = typeof error === 'string' ? error : '';
  let errorKind: ErrorKind | undefined;
  if (message && eioType === 'http') errorKind = 'http-error';
  else if (/^(bad length|truncated payload|bad record kind|empty payload)/.test(message)) errorKind = 'bad-payload';
  else if (/^(malformed JSONP|JSONP )/.test(message)) errorKind = 'bad-jsonp';
  const status = /: HTTP (\d{3})$/.exec(message);
  const got = /attachment count mismatch: expected \d+, got (\d+)/.exec(message);
  const declared = sio?.['attachments'];
  const binary = sio?.['type'] === 'BINARY_EVENT' || sio?.['type'] === 'BINARY_ACK';
  return {
    errorKind,
    httpStatus: eioType !== 'http' ? undefined : !message ? 200 : status ? Number(status[1]) : undefined,
    attachmentsReceived: got ? Number(got[1]) : binary && isCount(declared) && declared > 0 ? declared : undefined,
  };
}

/** One packet of a file of the given version, or why it cannot be read. */
export function readPacket(
  value: unknown,
  sessions: ReadonlyMap<string, ExportedSession>,
  version: number,
): ExportedPacket | string {
  if (!isPlainObject(value)) return 'not an object';
  const session = typeof value['session'] === 'string' ? sessions.get(value['session']) : undefined;
  if (!session) return 'unknown session';
  const { time, completedAt, direction, transport, eio, injected, rawTruncated } = value;
  if (typeof time !== 'number' || !Number.isFinite(time)) return 'no time';
  if (
    completedAt !== undefined &&
    (typeof completedAt !== 'number' || !(completedAt > time) || completedAt === Infinity)
  )
    return 'completedAt is not a time after time';
  if (direction !== 'sent' && direction !== 'received') return 'no direction';
  if (transport !== 'polling' && transport !== 'websocket' && transport !== 'webtransport') return 'no transport';
  const eioType = isPlainObject(eio) && typeof eio['type'] === 'string' ? eio['type'] : undefined;
  if (!eioType) return 'no eio.type';
  const raw = readRaw(value['raw']);
  if (raw === undefined) return 'raw is neither text nor {"$binary": base64}';
  const sio = isPlainObject(value['sio']) ? value['sio'] : undefined;
  const fields = version === 1 ? version1Fields(eioType, value['error'], sio) : structuredFields(value, sio);
  if (typeof fields === 'string') return fields;
  const packet: ExportedPacket = {
    session,
    time,
    direction,
    transport,
    eioType,
    injected: injected === true,
    raw,
    rawTruncated: rawTruncated === true,
  };
  if (sio) packet.sio = sio;
  if (fields.errorKind !== undefined) packet.errorKind = fields.errorKind;
  if (fields.httpStatus !== undefined) packet.httpStatus = fields.httpStatus;
  if (fields.attachmentsReceived !== undefined) packet.attachmentsReceived = fields.attachmentsReceived;
  if (completedAt !== undefined) packet.completedAt = completedAt;
  if (value['intercept'] !== undefined) {
    if (!isInterceptRecordMark(value['intercept'])) return 'intercept is not a mark';
    packet.intercept = value['intercept'];
  }
  return packet;
}
