import { MOCK_CONTENT_EVENT, MOCK_PAGE_EVENT, type MockRequest } from '../messages';
import { channel } from './channel';
import { isEngineIoUrl } from './engineio-url';
import { countError } from './errors';
import { bare, call, mapGet, natives, own } from './natives';

/**
 * The hook's side of the mock server (the relay runs it, see src/content/mock.ts): asks whether a connection the page
 * makes is mocked, hands over what the page sends on it, and hands the relay's answers to the connection's handler.
 */

/** What a mocked connection does with the relay's answers: its Engine.IO packets, or its polling response. */
export interface MockHandler {
  frames?(packets: string[]): void;
  response?(status: number, body: string): void;
  /** The request is not mocked after all: it goes to the network. */
  passthrough?(): void;
}

let mockCount = 0;
/** The mocked connections, by id: at most MAX_MOCKED at once (the oldest is let go past that). */
const handlers = new natives.Map<string, MockHandler>();
const MAX_MOCKED = 256;
const order = bare<string[]>([]);
/** Set by the relay's `accepted` while the hook's `open` or `request` is being dispatched. */
let accepted: string | undefined;

/** Hands one request to the relay (its listener runs during the dispatch). */
export function tellMock(request: MockRequest): void {
  try {
    const text = natives.JSON_stringify(request);
    call(natives.dispatchEvent, channel, new natives.CustomEvent(MOCK_PAGE_EVENT, bare({ detail: text })));
  } catch {
    countError('channel');
  }
}

/**
 * Whether the relay mocks this connection to `url`: asked at once (the relay answers during the dispatch); if so,
 * `handler` gets the relay's answers from now on, under the returned id.
 */
export function askMock(
  type: 'open' | 'request',
  url: string,
  handler: MockHandler,
  fields: { method?: string; body?: string } = {},
): string | undefined {
  if (!isEngineIoUrl(url)) return undefined;
  const connection = `mock${++mockCount}`;
  accepted = undefined;
  // Registered first: the relay may answer during the dispatch (a WebSocket's handshake).
  call(natives.mapSet, handlers, connection, handler);
  tellMock(bare({ ...fields, type, connection, url }) as MockRequest);
  if (accepted !== connection) {
    call(natives.mapDelete, handlers, connection);
    return undefined;
  }
  if (order.length >= MAX_MOCKED) call(natives.mapDelete, handlers, order.shift());
  order[order.length] = connection;
  return connection;
}

/** Forgets a mocked connection that ended. */
export function forgetMock(connection: string): void {
  call(natives.mapDelete, handlers, connection);
}

/** One answer of the relay, read through own properties only. */
function onMockReply(event: Event): void {
  try {
    const detail = natives.customEventDetail(event);
    const reply: unknown = typeof detail === 'string' ? natives.JSON_parse(detail) : undefined;
    const type = own(reply, 'type');
    const connection = own(reply, 'connection');
    if (typeof connection !== 'string') return countError('channel');
    if (type === 'accepted') return void (accepted = connection);
    const handler = mapGet(handlers, connection);
    if (type === 'passthrough') {
      forgetMock(connection);
      return handler?.passthrough?.();
    }
    const packets = own(reply, 'packets');
    if (type === 'frames' && natives.isArray(packets)) return handler?.frames?.(packets as string[]);
    const status = own(reply, 'status');
    const body = own(reply, 'body');
    if (type === 'response' && typeof status === 'number' && typeof body === 'string') {
      forgetMock(connection); // a polling request has one response
      return handler?.response?.(status, body);
    }
    countError('channel');
  } catch {
    countError('channel');
  }
}

/** Listens to the relay's mock answers. */
export function listenToMock(): void {
  call(natives.addEventListener, channel, MOCK_CONTENT_EVENT, onMockReply);
}
