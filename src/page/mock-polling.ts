import { absoluteUrl, asString, upperCase } from './engineio-url';
import { countError } from './errors';
import { askMock, type MockHandler } from './mock';
import { bare, call, hasBrand, natives, weakMapGet } from './natives';

/**
 * Mocked Engine.IO polling. An XHR stays the page's own native object: its `send` is taken, and once the mock server
 * answers, the XHR loads the answer from a `blob:` URL (status 200, its type as Content-Type), so every event and
 * property the page reads is the browser's. A fetch resolves with a native Response.
 */

/** Saved at install, like natives.ts: what mocked polling needs besides the shared natives. */
const xhrOpen = XMLHttpRequest.prototype.open;
const createObjectUrl = URL.createObjectURL;
const revokeObjectUrl = URL.revokeObjectURL;
const NativePromise = Promise;
const TEXT_TYPE = 'text/plain; charset=UTF-8';

/** The method and URL each XHR was last opened with (asynchronous ones only). */
const opened = new natives.WeakMap<XMLHttpRequest, { method: string; url: string }>();

/** Notes what an XHR was opened with: `open(method, url, async?)`. */
export function mockXhrOpened(xhr: XMLHttpRequest, args: unknown[]): void {
  if (args.length > 2 && !args[2]) return void call(natives.weakMapDelete, opened, xhr);
  call(natives.weakMapSet, opened, xhr, bare({ method: upperCase(asString(args[0])), url: asString(args[1]) }));
}

/** Asks the mock server for one polling request; the handler gets its answer. */
function askPolling(
  url: string,
  method: string,
  body: unknown,
  answer: MockHandler['response'],
  passthrough: () => void,
): string | undefined {
  const fields = bare<{ method: string; body?: string }>({ method });
  if (typeof body === 'string') fields.body = body;
  // Answered as the network would: later, never during the page's own call (the relay may answer during it).
  const handler = bare<MockHandler>({
    response: (status, text) => natives.setTimeout(() => answer?.(status, text), 0),
    passthrough,
  });
  const connection = askMock('request', absoluteUrl(url), handler, fields);
  return connection;
}

/** Takes the `send` of an XHR opened to a mocked URL: true when it did. */
export function mockXhrSend(xhr: XMLHttpRequest, args: unknown[]): boolean {
  const request = weakMapGet(opened, xhr);
  if (!request) return false;
  const answer = (_status: number, body: string) => {
    try {
      const blobUrl = createObjectUrl(new natives.Blob([body], bare({ type: TEXT_TYPE })));
      call(natives.addEventListener, xhr, 'loadend', () => revokeObjectUrl(blobUrl), bare({ once: true }));
      call(xhrOpen as (method: string, url: string, async: boolean) => void, xhr, 'GET', blobUrl, true);
      call(natives.xhrSend, xhr);
    } catch {
      countError('xhr');
    }
  };
  const passthrough = () => {
    try {
      call(natives.xhrSend as (body: unknown) => void, xhr, args[0]);
    } catch {
      countError('xhr');
    }
  };
  const connection = askPolling(request.url, request.method, args[0], answer, passthrough);
  return connection !== undefined;
}

/** A mocked fetch's response, or undefined when `fetch(input, init)` is not mocked (Request inputs never are). */
export function mockFetch(input: unknown, init: RequestInit | null | undefined): Promise<Response> | undefined {
  if (typeof input !== 'string' && !hasBrand(input, natives.urlHref)) return undefined;
  const url = asString(input);
  const method = upperCase(asString(init?.method ?? 'GET'));
  let resolve: (response: Response | Promise<Response>) => void = () => undefined;
  const promise = new NativePromise<Response>((done) => (resolve = done));
  const answer = (status: number, body: string) =>
    resolve(new natives.Response(body, bare({ status, headers: bare({ 'content-type': TEXT_TYPE }) })));
  // Let go to the network: the page's own arguments, to the native fetch.
  const passthrough = () => resolve(natives.fetch(input as string, init ?? undefined));
  const connection = askPolling(url, method, init?.body, answer, passthrough);
  return connection === undefined ? undefined : promise;
}
