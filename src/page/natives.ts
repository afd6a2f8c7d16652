/**
 * The native functions the hook relies on, captured when it is installed (before any page script runs), so that a
 * page which later patches them can neither break the hook nor observe it.
 */
const utf8 = new TextDecoder();

export const natives = {
  addEventListener: EventTarget.prototype.addEventListener,
  dispatchEvent: EventTarget.prototype.dispatchEvent,
  CustomEvent: window.CustomEvent,
  URL: window.URL,
  JSON_stringify: JSON.stringify,
  JSON_parse: JSON.parse,
  queueMicrotask: window.queueMicrotask.bind(window),
  btoa: window.btoa.bind(window),
  fromCharCode: String.fromCharCode,
  blobArrayBuffer: Blob.prototype.arrayBuffer,
  requestClone: Request.prototype.clone,
  requestArrayBuffer: Request.prototype.arrayBuffer,
  responseClone: Response.prototype.clone,
  responseArrayBuffer: Response.prototype.arrayBuffer,
  decodeUtf8: (bytes: Uint8Array) => utf8.decode(bytes),
  now: performance.now.bind(performance),
  timeOrigin: performance.timeOrigin,
  document,
};

/** Milliseconds since the epoch, with sub-millisecond precision and monotonic within the document. */
export function now(): number {
  return natives.timeOrigin + natives.now();
}
