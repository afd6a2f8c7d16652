import { isCapturing, queueRecord } from './batches';
import { absoluteUrl, isEngineIoUrl, queryParam } from './engineio-url';
import { countError } from './errors';
import { call, exec, hasBrand, natives, now, replaceAll } from './natives';
import { textPayload } from './payload';
import { pollingEntry } from './polling';
import { disguise, observeMethod, observeSetter } from './replace';

let requestCount = 0;
const wrappers = new natives.WeakSet<object>();

/** Records one JSONP body: each script response and each form post is a request (a connection) of its own. */
function record(url: string, method: 'GET' | 'POST', direction: 'sent' | 'received', text: string): void {
  const request = { url, method };
  queueRecord(pollingEntry(`jsonp${++requestCount}`, request, direction, textPayload(text), now(), false));
}

/**
 * engine.io-client (up to 5.x) polls over JSONP with `<script src="…&j=N">`, whose response calls `___eio[N](payload)`.
 * When such a script gets its `src`, the page's callback `___eio[N]` is wrapped to record the payload it receives; the
 * page's own function is put back as soon as the wrapper runs, or when the script loads or fails without calling it.
 */
function watchScript(script: HTMLScriptElement): void {
  if (!isCapturing()) return;
  const url = absoluteUrl(natives.scriptSrc(script));
  if (!isEngineIoUrl(url)) return;
  const index = queryParam(url, 'j');
  const callbacks = (window as unknown as { ___eio?: unknown })['___eio'];
  if (index === undefined || !exec(/^\d+$/, index) || !natives.isArray(callbacks)) return;
  const slot = +index;
  const original: unknown = callbacks[slot];
  if (typeof original !== 'function' || call(natives.weakSetHas, wrappers, original)) return;
  const restore = () => {
    if (callbacks[slot] === wrapper) callbacks[slot] = original;
  };
  const wrapper = function (this: unknown, ...args: unknown[]) {
    try {
      restore();
      if (typeof args[0] === 'string') record(url, 'GET', 'received', args[0]);
    } catch {
      countError('jsonp'); // never let capture disturb the page
    }
    // Not through callNative: catching an error of the page's callback would make the hook the place an uncaught
    // error is reported at (V8); uncaught, it keeps the page's location, with the wrapper's frame in its stack.
    return natives.apply(original, this, args) as unknown;
  };
  call(natives.weakSetAdd, wrappers, wrapper);
  disguise(wrapper, original);
  callbacks[slot] = wrapper;
  call(natives.addEventListener, script, 'load', restore);
  call(natives.addEventListener, script, 'error', restore);
}

/** A form field as the browser encodes it (`application/x-www-form-urlencoded`, UTF-8, line breaks as CRLF). */
function encodeField(text: string): string {
  const lines = replaceAll(replaceAll(text, '\r\n', '\n'), '\n', '\r\n');
  return replaceAll(natives.encodeURIComponent(lines), '%20', '+');
}

/** The name and value of a form control, read with the saved getters of its kind (textarea or input). */
function control(element: unknown): [string, string] | undefined {
  if (hasBrand(element, natives.textAreaValue)) return [natives.textAreaName(element), natives.textAreaValue(element)];
  if (hasBrand(element, natives.inputValue)) return [natives.inputName(element), natives.inputValue(element)];
  return undefined;
}

/** JSONP writes are form POSTs into a hidden iframe: the record is the form body as the browser sends it. */
function watchForm(form: HTMLFormElement): void {
  if (!isCapturing()) return;
  const url = absoluteUrl(natives.formAction(form));
  if (!isEngineIoUrl(url)) return;
  const elements = natives.formElements(form);
  const length = natives.collectionLength(elements);
  let body = '';
  for (let index = 0; index < length; index++) {
    const field = control(elements[index]);
    if (!field || !field[0]) continue;
    body += `${body ? '&' : ''}${encodeField(field[0])}=${encodeField(field[1])}`;
  }
  record(url, 'POST', 'sent', body);
}

export function hookJsonp(): void {
  observeSetter(HTMLScriptElement.prototype, 'src', (script) => watchScript(script), 'jsonp');
  observeMethod(HTMLFormElement.prototype, 'submit', { after: (form) => watchForm(form) }, 'jsonp');
}
