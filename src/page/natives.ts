/**
 * The built-ins the hook relies on, saved when it is installed (before any page script runs), so that a page which
 * later patches one (a method, a getter, `Function.prototype.call`, `Symbol.hasInstance`, `toJSON`) can neither break
 * the hook, nor observe it, nor change what it records. Methods are called only through the saved `Reflect.apply`
 * (`call`), accessors through their saved getters; objects the hook hands to natives or keeps are prototype-free
 * (`bare`), so that no lookup of a missing property reaches a prototype the page may have changed.
 */
const { apply, construct } = Reflect;
const { getOwnPropertyDescriptor, setPrototypeOf, hasOwn } = Object;

/** Calls `fn` with `self` as `this`, through the saved `Reflect.apply`. */
export function call<A extends unknown[], R>(fn: (...args: A) => R, self: unknown, ...args: A): R {
  return apply(fn, self, args);
}

/** The arguments of a call without any (shared: `Reflect.apply` only reads its length). */
const NO_ARGUMENTS: [] = Object.freeze([]) as [];

/** The saved getter of an accessor property, as a function of the object to read. */
function getter<T>(owner: object, key: string): (self: unknown) => T {
  const get = getOwnPropertyDescriptor(owner, key)!.get!;
  return (self) => apply(get, self, NO_ARGUMENTS) as T;
}

/** The object itself, made prototype-free. */
export function bare<T extends object>(object: T): T {
  return setPrototypeOf(object, null) as T;
}

const typedArray = Object.getPrototypeOf(Uint8Array.prototype) as object;
/** The realm's `Error`, whose `prepareStackTrace` (V8) a page may set later. */
const realmError: ErrorConstructor & { prepareStackTrace?: unknown } = window.Error;
const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();
/** The realm's byte stream controller and BYOB request, whose members the hook's substitute streams call. */
const byteController = ReadableByteStreamController.prototype;

export const natives = bare({
  apply,
  construct,
  getOwnPropertyDescriptor,
  defineProperty: Object.defineProperty,
  setPrototypeOf,
  hasOwn,
  isArray: Array.isArray,
  isView: ArrayBuffer.isView,
  JSON_stringify: JSON.stringify,
  JSON_parse: JSON.parse,
  fromCharCode: String.fromCharCode,
  encodeURIComponent,
  Proxy,
  WeakMap,
  WeakSet,
  Map,
  Array,
  Uint8Array,
  RegExp,
  CustomEvent: window.CustomEvent,
  MouseEvent: window.MouseEvent,
  MessageEvent: window.MessageEvent,
  Blob: window.Blob,
  URL: window.URL,
  Error: realmError,
  document,
  fetch: window.fetch.bind(window),
  atob: window.atob.bind(window),
  btoa: window.btoa.bind(window),
  setTimeout: window.setTimeout.bind(window),
  now: performance.now.bind(performance),
  timeOrigin: performance.timeOrigin,
  decodeUtf8: (bytes: Uint8Array) => utf8.decode(bytes),
  encodeUtf8: (text: string) => utf8Encoder.encode(text),
  ReadableStream,
  WritableStream,
  streamGetReader: ReadableStream.prototype.getReader,
  readerRead: ReadableStreamDefaultReader.prototype.read,
  readerCancel: ReadableStreamDefaultReader.prototype.cancel,
  streamGetWriter: WritableStream.prototype.getWriter,
  writerWrite: WritableStreamDefaultWriter.prototype.write,
  writerClose: WritableStreamDefaultWriter.prototype.close,
  writerAbort: WritableStreamDefaultWriter.prototype.abort,
  controllerEnqueue: byteController.enqueue,
  controllerClose: byteController.close,
  controllerError: byteController.error,
  controllerByobRequest: getter<ReadableStreamBYOBRequest | null>(byteController, 'byobRequest'),
  byobRespond: ReadableStreamBYOBRequest.prototype.respond,
  addEventListener: EventTarget.prototype.addEventListener,
  removeEventListener: EventTarget.prototype.removeEventListener,
  dispatchEvent: EventTarget.prototype.dispatchEvent,
  stopImmediatePropagation: Event.prototype.stopImmediatePropagation,
  createElement: Document.prototype.createElement,
  webSocketSend: WebSocket.prototype.send,
  blobArrayBuffer: Blob.prototype.arrayBuffer,
  requestClone: Request.prototype.clone,
  requestArrayBuffer: Request.prototype.arrayBuffer,
  responseClone: Response.prototype.clone,
  responseArrayBuffer: Response.prototype.arrayBuffer,
  headersGet: Headers.prototype.get,
  promiseThen: Promise.prototype.then,
  regExpExec: RegExp.prototype.exec,
  stringSlice: String.prototype.slice,
  stringIndexOf: String.prototype.indexOf,
  stringToUpperCase: String.prototype.toUpperCase,
  charCodeAt: String.prototype.charCodeAt,
  subarray: Uint8Array.prototype.subarray,
  arrayJoin: Array.prototype.join,
  toBase64: (Uint8Array.prototype as { toBase64?: (this: Uint8Array) => string }).toBase64,
  weakMapGet: WeakMap.prototype.get,
  weakMapSet: WeakMap.prototype.set,
  weakMapDelete: WeakMap.prototype.delete,
  weakSetHas: WeakSet.prototype.has,
  weakSetAdd: WeakSet.prototype.add,
  mapGet: Map.prototype.get,
  mapSet: Map.prototype.set,
  mapDelete: Map.prototype.delete,
  customEventDetail: getter<unknown>(CustomEvent.prototype, 'detail'),
  messageEventData: getter<unknown>(MessageEvent.prototype, 'data'),
  closeEventCode: getter<number>(CloseEvent.prototype, 'code'),
  closeEventReason: getter<string>(CloseEvent.prototype, 'reason'),
  closeEventWasClean: getter<boolean>(CloseEvent.prototype, 'wasClean'),
  webSocketUrl: getter<string>(WebSocket.prototype, 'url'),
  webSocketReadyState: getter<number>(WebSocket.prototype, 'readyState'),
  webSocketBinaryType: getter<BinaryType>(WebSocket.prototype, 'binaryType'),
  xhrSend: XMLHttpRequest.prototype.send,
  xhrReadyState: getter<number>(XMLHttpRequest.prototype, 'readyState'),
  xhrStatus: getter<number>(XMLHttpRequest.prototype, 'status'),
  xhrResponseType: getter<XMLHttpRequestResponseType>(XMLHttpRequest.prototype, 'responseType'),
  xhrResponseText: getter<string>(XMLHttpRequest.prototype, 'responseText'),
  xhrResponse: getter<unknown>(XMLHttpRequest.prototype, 'response'),
  requestUrl: getter<string>(Request.prototype, 'url'),
  requestMethod: getter<string>(Request.prototype, 'method'),
  requestBodyUsed: getter<boolean>(Request.prototype, 'bodyUsed'),
  requestHeaders: getter<Headers>(Request.prototype, 'headers'),
  Response,
  responseStatus: getter<number>(Response.prototype, 'status'),
  responseStatusText: getter<string>(Response.prototype, 'statusText'),
  responseHeaders: getter<Headers>(Response.prototype, 'headers'),
  scriptSrc: getter<string>(HTMLScriptElement.prototype, 'src'),
  formAction: getter<string>(HTMLFormElement.prototype, 'action'),
  formElements: getter<HTMLFormControlsCollection>(HTMLFormElement.prototype, 'elements'),
  collectionLength: getter<number>(HTMLCollection.prototype, 'length'),
  textAreaName: getter<string>(HTMLTextAreaElement.prototype, 'name'),
  textAreaValue: getter<string>(HTMLTextAreaElement.prototype, 'value'),
  inputName: getter<string>(HTMLInputElement.prototype, 'name'),
  inputValue: getter<string>(HTMLInputElement.prototype, 'value'),
  baseURI: getter<string>(Node.prototype, 'baseURI'),
  urlHref: getter<string>(URL.prototype, 'href'),
  urlOrigin: getter<string>(URL.prototype, 'origin'),
  urlPathname: getter<string>(URL.prototype, 'pathname'),
  urlSearch: getter<string>(URL.prototype, 'search'),
  arrayBufferByteLength: getter<number>(ArrayBuffer.prototype, 'byteLength'),
  viewBuffer: getter<ArrayBufferLike>(typedArray, 'buffer'),
  viewByteOffset: getter<number>(typedArray, 'byteOffset'),
  viewByteLength: getter<number>(typedArray, 'byteLength'),
  dataViewBuffer: getter<ArrayBufferLike>(DataView.prototype, 'buffer'),
  dataViewByteOffset: getter<number>(DataView.prototype, 'byteOffset'),
  dataViewByteLength: getter<number>(DataView.prototype, 'byteLength'),
  blobSize: getter<number>(Blob.prototype, 'size'),
});

/** Milliseconds since the epoch, with sub-millisecond precision and monotonic within the document. */
export function now(): number {
  return natives.timeOrigin + natives.now();
}

/**
 * `promise.then(onFulfilled, onRejected)` with the saved `then`. The callbacks return no promise and no object with a
 * prototype: the derived promise would look up their `then`, which a page may have defined.
 */
export function then<T, R>(
  promise: Promise<T>,
  onFulfilled: (value: T) => R,
  onRejected?: (reason: unknown) => R,
): Promise<R> {
  return apply(natives.promiseThen, promise, [onFulfilled, onRejected]) as Promise<R>;
}

/** Whether `value` is an own property of `object` (never looked up on a prototype), and its value if so. */
export function own(object: unknown, key: string): unknown {
  return typeof object === 'object' && object !== null && hasOwn(object, key)
    ? (object as Record<string, unknown>)[key]
    : undefined;
}

/** `map.get(key)` with the saved method. */
export function mapGet<K, V>(map: Map<K, V>, key: K): V | undefined {
  return apply(natives.mapGet, map, [key]) as V | undefined;
}

/** `map.get(key)` of a WeakMap with the saved method. */
export function weakMapGet<K extends WeakKey, V>(map: WeakMap<K, V>, key: K): V | undefined {
  return apply(natives.weakMapGet, map, [key]) as V | undefined;
}

/** Whether `value` passes the saved getter `brand` (which throws for objects of any other kind). */
export function hasBrand(value: unknown, brand: (self: unknown) => unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    brand(value);
    return true;
  } catch {
    return false;
  }
}

/** Every `search` in `text` replaced by `replacement`, with the saved string methods (no RegExp: it looks up `exec`). */
export function replaceAll(text: string, search: string, replacement: string): string {
  let result = '';
  let start = 0;
  for (let at = call(natives.stringIndexOf, text, search); at >= 0;) {
    result += `${call(natives.stringSlice, text, start, at)}${replacement}`;
    start = at + search.length;
    at = call(natives.stringIndexOf, text, search, start);
  }
  return result + call(natives.stringSlice, text, start);
}

/** `regex.exec(text)` with the saved `exec` (the built-in itself, which looks up nothing on the regex but `lastIndex`). */
export function exec(regex: RegExp, text: string): RegExpExecArray | null {
  return call(natives.regExpExec, regex, text);
}
