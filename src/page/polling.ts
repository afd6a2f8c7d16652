import type { Direction } from '../messages';
import { Entry } from './batches';
import { isPollingHead } from './head';
import { connectionFields, errorRecord, frameRecord, type Payload } from './serialize';

/** One polling request as the hook knows it: its absolute URL and its HTTP method. */
export interface PollingRequest {
  url: string;
  method: string;
}

/** The record of a polling body (the request's `connection`), in its session's head while the session is young. */
export function pollingEntry(
  connection: string,
  request: PollingRequest,
  direction: Direction,
  payload: Payload,
  time: number,
  injected: boolean,
  status?: number,
): Entry {
  const described = connectionFields(connection, 'polling', request.url);
  const text = frameRecord(described, direction, payload, time, injected, request.method, status);
  return new Entry(text, described, isPollingHead(request.url), true, time);
}

/** The record of a failed polling request (in the head, as every error). */
export function pollingError(connection: string, request: PollingRequest, message: string, time: number): Entry {
  const described = connectionFields(connection, 'polling', request.url);
  return new Entry(errorRecord(described.fields, message, time), described, true, false, time);
}
