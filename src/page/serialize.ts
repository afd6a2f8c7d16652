/**
 * Writes the records the hook hands to the relay as JSON text, by hand: the saved `JSON.stringify` only ever sees
 * primitive strings, so no `toJSON` (on `Object.prototype`, `Array.prototype` or anywhere a page puts one) and no
 * getter is consulted, and no object of the hook is handed to anything the page can patch. The fields and their
 * order are those of `PageToContent` (src/messages.ts); the panel parses and validates them (src/page-batch.ts).
 */
import type { CaptureErrors, Direction, Transport } from '../messages';

/** Saved when the hook is installed, before any page script runs. */
const stringify = JSON.stringify;

/** A string as a JSON string literal. */
export function json(text: string): string {
  return stringify(text);
}

/** A number as JSON (`null` for NaN and infinities, as JSON.stringify writes them). */
function number(value: number): string {
  return value === value && value !== Infinity && value !== -Infinity ? `${value}` : 'null';
}

/**
 * A connection as its records name it: `id` its id as JSON, `fields` what each of its records that is an object starts
 * with (that id), `described` its entry in a batch's table of connections (its transport and URL, written once per
 * batch that has its records, see queueRecord); `run` is the batch it was last written in. Only these own properties
 * are ever read or written, so its prototype is never consulted.
 */
export interface ConnectionFields {
  id: string;
  fields: string;
  described: string;
  run: number;
}

export function connectionFields(connection: string, transport: Transport, url: string): ConnectionFields {
  const id = json(connection);
  const described = `${id}:{"transport":"${transport}","url":${json(url)}}`;
  return { id, fields: `,"connection":${id}`, described, run: 0 };
}

/** A payload's JSON (see WrittenPayload): a text not truncated as a JSON string, else an object. */
export type Payload = string;

export function textPayloadJson(text: string, size: number, truncated: boolean): string {
  return truncated ? `{"text":${json(text)},"size":${number(size)}}` : json(text);
}

export function base64PayloadJson(base64: string, size: number, truncated: boolean): string {
  return truncated ? `{"base64":"${base64}","size":${number(size)}}` : `{"base64":"${base64}"}`;
}

export function openRecord(fields: string, time: number): string {
  return `{"kind":"open"${fields},"time":${number(time)}}`;
}

/**
 * Polling frames carry the HTTP `method` and, when received, the `status` of their request. A frame without them and
 * without marks is written as a tuple (WrittenFrame).
 */
export function frameRecord(
  connection: ConnectionFields,
  direction: Direction,
  payload: Payload,
  time: number,
  injected: boolean,
  method?: string,
  status?: number,
  intercept?: string,
): string {
  if (method === undefined && status === undefined && !injected && intercept === undefined)
    return `["${direction === 'sent' ? 's' : 'r'}",${connection.id},${payload},${number(time)}]`;
  const { fields } = connection;
  const http =
    (method === undefined ? '' : `,"method":${json(method)}`) +
    (status === undefined ? '' : `,"status":${number(status)}`);
  const marks = `${injected ? ',"injected":true' : ''}${intercept === undefined ? '' : `,"intercept":${intercept}`}`;
  return `{"kind":"frame"${fields},"direction":"${direction}","payload":${payload},"time":${number(time)}${http}${marks}}`;
}

export function closeRecord(fields: string, code: number, reason: string, wasClean: boolean, time: number): string {
  return (
    `{"kind":"close"${fields},"code":${number(code)},"reason":${json(reason)}` +
    `,"wasClean":${wasClean ? 'true' : 'false'},"time":${number(time)}}`
  );
}

export function errorRecord(fields: string, message: string, time: number): string {
  return `{"kind":"error"${fields},"message":${json(message)},"time":${number(time)}}`;
}

export function unrecordedRecord(fields: string, count: number, size: number, time: number): string {
  return `{"kind":"unrecorded"${fields},"count":${number(count)},"size":${number(size)},"time":${number(time)}}`;
}

/**
 * The head of a records batch (see PageToContent), up to the opening bracket of its records; `batchTail` closes it
 * with the table of the connections its records name.
 */
export function batchHead(
  version: number,
  count: number,
  frames: number,
  head: boolean,
  time: number,
  errors: string,
): string {
  return (
    `{"type":"records","version":${number(version)},"count":${number(count)},"frames":${number(frames)}` +
    `,"head":${head ? 'true' : 'false'},"time":${number(time)},"errors":${errors},"records":[`
  );
}

export function batchTail(described: string): string {
  return `],"connections":{${described}}}`;
}

/** Capture error counts as JSON (kinds without any left out); `kinds` is CAPTURE_ERROR_KINDS. */
export function errorsJson(kinds: readonly (keyof CaptureErrors)[], counts: CaptureErrors): string {
  let text = '';
  for (let index = 0; index < kinds.length; index++) {
    const count = counts[kinds[index]];
    if (count) text += `${text ? ',' : ''}"${kinds[index]}":${number(count)}`;
  }
  return `{${text}}`;
}
