import type { Direction } from '../messages';
import { createConnectionLog, isCapturing, type Logged } from './batches';
import { absoluteUrl, asString, isEngineIoUrl, upperCase } from './engineio-url';
import { countError } from './errors';
import { bare, call, natives, now, then, weakMapGet } from './natives';
import { capturePayload } from './payload';
import { mockXhrOpened, mockXhrSend } from './mock-polling';
import { pollingEntry, pollingError } from './polling';
import { endPollingSession, interceptPollingBody } from './polling-intercept';
import { observeConstruction, observeMethod, overrideGetter } from './replace';
import type { Payload } from './serialize';

let requestCount = 0;

interface Request {
  method: string;
  url: string;
  /** Set by `send`: a request is sent at most once per `open`. */
  connection?: string;
  log?: (logged: Logged) => void;
}

/** The Engine.IO request of each XHR (set by `open`), kept outside the page's objects. */
const requests = new natives.WeakMap<XMLHttpRequest, Request>();
/** The body the page reads in place of the response's, for a polling GET whose packets breakpoints held. */
const interceptedBodies = new natives.WeakMap<XMLHttpRequest, string>();
const XHR_OPENED = 1;
const XHR_DONE = 4;

function logBody(request: Request, direction: Direction, data: unknown, status?: number): void {
  const { connection, log } = request;
  if (connection === undefined || !log) return;
  const time = now();
  const payload = capturePayload(data);
  if (payload === undefined) return;
  const entry = (ready: Payload) => pollingEntry(connection, request, direction, ready, time, false, status);
  log(typeof payload === 'string' ? entry(payload) : then(payload, entry));
}

/**
 * Records the response once the request is DONE. This listener is the XHR's first (added at construction), so it
 * reads the response before any page listener can `open` the same XHR again for the next request. Events the page
 * dispatches itself (untrusted) are no traffic.
 */
function onReadyStateChange(this: XMLHttpRequest, event: Event): void {
  try {
    if (!event.isTrusted || !isCapturing() || natives.xhrReadyState(this) !== XHR_DONE) return;
    const request = weakMapGet(requests, this);
    if (request?.connection === undefined || !request.log) return;
    call(natives.weakMapDelete, requests, this);
    const status = natives.xhrStatus(this);
    if (status === 0) {
      endPollingSession(request.url);
      request.log(pollingError(request.connection, request, 'request failed', now()));
      return;
    }
    const type = natives.xhrResponseType(this);
    if (type !== '' && type !== 'text') return logBody(request, 'received', natives.xhrResponse(this) ?? '', status);
    const body = natives.xhrResponseText(this);
    const intercepted =
      request.method === 'GET' && status === 200 && interceptPollingBody(request.url, 'received', body);
    if (intercepted) call(natives.weakMapSet, interceptedBodies, this, intercepted);
    logBody(request, 'received', intercepted || body, status);
  } catch {
    countError('xhr'); // never let capture disturb the page
  }
}

/**
 * Records the body of an Engine.IO request's `send`; a POST whose packets breakpoints hold is taken (true): the native
 * `send` gets the body that goes on now.
 */
function recordSend(xhr: XMLHttpRequest, args: unknown[]): boolean {
  const request = weakMapGet(requests, xhr);
  if (!request || request.connection !== undefined || natives.xhrReadyState(xhr) !== XHR_OPENED) return false; // `send` is about to throw
  request.connection = `xhr${++requestCount}`;
  request.log = createConnectionLog('xhr');
  const body = args[0];
  if (body === undefined || body === null || request.method === 'GET' || request.method === 'HEAD') return false;
  const intercepted = typeof body === 'string' && interceptPollingBody(request.url, 'sent', body);
  logBody(request, 'sent', intercepted || body);
  if (!intercepted) return false;
  call(natives.xhrSend, xhr, intercepted);
  return true;
}

/** Records the bodies of Engine.IO polling requests made with XMLHttpRequest; other requests are not looked at. */
export function hookXhr(): void {
  observeConstruction<XMLHttpRequest>(
    'XMLHttpRequest',
    (xhr) => call(natives.addEventListener, xhr, 'readystatechange', onReadyStateChange),
    'xhr',
  );
  const prototype = XMLHttpRequest.prototype;
  observeMethod(
    prototype,
    'open',
    {
      after(xhr, args) {
        mockXhrOpened(xhr, args);
        if (!isCapturing()) return;
        const url = asString(args[1]);
        call(natives.weakMapDelete, interceptedBodies, xhr);
        if (!isEngineIoUrl(url)) return void call(natives.weakMapDelete, requests, xhr);
        const request: Request = bare({ method: upperCase(asString(args[0])), url: absoluteUrl(url) });
        call(natives.weakMapSet, requests, xhr, request);
      },
    },
    'xhr',
  );
  // Before the native call: a synchronous request is DONE when `send` returns, and its body goes first. A request to a
  // mocked URL is taken too: the mock server answers it.
  observeMethod(
    prototype,
    'send',
    {
      take: (xhr, args) => recordSend(xhr, args) || mockXhrSend(xhr, args),
    },
    'xhr',
  );
  const interceptedBody = (xhr: XMLHttpRequest) => weakMapGet(interceptedBodies, xhr);
  overrideGetter(prototype, 'responseText', interceptedBody, 'xhr');
  overrideGetter(prototype, 'response', interceptedBody, 'xhr');
}
