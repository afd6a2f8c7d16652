import type { Direction, FramePayload, PageRecord } from '../messages';
import { createConnectionLog } from './channel';
import { absoluteUrl, isEngineIoUrl } from './engineio-url';
import { natives, now } from './natives';
import { capturePayload } from './payload';
import { observeConstruction, observeMethod } from './replace';

let requestCount = 0;

interface Request {
  method: string;
  url: string;
  /** Set by `send`: a request is sent at most once per `open`. */
  connection?: string;
  log?: ReturnType<typeof createConnectionLog>;
}

/** The Engine.IO request of each XHR (set by `open`), kept outside the page's objects. */
const requests = new WeakMap<XMLHttpRequest, Request>();

function logBody(request: Request, direction: Direction, data: unknown, status?: number): void {
  const { connection, log } = request;
  if (!connection || !log) return;
  const time = now();
  const payload = capturePayload(data);
  if (payload === undefined) return;
  const record = (ready: FramePayload): PageRecord => ({
    kind: 'frame',
    connection,
    transport: 'polling',
    url: request.url,
    method: request.method,
    direction,
    payload: ready,
    time,
    ...(status === undefined ? {} : { status }),
  });
  log(payload instanceof Promise ? payload.then(record) : record(payload));
}

/**
 * Records the response once the request is DONE. This listener is the XHR's first (added at construction), so it
 * reads the response before any page listener can `open` the same XHR again for the next request.
 */
function onReadyStateChange(this: XMLHttpRequest): void {
  try {
    if (this.readyState !== XMLHttpRequest.DONE) return;
    const request = requests.get(this);
    if (!request?.connection || !request.log) return;
    requests.delete(this);
    if (this.status === 0) {
      request.log({
        kind: 'error',
        connection: request.connection,
        transport: 'polling',
        message: 'request failed',
        time: now(),
      });
      return;
    }
    const text = this.responseType === '' || this.responseType === 'text';
    logBody(request, 'received', text ? this.responseText : (this.response ?? ''), this.status);
  } catch {
    // Never let capture disturb the page.
  }
}

/** Records the bodies of Engine.IO polling requests made with XMLHttpRequest; other requests are not looked at. */
export function hookXhr(): void {
  observeConstruction<XMLHttpRequest>('XMLHttpRequest', (xhr) =>
    natives.addEventListener.call(xhr, 'readystatechange', onReadyStateChange),
  );
  const prototype = XMLHttpRequest.prototype;
  observeMethod(prototype, 'open', {
    after(xhr, args) {
      const url = String(args[1]);
      if (isEngineIoUrl(url)) requests.set(xhr, { method: String(args[0]).toUpperCase(), url: absoluteUrl(url) });
      else requests.delete(xhr);
    },
  });
  // Before the native call: a synchronous request is DONE when `send` returns, and its body goes first.
  observeMethod(prototype, 'send', {
    before(xhr, args) {
      const request = requests.get(xhr);
      if (!request || request.connection || xhr.readyState !== XMLHttpRequest.OPENED) return; // `send` is about to throw
      request.connection = `xhr${++requestCount}`;
      request.log = createConnectionLog();
      const body = args[0];
      if (body !== undefined && body !== null && request.method !== 'GET' && request.method !== 'HEAD')
        logBody(request, 'sent', body);
    },
  });
}
