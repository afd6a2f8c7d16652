import type { Direction, FramePayload, PageRecord } from '../messages';
import { createConnectionLog } from './channel';
import { absoluteUrl, isEngineIoUrl } from './engineio-url';
import { natives, now } from './natives';
import { binaryPayload, capturePayload, textPayload } from './payload';
import { replaceValue } from './replace';

let requestCount = 0;

interface Target {
  url: string;
  method: string;
  body: unknown;
}

/** The URL, method and body of a fetch call, without touching a body the page may still read. */
function target(input: unknown, init: RequestInit | undefined): Target | undefined {
  if (input instanceof Request) {
    const method = (init?.method ?? input.method).toUpperCase();
    const body = init?.body ?? (input.body && !input.bodyUsed ? natives.requestArrayBuffer.call(natives.requestClone.call(input)) : undefined);
    return { url: input.url, method, body };
  }
  return { url: String(input), method: (init?.method ?? 'GET').toUpperCase(), body: init?.body };
}

/** A response body read from a clone: binary when the server says so (Engine.IO v3 XHR2 payloads), text otherwise. */
async function responsePayload(response: Response): Promise<FramePayload> {
  const bytes = new Uint8Array(await natives.responseArrayBuffer.call(natives.responseClone.call(response)));
  const type = response.headers.get('content-type') ?? '';
  return type.includes('octet-stream') ? binaryPayload(bytes) : textPayload(natives.decodeUtf8(bytes));
}

/**
 * Records Engine.IO polling done with `fetch` (engine.io-client 6.6+ `Fetch` transport): the request body and a
 * clone of the response body, so the page's own response stays unread. The promise the page gets is the native one.
 */
export function hookFetch(): void {
  const nativeFetch = window.fetch;
  const fetchProxy = new Proxy(nativeFetch, {
    apply(method, self, args: [RequestInfo | URL, RequestInit?]) {
      let request: Target | undefined;
      try {
        const candidate = target(args[0], args[1]);
        if (candidate && isEngineIoUrl(candidate.url)) request = candidate;
      } catch {
        // Never let capture disturb the page.
      }
      const result: Promise<Response> = Reflect.apply(method, self, args);
      if (request) {
        try {
          observe(request, result);
        } catch {
          // Same as above.
        }
      }
      return result;
    },
  });
  replaceValue(window, 'fetch', fetchProxy);
}

function observe(request: Target, result: Promise<Response>): void {
  const connection = `fetch${++requestCount}`;
  const log = createConnectionLog();
  const url = absoluteUrl(request.url);
  const record = (direction: Direction, payload: FramePayload, time: number, status?: number): PageRecord => ({
    kind: 'frame', connection, transport: 'polling', url, method: request.method, direction, payload, time,
    ...(status === undefined ? {} : { status }),
  });
  const sentAt = now();
  if (request.body !== undefined && request.body !== null) {
    const body = request.body;
    const payload = body instanceof Promise ? body.then(capturePayload) : capturePayload(body);
    log(Promise.resolve(payload).then((ready) => (ready ? record('sent', ready, sentAt) : undefined)));
  }
  log(
    result.then(
      (response) => responsePayload(response).then((payload) => record('received', payload, now(), response.status)),
      (): PageRecord => ({ kind: 'error', connection, transport: 'polling', message: 'fetch failed', time: now() }),
    ),
  );
}
