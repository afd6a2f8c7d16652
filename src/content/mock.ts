/**
 * The mock server: answers the page's Engine.IO connections to an armed URL from its recording (see
 * protocol/mock-engine.ts), over the hook's mocked WebSockets and polling requests. The armed mocks are read from
 * storage once, at document start: a page that connects before they are known reaches its server, and the status says
 * so ("too late").
 */
import { MOCK_CONTENT_EVENT, MOCK_PAGE_EVENT, type MockReply, type MockRequest } from '../messages';
import { browser } from '../platform';
import {
  MAX_UNMATCHED,
  MOCKS_KEY,
  mockKey,
  mockStatusKey,
  readMockConfigs,
  type MockConfig,
  type MockStatus,
} from '../protocol/mock-config';
import { playConnection, type PlayedConnection } from '../protocol/mock-engine';

/** Connections played at once, per document: past that the oldest is stopped. */
const MAX_ENGINES = 64;
/** URLs asked about before the armed mocks were known (at most MAX_EARLY). */
const MAX_EARLY = 16;

let configs: Map<string, MockConfig> | undefined;
const early = new Set<string>();
/** Polling requests held until the armed mocks are known (at most MAX_EARLY; later ones go to the network). */
const held: Extract<MockRequest, { type: 'request' }>[] = [];
const statuses = new Map<string, MockStatus>();
/** The played connections: a WebSocket's by its connection id, a polling one's by its sid. */
const engines = new Map<string, PlayedConnection>();
let channel: EventTarget | undefined;

void browser.storage.local
  .get(MOCKS_KEY)
  .then((items) => {
    known(readMockConfigs(items[MOCKS_KEY]));
  })
  .catch(() => known(new Map()));

/**
 * The armed mocks are known: a URL the page reached before is not mocked in this document (never half a session), and
 * the held polling requests are answered or let go to the network.
 */
function known(armed: Map<string, MockConfig>): void {
  configs = armed;
  for (const key of early) {
    if (!armed.delete(key)) continue;
    report(key, (status) => (status.tooLate = true));
  }
  for (const request of held.splice(0)) {
    const config = armed.get(mockKey(request.url) ?? '');
    if (config) answerPolling(config, request.connection, request);
    else reply({ type: 'passthrough', connection: request.connection });
  }
}

/** Changes the status of a mocked URL and stores it for the panel. */
function report(key: string, change: (status: MockStatus) => void): void {
  const status = statuses.get(key) ?? { connections: 0, unmatched: [], tooLate: false };
  change(status);
  statuses.set(key, status);
  void browser.storage.local.set({ [mockStatusKey(key)]: status }).catch(() => undefined);
}

function reply(message: MockReply): void {
  channel?.dispatchEvent(new CustomEvent(MOCK_CONTENT_EVENT, { detail: JSON.stringify(message) }));
}

/** The armed mock of a URL the page asks about, if any. */
function armedFor(url: string): MockConfig | undefined {
  const key = mockKey(url);
  if (key === undefined) return undefined;
  if (!configs) {
    if (early.size < MAX_EARLY) early.add(key);
    return undefined;
  }
  return configs.get(key);
}

/** A new played connection of `config`, kept under `id`. */
function play(config: MockConfig, id: string | undefined, send?: (packets: string[]) => void): PlayedConnection {
  report(config.url, (status) => status.connections++);
  const engine = playConnection(config.recording, send, 1, {
    pageEvent: () => undefined,
    unanswered: (event) =>
      report(config.url, (status) => {
        if (status.unmatched.length < MAX_UNMATCHED) status.unmatched.push(event);
      }),
    finished: () => undefined,
  });
  const key = id ?? engine.sid;
  if (engines.size >= MAX_ENGINES) {
    const [oldest, played] = engines.entries().next().value!;
    played.stop();
    engines.delete(oldest);
  }
  engines.set(key, engine);
  return engine;
}

/** A polling request to a mocked URL: a handshake (no sid), a POST of the page's packets, or a poll. */
function answerPolling(
  config: MockConfig,
  connection: string,
  request: { url: string; method: string; body?: string },
) {
  const respond = (status: number, body: string) => reply({ type: 'response', connection, status, body });
  const sid = /[?&]sid=([^&]*)/.exec(request.url)?.[1];
  if (sid === undefined) {
    void play(config, undefined)
      .nextPayload()
      .then((body) => respond(200, body));
    return;
  }
  const engine = engines.get(decodeURIComponent(sid));
  if (!engine) return respond(400, '{"code":1,"message":"Session ID unknown"}');
  if (request.method === 'POST') {
    engine.receivePayload(request.body ?? '');
    return respond(200, 'ok');
  }
  void engine.nextPayload().then((body) => respond(200, body));
}

function onRequest(request: MockRequest): void {
  if (request.type === 'send') {
    if (request.data !== undefined) engines.get(request.connection)?.receive(request.data);
    return;
  }
  if (request.type === 'close') {
    engines.get(request.connection)?.stop();
    engines.delete(request.connection);
    return;
  }
  const { connection } = request;
  if (!configs && request.type === 'request' && held.length < MAX_EARLY) {
    held.push(request);
    return reply({ type: 'accepted', connection });
  }
  const config = armedFor(request.url);
  if (!config) return;
  reply({ type: 'accepted', connection });
  const sendFrames = (packets: string[]) => reply({ type: 'frames', connection, packets });
  if (request.type !== 'open') return answerPolling(config, connection, request);
  const sid = /[?&]sid=([^&]*)/.exec(request.url)?.[1];
  const upgrading = sid === undefined ? undefined : engines.get(decodeURIComponent(sid));
  if (!upgrading) return void play(config, connection, sendFrames);
  upgrading.attachWebSocket(sendFrames);
  engines.set(connection, upgrading);
}

/** A request of the hook, checked: anything malformed is dropped. */
function readRequest(detail: unknown): MockRequest | undefined {
  if (typeof detail !== 'string' || detail.length > 16 * 1024 * 1024) return undefined;
  const value: unknown = JSON.parse(detail);
  if (typeof value !== 'object' || value === null) return undefined;
  const request = value as Record<string, unknown>;
  if (typeof request.connection !== 'string') return undefined;
  if (request.type === 'send' || request.type === 'close')
    return request.data === undefined || typeof request.data === 'string' ? (request as MockRequest) : undefined;
  if (typeof request.url !== 'string') return undefined;
  if (request.type === 'open') return request as MockRequest;
  const fine = typeof request.method === 'string' && (request.body === undefined || typeof request.body === 'string');
  return request.type === 'request' && fine ? (request as MockRequest) : undefined;
}

/** Answers the hook's mock requests on the channel it offered. */
export function attachMock(offered: EventTarget): void {
  channel = offered;
  channel.addEventListener(MOCK_PAGE_EVENT, (event) => {
    try {
      const request = readRequest((event as CustomEvent).detail);
      if (request) onRequest(request);
    } catch {
      // A malformed request is no mocked connection: the page's own goes on.
    }
  });
}
