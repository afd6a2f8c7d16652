// What the rules read of the decoder's packets and sessions beyond plain fields, in one place: the shape of an HTTP
// error, which side sends the heartbeat, what makes sessions "of one URL", and how figures read.
import { eioVersionFromUrl, type EioVersion, type Packet } from '../../protocol';
import type { Session } from '../decode/sessions';
import { formatCount } from '../../count-text';

/** Engine.IO's error codes of refused HTTP requests (engine.io `Server.errors`). */
export const ENGINE_IO_ERRORS: Readonly<Record<number, string>> = {
  0: 'Transport unknown',
  1: 'Session ID unknown',
  2: 'Bad handshake method',
  3: 'Bad request',
  4: 'Forbidden',
  5: 'Unsupported protocol version',
};
export const SESSION_ID_UNKNOWN = 1;
export const UNSUPPORTED_PROTOCOL_VERSION = 5;

/** A polling response the server refused: its HTTP status and, from an Engine.IO server, its error code and message. */
export interface HttpError {
  status?: number;
  code?: number;
  message?: string;
}

/** The HTTP error a packet stands for (a polling response of status >= 400 or an Engine.IO error body), if it is one. */
export function httpErrorOf(packet: Packet): HttpError | undefined {
  // Only a polling body that is not a payload is one: no other packet's arguments get checked to say so.
  if (packet.layer !== 'http' || packet.errorKind !== 'http-error') return undefined;
  const data = packet.data as HttpError | undefined;
  const status = packet.httpStatus ?? data?.status;
  if (typeof data !== 'object' || data === null) return status === undefined ? {} : { status };
  return {
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof data.code === 'number' ? { code: data.code } : {}),
    ...(typeof data.message === 'string' ? { message: data.message } : {}),
  };
}

/** The Engine.IO version a session's client speaks (from its URL: a missing `EIO` is 3). */
export function clientEio(session: Session): EioVersion {
  return session.eio ?? eioVersionFromUrl(session.url);
}

/** The server's part of the heartbeat (not a probe): v4 its ping, v3 its pong. */
export function isServerHeartbeat(packet: Packet, eio: EioVersion): boolean {
  return packet.direction === 'received' && packet.eioType === (eio === 4 ? 'ping' : 'pong') && packet.data !== 'probe';
}

/** The page's part of the heartbeat: v4 its pong, v3 its ping. */
export function isPageHeartbeat(packet: Packet, eio: EioVersion): boolean {
  return packet.direction === 'sent' && packet.eioType === (eio === 4 ? 'pong' : 'ping') && packet.data !== 'probe';
}

/** Sessions "of one URL" are those of one Engine.IO endpoint: origin and path, without the query. */
export function urlKey(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

/** A packet the page's client would fail to parse: flagged by the decoder for what it is, not for our own limits. */
export const isUnparsable = (packet: Packet): boolean =>
  packet.errorKind !== undefined &&
  packet.errorKind !== 'http-error' &&
  packet.errorKind !== 'frame-too-large' &&
  packet.errorKind !== 'internal';

export const isEvent = (packet: Packet): boolean => packet.sioType === 'EVENT' || packet.sioType === 'BINARY_EVENT';
export const isAck = (packet: Packet): boolean => packet.sioType === 'ACK' || packet.sioType === 'BINARY_ACK';

/** A figure in milliseconds, as the problems write it. */
export function ms(value: number): string {
  return `${formatCount(Math.round(value))} ms`;
}

/** `"name"` for an event name, quoted as in code. */
export const quoted = (name: string | number | undefined): string => JSON.stringify(String(name ?? ''));
