/**
 * Writes the records the hook hands to the relay as JSON text, by hand: the saved `JSON.stringify` only ever sees
 * primitive strings, so no `toJSON` (on `Object.prototype`, `Array.prototype` or anywhere a page puts one) and no
 * getter is consulted, and no object of the hook is handed to anything the page can patch. The fields and their
 * order are those of `PageRecord` (src/messages.ts); the relay parses and validates them.
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
 * The fields every record of one connection starts with (`fields`), and those of its open and frame records, which
 * add the URL (`located`): written once per connection.
 */
export interface ConnectionFields {
  fields: string;
  located: string;
}

export function connectionFields(connection: string, transport: Transport, url: string): ConnectionFields {
  const fields = `,"connection":${json(connection)},"transport":"${transport}"`;
  return { fields, located: `${fields},"url":${json(url)}` };
}

/** A payload's JSON (see FramePayload). */
export type Payload = string;

export function textPayloadJson(text: string, size: number, truncated: boolean): string {
  return `{"text":${json(text)},"size":${number(size)},"truncated":${truncated ? 'true' : 'false'}}`;
}

export function base64PayloadJson(base64: string, size: number, truncated: boolean): string {
  return `{"base64":"${base64}","size":${number(size)},"truncated":${truncated ? 'true' : 'false'}}`;
}

export function openRecord(located: string, time: number): string {
  return `{"kind":"open"${located},"time":${number(time)}}`;
}

/** Polling frames carry the HTTP `method` and, when received, the `status` of their request. */
export function frameRecord(
  located: string,
  direction: Direction,
  payload: Payload,
  time: number,
  injected: boolean,
  method?: string,
  status?: number,
  intercept?: string,
): string {
  const http =
    (method === undefined ? '' : `,"method":${json(method)}`) +
    (status === undefined ? '' : `,"status":${number(status)}`);
  const marks = `${injected ? ',"injected":true' : ''}${intercept === undefined ? '' : `,"intercept":${intercept}`}`;
  return `{"kind":"frame"${located},"direction":"${direction}","payload":${payload},"time":${number(time)}${http}${marks}}`;
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

/** The head of a records batch (see PageToContent), up to the opening bracket of its records. */
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

/** Capture error counts as JSON (kinds without any left out); `kinds` is CAPTURE_ERROR_KINDS. */
export function errorsJson(kinds: readonly (keyof CaptureErrors)[], counts: CaptureErrors): string {
  let text = '';
  for (let index = 0; index < kinds.length; index++) {
    const count = counts[kinds[index]];
    if (count) text += `${text ? ',' : ''}"${kinds[index]}":${number(count)}`;
  }
  return `{${text}}`;
}
