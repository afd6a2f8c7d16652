// Feeds a diagnoser from the panel's two views of the capture: its rows (for the connections' open, close and error
// records, and navigations) and the packets decoded from them, merged in time order.
import type { Session, SessionPacket } from '../decode/sessions';
import type { CapturedRow } from '../store/capture';
import { BoundedMap } from './bounded';
import type { Diagnoser } from './diagnoser';

/** The session of a connection: the one its frames joined, else the one its URL's sid names. */
export type SessionOfConnection = (
  documentId: string,
  frameId: number,
  connection: string,
  url: string,
) => Session | undefined;

export function createFeed(diagnoser: Diagnoser, sessionOf: SessionOfConnection) {
  /** The URL of each connection, from its open record (close and error records carry none). */
  const urls = new BoundedMap<string, string>(10_000);

  function row(captured: CapturedRow): void {
    if (captured.kind === 'navigation') {
      diagnoser.navigated(captured.documentId, captured.time);
      return;
    }
    if (captured.kind === 'gap') return;
    const { record, documentId, frameId } = captured;
    if (record.kind === 'frame' || record.kind === 'unrecorded') return;
    const connection = `${documentId}:${frameId}:${record.connection}`;
    if (record.kind === 'open') urls.set(connection, record.url);
    const url = urls.get(connection) ?? '';
    diagnoser.connection({
      kind: record.kind,
      connection,
      transport: record.transport,
      url,
      time: record.time,
      session: sessionOf(documentId, frameId, record.connection, url),
      ...(record.kind === 'close' ? { code: record.code, wasClean: record.wasClean } : {}),
    });
  }

  return {
    /** New capture rows and the packets decoded from them, each in capture order. */
    push(rows: readonly CapturedRow[], packets: readonly SessionPacket[]): void {
      let r = 0;
      let p = 0;
      while (r < rows.length || p < packets.length) {
        // A packet goes before a row of the same time: a connection closes after its last frame.
        if (p < packets.length && (r >= rows.length || packets[p].packet.time <= rows[r].time)) {
          const { session, packet } = packets[p++];
          diagnoser.packet(session, packet);
        } else row(rows[r++]);
      }
    },
  };
}
