import { createConnectionLog, isCapturing, type Logged } from './batches';
import { absoluteUrl, asString, isEngineIoUrl, upperCase } from './engineio-url';
import { countError } from './errors';
import { bare, call, hasBrand, natives, now, then } from './natives';
import { mockFetch } from './mock-polling';
import { binaryPayload, capturePayload, textPayload } from './payload';
import { pollingEntry, pollingError } from './polling';
import { endPollingSession, interceptPollingBody, isInterceptingPolling } from './polling-intercept';
import { callNative, proxyOf, replaceValue, withoutOwnFrames } from './replace';
import type { Payload } from './serialize';

let requestCount = 0;
/** Saved at install, like natives.ts: the page's promise of an Engine.IO fetch is made with it. */
const NativePromise = Promise;

interface Target {
  url: string;
  method: string;
  payload: Payload | Promise<Payload | undefined> | undefined;
}

/** Whether a body is bytes by its content type (Engine.IO v3 XHR2 payloads). */
function isOctetStream(headers: Headers): boolean {
  const type = call(natives.headersGet, headers, 'content-type') ?? '';
  return call(natives.stringIndexOf, type, 'octet-stream') >= 0;
}

/**
 * A body read from a clone: binary when its content type says so (Engine.IO v3 XHR2 payloads), text otherwise;
 * undefined when it is empty and `keepEmpty` is not set.
 */
function clonedPayload(read: Promise<ArrayBuffer>, headers: Headers, keepEmpty: boolean): Promise<Payload | undefined> {
  const binary = isOctetStream(headers);
  return then(read, (buffer) => {
    const bytes = new natives.Uint8Array(buffer);
    if (!keepEmpty && natives.viewByteLength(bytes) === 0) return undefined;
    return binary ? binaryPayload(bytes) : textPayload(natives.decodeUtf8(bytes));
  });
}

/**
 * The URL, method and body of an Engine.IO fetch, without touching a body the page may still read: a Request's body
 * is read from a clone (Firefox has no `Request.prototype.body`, so every unused Request that may carry one is cloned).
 */
function engineIoTarget(input: unknown, init: RequestInit | null | undefined): Target | undefined {
  const request = hasBrand(input, natives.requestUrl) ? (input as Request) : undefined;
  const url = request ? natives.requestUrl(request) : asString(input);
  if (!isEngineIoUrl(url)) return undefined;
  const method = upperCase(asString(init?.method ?? (request ? natives.requestMethod(request) : 'GET')));
  if (method === 'GET' || method === 'HEAD') return bare({ url, method, payload: undefined });
  if (init?.body !== undefined && init.body !== null) return bare({ url, method, payload: capturePayload(init.body) });
  if (!request || natives.requestBodyUsed(request)) return bare({ url, method, payload: undefined });
  const clone = call(natives.requestClone, request);
  const payload = clonedPayload(call(natives.requestArrayBuffer, clone), natives.requestHeaders(request), false);
  return bare({ url, method, payload });
}

/**
 * Records Engine.IO polling done with `fetch` (engine.io-client 6.6+ `Fetch` transport): the request body and a
 * clone of the response body, taken before the page gets the response, so its own stays unread.
 *
 * The page gets a promise derived from the native one, for every fetch: its rejections lose the hook's stack frames
 * (V8 records the caller's stack in a failed fetch's TypeError), and a rejection the page leaves unhandled still
 * reaches its `unhandledrejection` listeners, which the hook's own reaction to the native promise would prevent.
 */
export function hookFetch(): void {
  const fetchProxy = proxyOf(window.fetch, {
    apply(target, self, args: [RequestInfo | URL, RequestInit?]) {
      let request: Target | undefined;
      let mocked: Promise<Response> | undefined;
      try {
        if (isCapturing()) request = engineIoTarget(args[0], args[1]);
        if (request) args = interceptSent(request, args);
        mocked = mockFetch(args[0], args[1]);
      } catch {
        countError('fetch'); // never let capture disturb the page
      }
      const result = mocked ?? (callNative(target, self, args) as Promise<Response>);
      try {
        return observe(request, result);
      } catch {
        countError('fetch');
        return result;
      }
    },
  });
  replaceValue(window, 'fetch', fetchProxy);
}

const rethrow = (error: unknown): never => {
  throw withoutOwnFrames(error);
};

/** Logs a payload now or once it is read; nothing when there is none. */
function logPayload(
  log: (logged: Logged) => void,
  payload: Payload | Promise<Payload | undefined> | undefined,
  entry: (ready: Payload) => ReturnType<typeof pollingEntry>,
): void {
  if (payload === undefined) return;
  log(
    typeof payload === 'string'
      ? entry(payload)
      : then(payload, (ready) => (ready === undefined ? undefined : entry(ready))),
  );
}

/**
 * The arguments of an Engine.IO POST whose packets breakpoints hold: its init with the body that goes on now (the
 * rest rides a later POST of the session). Unchanged for any other request.
 */
function interceptSent(target: Target, args: [RequestInfo | URL, RequestInit?]): [RequestInfo | URL, RequestInit?] {
  const init = args[1];
  const body = init?.body;
  if (target.method !== 'POST' || typeof body !== 'string') return args;
  const intercepted = interceptPollingBody(absoluteUrl(target.url), 'sent', body);
  if (!intercepted) return args;
  target.payload = textPayload(intercepted);
  return bare([args[0], bare({ ...init, body: intercepted })]);
}

/**
 * The response the page gets for an Engine.IO GET whose packets breakpoints hold: a Response of the body that goes on
 * now, read before the page gets it (only while breakpoints are set or packets wait: otherwise the page gets the
 * browser's own Response at once).
 */
function interceptReceived(
  url: string,
  response: Response,
  log: (text: string) => void,
): Response | Promise<Response> | undefined {
  if (!isInterceptingPolling() || natives.responseStatus(response) !== 200) return undefined;
  if (isOctetStream(natives.responseHeaders(response))) return undefined; // v3 binary payloads are not held
  const clone = call(natives.responseClone, response);
  return then(call(natives.responseArrayBuffer, clone), (buffer) => {
    const body = natives.decodeUtf8(new natives.Uint8Array(buffer));
    const intercepted = interceptPollingBody(url, 'received', body);
    log(intercepted || body);
    if (!intercepted) return response;
    const init = bare({
      status: natives.responseStatus(response),
      statusText: natives.responseStatusText(response),
      headers: natives.responseHeaders(response),
    });
    return new natives.Response(intercepted, init);
  });
}

function observe(target: Target | undefined, result: Promise<Response>): Promise<Response> {
  if (!target) return then(result, (response) => response, rethrow);
  const connection = `fetch${++requestCount}`;
  const log = createConnectionLog('fetch');
  const request = bare({ url: absoluteUrl(target.url), method: target.method });
  const sentAt = now();
  logPayload(log, target.payload, (payload) => pollingEntry(connection, request, 'sent', payload, sentAt, false));
  const received = (response: Response, deliver: (response: Response | Promise<Response>) => void) => {
    try {
      const status = natives.responseStatus(response);
      const logText = (text: string) =>
        log(pollingEntry(connection, request, 'received', textPayload(text), now(), false, status));
      const intercepted = target.method === 'GET' ? interceptReceived(request.url, response, logText) : undefined;
      if (intercepted) return deliver(intercepted);
      const clone = call(natives.responseClone, response);
      const body = clonedPayload(call(natives.responseArrayBuffer, clone), natives.responseHeaders(response), true);
      // The page gets its response once the body is logged: what it sends in answer is logged after what it answers.
      const logged = (payload: Payload | undefined) => {
        if (payload !== undefined) log(pollingEntry(connection, request, 'received', payload, now(), false, status));
        deliver(response);
      };
      return void then(body, logged, () => {
        countError('fetch');
        deliver(response);
      });
    } catch {
      countError('fetch');
    }
    deliver(response);
  };
  const failed = (error: unknown) => {
    try {
      endPollingSession(request.url);
      log(pollingError(connection, request, 'fetch failed', now()));
    } catch {
      countError('fetch');
    }
    return withoutOwnFrames(error);
  };
  // Settled by the hook's own reactions (no `then` of the page's is looked up); a held body's Response is adopted.
  return new NativePromise<Response>((resolve, reject) => {
    void then(
      result,
      (response) => received(response, resolve),
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the native fetch's own reason
      (error) => reject(failed(error)),
    );
  });
}
