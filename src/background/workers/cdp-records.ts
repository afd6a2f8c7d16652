/**
 * Turns the CDP Network events of one worker into the records the page hook makes (PageRecord), so the panel decodes
 * a worker's sessions as any page's: WebSocket opens, frames (text, or binary as base64), closes and errors; Engine.IO
 * polling requests as a sent frame (the POST body) and a received frame (the response body, which the caller fetches
 * with `Network.getResponseBody` when asked). Events are untrusted input: a malformed one makes no record and is
 * counted. What it keeps per request in flight is bounded (MAX_IN_FLIGHT); a request let go says so in an error record.
 */
import { isBase64 } from '../../message-guards';
import type { FramePayload, InjectedFrame, PageRecord } from '../../messages';
import { isEngineIoUrl, isPlainObject } from '../../protocol';
import { createExpectedFrames } from './expected';
import { base64Payload, textPayload } from './payloads';

/** At most this many WebSockets and polling requests are followed at once; beyond, the oldest is let go. */
export const MAX_IN_FLIGHT = 1_000;

/** What the caller must fetch for a request: its response body, or its POST body that the event left out. */
export interface BodyRequest {
  requestId: string;
  part: 'response' | 'post';
}

export interface CdpResult {
  records: PageRecord[];
  /** Events that were not of the shape CDP gives (no record made). */
  malformed: number;
  fetch?: BodyRequest;
}

interface Followed {
  connection: string;
  url: string;
  /** Polling only. */
  method?: string;
  status?: number;
  /** Polling only: when the request was sent and when its response finished (ms since the epoch). */
  sentAt?: number;
  finishedAt?: number;
  /** Sent by the panel (a PageCommand), not by the worker. */
  injected?: true;
}

const NONE: CdpResult = { records: [], malformed: 0 };
const MALFORMED: CdpResult = { records: [], malformed: 1 };
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The recorder of one worker. `maxFrameSize` cuts payloads as the hook does; `now` gives the time of events CDP does
 * not stamp. CDP's `timestamp` is monotonic seconds: the first `wallTime` (or the first stamped event) sets its offset.
 */
export function createCdpRecorder(maxFrameSize: number, now: () => number = Date.now) {
  const followed = new Map<string, Followed>();
  const expected = createExpectedFrames();
  /** URLs of the worker's sockets opened before the capture started (see liveBefore), not yet matched to one. */
  let unmatched: string[] = [];
  let connections = 0;
  let offset: number | undefined;

  const timeOf = (timestamp: unknown): number => {
    if (!isNumber(timestamp)) return now();
    offset ??= now() - timestamp * 1000;
    return timestamp * 1000 + offset;
  };

  /** Follows a new request; lets the oldest go (with an error record) when too many are in flight. */
  function follow(requestId: string, entry: Omit<Followed, 'connection'>): { item: Followed; records: PageRecord[] } {
    const records: PageRecord[] = [];
    if (followed.size >= MAX_IN_FLIGHT) {
      const [oldestId, oldest] = followed.entries().next().value as [string, Followed];
      followed.delete(oldestId);
      const message = `let go: more than ${MAX_IN_FLIGHT} requests and sockets followed at once`;
      records.push(errorRecord(oldest, message, now()));
    }
    const item = { ...entry, connection: `cdp${++connections}` };
    followed.set(requestId, item);
    return { item, records };
  }

  const transportOf = (item: Followed) => (item.method === undefined ? 'websocket' : 'polling');
  function errorRecord(item: Followed, message: string, time: number): PageRecord {
    return { kind: 'error', connection: item.connection, transport: transportOf(item), message, time };
  }

  function webSocketCreated(params: Record<string, unknown>): CdpResult {
    const { requestId, url } = params;
    if (!isString(requestId) || !isString(url)) return MALFORMED;
    const { item, records } = follow(requestId, { url });
    records.push({ kind: 'open', connection: item.connection, transport: 'websocket', url, time: now() });
    return { records, malformed: 0 };
  }

  /** A frame; a socket opened before the capture started has no `webSocketCreated`: it opens with no URL. */
  function webSocketFrame(params: Record<string, unknown>, direction: 'sent' | 'received'): CdpResult {
    const { requestId, response } = params;
    if (!isString(requestId) || !isPlainObject(response) || !isString(response.payloadData)) return MALFORMED;
    const { opcode, payloadData } = response;
    if (opcode !== 1 && opcode !== 2) return NONE;
    if (opcode === 2 && !isBase64(payloadData)) return MALFORMED;
    const time = timeOf(params.timestamp);
    let item = followed.get(requestId);
    const records: PageRecord[] = [];
    if (!item) {
      // A socket opened before the capture: its URL is known when the worker had only one such socket.
      const opened = follow(requestId, { url: unmatched.length === 1 ? unmatched[0] : '' });
      if (unmatched.length === 1) unmatched = [];
      item = opened.item;
      records.push(...opened.records, {
        kind: 'open',
        connection: item.connection,
        transport: 'websocket',
        url: item.url,
        time,
      });
    }
    const payload = opcode === 1 ? textPayload(payloadData, maxFrameSize) : base64Payload(payloadData, maxFrameSize);
    const { connection, url } = item;
    const injected = direction === 'sent' && expected.take(connection, payloadData) ? { injected: true as const } : {};
    records.push({ kind: 'frame', connection, transport: 'websocket', url, direction, payload, time, ...injected });
    return { records, malformed: 0 };
  }

  function webSocketEnd(params: Record<string, unknown>, error: boolean): CdpResult {
    const { requestId } = params;
    if (!isString(requestId)) return MALFORMED;
    const item = followed.get(requestId);
    if (!item || item.method !== undefined) return NONE;
    const time = timeOf(params.timestamp);
    if (error)
      return {
        records: [errorRecord(item, isString(params.errorMessage) ? params.errorMessage : 'error', time)],
        malformed: 0,
      };
    followed.delete(requestId);
    const reason = 'closed (the debugger gives no code or reason)';
    const close = { kind: 'close', connection: item.connection, transport: 'websocket', code: 0, reason } as const;
    return { records: [{ ...close, wasClean: false, time }], malformed: 0 };
  }

  function requestWillBeSent(params: Record<string, unknown>): CdpResult {
    const { requestId, request, timestamp, wallTime } = params;
    if (!isString(requestId) || !isPlainObject(request) || !isString(request.url) || !isString(request.method))
      return MALFORMED;
    if (!isEngineIoUrl(request.url) || request.url.startsWith('ws')) return NONE;
    if (isNumber(timestamp) && isNumber(wallTime)) offset = wallTime * 1000 - timestamp * 1000;
    const sentAt = timeOf(timestamp);
    const injected =
      isString(request.postData) && expected.take(request.url, request.postData) ? { injected: true as const } : {};
    const { item, records } = follow(requestId, { url: request.url, method: request.method, sentAt, ...injected });
    if (isString(request.postData))
      records.push(pollingFrame(item, 'sent', textPayload(request.postData, maxFrameSize)));
    else if (request.hasPostData === true) return { records, malformed: 0, fetch: { requestId, part: 'post' } };
    return { records, malformed: 0 };
  }

  function pollingFrame(item: Followed, direction: 'sent' | 'received', payload: FramePayload): PageRecord {
    const { connection, url, method } = item;
    const received = direction === 'received';
    const time = (received ? item.finishedAt : item.sentAt) ?? now();
    const status = received && item.status !== undefined ? { status: item.status } : {};
    const injected = item.injected ? { injected: item.injected } : {};
    return {
      kind: 'frame',
      connection,
      transport: 'polling',
      url,
      direction,
      payload,
      time,
      method,
      ...status,
      ...injected,
    };
  }

  function pollingOf(params: Record<string, unknown>): [string, Followed] | undefined {
    const { requestId } = params;
    const item = isString(requestId) ? followed.get(requestId) : undefined;
    return item?.method === undefined ? undefined : [requestId as string, item];
  }

  function requestEvent(method: string, params: Record<string, unknown>): CdpResult {
    const polling = pollingOf(params);
    if (!polling) return isString(params.requestId) ? NONE : MALFORMED;
    const [requestId, item] = polling;
    if (method === 'Network.responseReceived') {
      if (isPlainObject(params.response) && isNumber(params.response.status)) item.status = params.response.status;
      return NONE;
    }
    if (method === 'Network.loadingFinished') {
      item.finishedAt = timeOf(params.timestamp);
      return { records: [], malformed: 0, fetch: { requestId, part: 'response' } };
    }
    followed.delete(requestId);
    return {
      records: [errorRecord(item, isString(params.errorText) ? params.errorText : 'failed', timeOf(params.timestamp))],
      malformed: 0,
    };
  }

  return {
    /** The URL of a WebSocket this recorder follows, by its connection; undefined when it follows none such. */
    socketUrl(connection: string): string | undefined {
      for (const item of followed.values())
        if (item.connection === connection && item.method === undefined) return item.url;
      return undefined;
    },

    /** The URLs of the worker's sockets live when the capture started (those it follows already left out). */
    liveBefore(urls: string[]): void {
      const known = new Set([...followed.values()].map((item) => item.url));
      unmatched = urls.filter((url) => !known.has(url)).slice(0, MAX_IN_FLIGHT);
    },

    /** The panel's frames about to be sent on a connection (or POSTed to a polling URL): marked injected when seen. */
    expect: (key: string, frames: InjectedFrame[]) => expected.expect(key, frames),

    /** The records of one CDP event of the worker (only `Network.*` events make any). */
    event(method: string, params: unknown): CdpResult {
      if (!isPlainObject(params)) return MALFORMED;
      switch (method) {
        case 'Network.webSocketCreated':
          return webSocketCreated(params);
        case 'Network.webSocketFrameSent':
          return webSocketFrame(params, 'sent');
        case 'Network.webSocketFrameReceived':
          return webSocketFrame(params, 'received');
        case 'Network.webSocketClosed':
          return webSocketEnd(params, false);
        case 'Network.webSocketFrameError':
          return webSocketEnd(params, true);
        case 'Network.requestWillBeSent':
          return requestWillBeSent(params);
        case 'Network.responseReceived':
        case 'Network.loadingFinished':
        case 'Network.loadingFailed':
          return requestEvent(method, params);
        default:
          return NONE;
      }
    },

    /** The record of a body fetched for `fetch` (the answer of getResponseBody / getRequestPostData), or of its failure. */
    body(wanted: BodyRequest, answer: unknown): CdpResult {
      const item = followed.get(wanted.requestId);
      if (!item || item.method === undefined) return NONE;
      if (wanted.part === 'response') followed.delete(wanted.requestId);
      const text = isPlainObject(answer) ? (wanted.part === 'post' ? answer.postData : answer.body) : undefined;
      if (!isString(text)) return { records: [errorRecord(item, 'the debugger gave no body', now())], malformed: 0 };
      const base64 = isPlainObject(answer) && answer.base64Encoded === true;
      if (base64 && !isBase64(text)) return MALFORMED;
      const payload = base64 ? base64Payload(text, maxFrameSize) : textPayload(text, maxFrameSize);
      return { records: [pollingFrame(item, wanted.part === 'post' ? 'sent' : 'received', payload)], malformed: 0 };
    },
  };
}

export type CdpRecorder = ReturnType<typeof createCdpRecorder>;
