/**
 * The native functions the hook relies on, captured when it is installed (before any page script runs), so that a
 * page which later patches them can neither break the hook nor observe it.
 */
const utf8 = new TextDecoder();

export const natives = {
  addEventListener: EventTarget.prototype.addEventListener,
  dispatchEvent: EventTarget.prototype.dispatchEvent,
  CustomEvent: window.CustomEvent,
  MessageEvent: window.MessageEvent,
  Blob: window.Blob,
  webSocketSend: WebSocket.prototype.send,
  fetch: window.fetch.bind(window),
  atob: window.atob.bind(window),
  MouseEvent: window.MouseEvent,
  createElement: Document.prototype.createElement,
  URL: window.URL,
  JSON_stringify: JSON.stringify,
  JSON_parse: JSON.parse,
  setTimeout: window.setTimeout.bind(window),
  btoa: window.btoa.bind(window),
  fromCharCode: String.fromCharCode,
  blobArrayBuffer: Blob.prototype.arrayBuffer,
  requestClone: Request.prototype.clone,
  requestArrayBuffer: Request.prototype.arrayBuffer,
  responseClone: Response.prototype.clone,
  responseArrayBuffer: Response.prototype.arrayBuffer,
  decodeUtf8: (bytes: Uint8Array) => utf8.decode(bytes),
  apply: Reflect.apply,
  construct: Reflect.construct,
  getOwnPropertyDescriptor: Object.getOwnPropertyDescriptor,
  promiseThen: Promise.prototype.then,
  /** The realm's `Error`, whose `prepareStackTrace` (V8) a page may set later. */
  Error: window.Error as ErrorConstructor & { prepareStackTrace?: unknown },
  now: performance.now.bind(performance),
  timeOrigin: performance.timeOrigin,
  document,
};

/** Milliseconds since the epoch, with sub-millisecond precision and monotonic within the document. */
export function now(): number {
  return natives.timeOrigin + natives.now();
}

/** `promise.then(onFulfilled, onRejected)` with the native `then`, whatever the page later does to `Promise`. */
export function then<T>(
  promise: Promise<T>,
  onFulfilled: (value: T) => T,
  onRejected: (reason: unknown) => never,
): Promise<T> {
  return natives.apply(natives.promiseThen, promise, [onFulfilled, onRejected]) as Promise<T>;
}
