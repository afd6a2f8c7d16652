import type { Direction } from '../messages';
import { createConnectionLog, Entry, isCapturing, logSocketFrame } from './batches';
import { HEAD_FRAMES } from './head';
import { bare, now } from './natives';
import { closeRecord, connectionFields, openRecord } from './serialize';

/** What a mocked WebSocket records: its frames both ways and its close (its open is recorded when it is made). */
export interface MockedSocketRecord {
  frame(direction: Direction, data: unknown): void;
  closed(code: number): void;
}

/**
 * Records a mocked WebSocket's traffic in the timeline as a WebSocket's (see websocket.ts), under the mocked
 * connection's id, while the hook captures: the page sees its conversation with the mock as with a server.
 */
export function recordMockedSocket(connection: string, url: string): MockedSocketRecord {
  const json = connectionFields(connection, 'websocket', url);
  const log = createConnectionLog('websocket');
  let frames = 0;
  const opened = now();
  if (isCapturing()) log(new Entry(openRecord(json.fields, opened), json, true, false, opened));
  return bare({
    frame(direction: Direction, data: unknown) {
      if (!isCapturing()) return;
      if (logSocketFrame(log, json, direction, data, frames < HEAD_FRAMES, now(), false)) frames++;
    },
    closed(code: number) {
      const time = now();
      if (isCapturing()) log(new Entry(closeRecord(json.fields, code, '', true, time), json, true, false, time));
    },
  });
}
