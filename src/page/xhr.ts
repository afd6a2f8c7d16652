import type { Direction, FramePayload, PageRecord } from '../messages';
import { createConnectionLog } from './channel';
import { absoluteUrl, isEngineIoUrl } from './engineio-url';
import { natives, now } from './natives';
import { capturePayload } from './payload';
import { observeMethod } from './replace';

let requestCount = 0;

interface Request {
  method: string;
  url: string;
  connection?: string;
  log?: ReturnType<typeof createConnectionLog>;
}

/** The Engine.IO request of each XHR (set by `open`), kept outside the page's objects. */
const requests = new WeakMap<XMLHttpRequest, Request>();
const listening = new WeakSet<XMLHttpRequest>();

function logBody(request: Request, direction: Direction, data: unknown, status?: number): void {
  const { connection, log } = request;
  if (!connection || !log) return;
  const time = now();
  const payload = capturePayload(data);
  if (payload === undefined) return;
  const record = (ready: FramePayload): PageRecord => ({
    kind: 'frame', connection, transport: 'polling', url: request.url, method: request.method,
    direction, payload: ready, time, ...(status === undefined ? {} : { status }),
  });
  log(payload instanceof Promise ? payload.then(record) : record(payload));
}

function onLoadEnd(this: XMLHttpRequest): void {
  try {
    const request = requests.get(this);
    if (!request?.connection || !request.log) return;
    if (this.status === 0) {
      request.log({ kind: 'error', connection: request.connection, transport: 'polling', message: 'request failed', time: now() });
      return;
    }
    const text = this.responseType === '' || this.responseType === 'text';
    const body: unknown = text ? this.responseText : (this.response ?? '');
    // engine.io-client 3.x asks for an arraybuffer even when the server answers with a text payload.
    const binary = /octet-stream/.test(this.getResponseHeader('content-type') ?? '');
    const textual = body instanceof ArrayBuffer && !binary ? natives.decodeUtf8(new Uint8Array(body)) : body;
    logBody(request, 'received', textual, this.status);
  } catch {
    // Never let capture disturb the page.
  }
}

/** Records the bodies of Engine.IO polling requests made with XMLHttpRequest; other requests are not looked at. */
export function hookXhr(): void {
  const prototype = XMLHttpRequest.prototype;
  observeMethod(prototype, 'open', (xhr, args) => {
    const url = String(args[1]);
    if (isEngineIoUrl(url)) requests.set(xhr, { method: String(args[0]).toUpperCase(), url: absoluteUrl(url) });
    else requests.delete(xhr);
  });
  observeMethod(prototype, 'send', (xhr, args) => {
    const request = requests.get(xhr);
    if (!request) return;
    request.connection = `xhr${++requestCount}`;
    request.log = createConnectionLog();
    if (args[0] !== undefined && args[0] !== null) logBody(request, 'sent', args[0]);
    if (!listening.has(xhr)) {
      listening.add(xhr);
      natives.addEventListener.call(xhr, 'loadend', onLoadEnd);
    }
  });
}
