import type { PageRecord } from '../../messages';
import { isPlainObject, stringifyJson } from '../../protocol';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../export/sio-json';
import { createWarnings, toRows, unreadRecord, workerDocuments, type ImportResult } from './rows';
import { FrameWriter } from './sio-json-frames';
import { readPacket, readSession, type ExportedPacket, type ExportedSession } from './sio-json-read';

const CUT_WARNING = 'packet(s) whose raw the export cut could not be rebuilt and may decode differently';

/** True when the JSON looks like a `*.sio.json` export, whatever its version. */
export function isSioJson(json: unknown): json is Record<string, unknown> {
  return isPlainObject(json) && json['format'] === EXPORT_FORMAT;
}

/** The sessions of the file by id. */
function readSessions(values: unknown[], warn: (what: string) => void): Map<string, ExportedSession> {
  const sessions = new Map<string, ExportedSession>();
  for (const value of values) {
    const session = readSession(value);
    if (!session || sessions.has(session.id)) warn('session(s) skipped: malformed or duplicate id');
    else sessions.set(session.id, session);
  }
  return sessions;
}

/** The time of a row that could not be read, if it has one. */
function timeOf(value: unknown): number | undefined {
  const time = isPlainObject(value) ? value['time'] : undefined;
  return typeof time === 'number' && Number.isFinite(time) ? time : undefined;
}

/** A short excerpt of a row that could not be read, for its flagged record. */
function rowExcerpt(value: unknown): string {
  let text: string;
  try {
    text = stringifyJson(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * A `*.sio.json` export back to captured rows. WebSocket packets become one frame each (a BINARY_EVENT/ACK header
 * followed by its attachments); polling packets that came in one body (same session, direction and time, in a row)
 * become one body again, encoded for the session's Engine.IO version. A packet that cannot be read is flagged: a
 * warning, and an error record in its place among the raw frames.
 */
export function importSioJson(json: Record<string, unknown>, fileName: string): ImportResult {
  const version = json['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, error: `${fileName} is a sio-inspector export without a valid version` };
  if (version > EXPORT_VERSION) {
    return {
      ok: false,
      error: `${fileName} is a sio-inspector export of version ${version}, newer than this inspector reads (version ${EXPORT_VERSION}); update the extension`,
    };
  }
  if (!Array.isArray(json['sessions']) || !Array.isArray(json['packets']))
    return { ok: false, error: `${fileName} is a sio-inspector export without sessions and packets` };
  const warnings = createWarnings();
  const warn = (what: string) => warnings.add(what);
  const sessions = readSessions(json['sessions'] as unknown[], warn);
  const framer = new FrameWriter(sessions, () => warn(CUT_WARNING));
  const packets: ExportedPacket[] = [];
  const unread: PageRecord[] = [];
  let lastTime = 0;
  const values = json['packets'] as unknown[];
  for (let i = 0; i < values.length; i++) {
    const packet = readPacket(values[i], sessions, version);
    if (typeof packet !== 'string') {
      packets.push(packet);
      lastTime = packet.time;
      continue;
    }
    warn(`packet(s) not imported: ${packet}`);
    const time = (lastTime = timeOf(values[i]) ?? lastTime);
    unread.push(unreadRecord(`packet ${i} of the file (${packet}): ${rowExcerpt(values[i])}`, time));
  }
  for (let i = 0; i < packets.length;) i = framer.write(packets, i);
  framer.writeEmptySessions(packets);
  // After the frames: each goes after the frames of its time (toRows keeps the order of equal times).
  for (const record of unread) framer.records.push(record);
  const { documents, documentOf } = workerDocuments(fileName, framer.workers);
  return {
    ok: true,
    rows: toRows(framer.records, fileName, documentOf),
    workerDocuments: documents,
    warnings: warnings.list(),
  };
}
