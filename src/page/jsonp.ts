import type { PageRecord } from '../messages';
import { createConnectionLog } from './channel';
import { absoluteUrl, isEngineIoUrl } from './engineio-url';
import { natives, now } from './natives';
import { textPayload } from './payload';
import { observeMethod, observeSetter } from './replace';

let requestCount = 0;
const wrappers = new WeakSet<object>();

function polling(
  connection: string,
  url: string,
  method: string,
  direction: 'sent' | 'received',
  text: string,
): PageRecord {
  return {
    kind: 'frame',
    connection,
    transport: 'polling',
    url,
    method,
    direction,
    payload: textPayload(text),
    time: now(),
  };
}

/**
 * engine.io-client (up to 5.x) polls over JSONP with `<script src="…&j=N">`, whose response calls `___eio[N](payload)`.
 * When such a script gets its `src`, the page's callback `___eio[N]` is wrapped to record the payload it receives; the
 * page's own function is put back as soon as the wrapper runs, or when the script loads or fails without calling it.
 */
function watchScript(script: HTMLScriptElement): void {
  const url = absoluteUrl(script.src);
  if (!isEngineIoUrl(url)) return;
  const index = new natives.URL(url).searchParams.get('j');
  const callbacks = (window as unknown as { ___eio?: unknown })['___eio'];
  if (index === null || !/^\d+$/.test(index) || !Array.isArray(callbacks)) return;
  const slot = Number(index);
  const original: unknown = callbacks[slot];
  if (typeof original !== 'function' || wrappers.has(original)) return;
  const restore = () => {
    if (callbacks[slot] === wrapper) callbacks[slot] = original;
  };
  const wrapper = function (this: unknown, ...args: unknown[]) {
    try {
      restore();
      if (typeof args[0] === 'string') {
        createConnectionLog()(polling(`jsonp${++requestCount}`, url, 'GET', 'received', args[0]));
      }
    } catch {
      // Never let capture disturb the page.
    }
    // Not through callNative: catching an error of the page's callback would make the hook the place an uncaught
    // error is reported at (V8); uncaught, it keeps the page's location, with the wrapper's frame in its stack.
    return natives.apply(original, this, args) as unknown;
  };
  wrappers.add(wrapper);
  callbacks[slot] = wrapper;
  natives.addEventListener.call(script, 'load', restore);
  natives.addEventListener.call(script, 'error', restore);
}

/**
 * JSONP writes are form POSTs into a hidden iframe: the record is the form body as the browser sends it
 * (`application/x-www-form-urlencoded`, UTF-8, line breaks as CRLF).
 */
function watchForm(form: HTMLFormElement): void {
  const url = absoluteUrl(form.action);
  if (!isEngineIoUrl(url)) return;
  const fields: string[] = [];
  for (const element of Array.from(form.elements)) {
    const { name, value } = element as HTMLTextAreaElement;
    if (!name || typeof value !== 'string') continue;
    const encode = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n')).replace(/%20/g, '+');
    fields.push(`${encode(name)}=${encode(value)}`);
  }
  createConnectionLog()(polling(`jsonp${++requestCount}`, url, 'POST', 'sent', fields.join('&')));
}

export function hookJsonp(): void {
  observeSetter(HTMLScriptElement.prototype, 'src', (script) => watchScript(script));
  observeMethod(HTMLFormElement.prototype, 'submit', { after: (form) => watchForm(form) });
}
