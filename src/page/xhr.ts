import type { Direction } from '../messages';
import { createConnectionLog, isCapturing, type Logged } from './batches';
import { absoluteUrl, asString, isEngineIoUrl, upperCase } from './engineio-url';
import { countError } from './errors';
import { bare, call, natives, now, then, weakMapGet } from './natives';
import { capturePayload } from './payload';
import { mockXhrOpened, mockXhrSend } from './mock-polling';
import { pollingEntry, pollingError } from './polling';
import { observeConstruction, observeMethod } from './replace';
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
      request.log(pollingError(request.connection, 'request failed', now()));
      return;
    }
    const type = natives.xhrResponseType(this);
    const text = type === '' || type === 'text';
    logBody(request, 'received', text ? natives.xhrResponseText(this) : (natives.xhrResponse(this) ?? ''), status);
  } catch {
    countError('xhr'); // never let capture disturb the page
  }
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
        if (!isEngineIoUrl(url)) return void call(natives.weakMapDelete, requests, xhr);
        const request: Request = bare({ method: upperCase(asString(args[0])), url: absoluteUrl(url) });
        call(natives.weakMapSet, requests, xhr, request);
      },
    },
    'xhr',
  );
  // Before the native call: a synchronous request is DONE when `send` returns, and its body goes first.
  observeMethod(
    prototype,
    'send',
    {
      take: mockXhrSend,
      before(xhr, args) {
        const request = weakMapGet(requests, xhr);
        if (!request || request.connection !== undefined || natives.xhrReadyState(xhr) !== XHR_OPENED) return; // `send` is about to throw
        request.connection = `xhr${++requestCount}`;
        request.log = createConnectionLog('xhr');
        const body = args[0];
        if (body !== undefined && body !== null && request.method !== 'GET' && request.method !== 'HEAD')
          logBody(request, 'sent', body);
      },
    },
    'xhr',
  );
}
