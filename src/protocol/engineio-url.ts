// What an Engine.IO URL says about its session: whether it is one, the EIO version, the sid, the base64 flag. Pure text
// functions: no DOM, no URL parsing.
import type { EioVersion } from './packet-types';

/** The value of query parameter `name` (`''` when it has no `=`), undefined when absent. Allocates only the value. */
function queryParam(url: string, name: string): string | undefined {
  const q = url.indexOf('?');
  const hash = url.indexOf('#');
  if (q < 0 || (hash >= 0 && hash < q)) return undefined;
  const end = hash < 0 ? url.length : hash;
  for (let start = q + 1; start <= end;) {
    const amp = url.indexOf('&', start);
    const pairEnd = amp < 0 || amp > end ? end : amp;
    const afterName = start + name.length;
    if (
      url.startsWith(name, start) &&
      (afterName === pairEnd || (afterName < pairEnd && url.charCodeAt(afterName) === 61)) /* = */
    ) {
      return afterName === pairEnd ? '' : url.slice(afterName + 1, pairEnd);
    }
    start = pairEnd + 1;
  }
  return undefined;
}

/** Engine.IO version from the URL's `EIO=` parameter; missing (or below 4) means 3, as servers assume. */
export function eioVersionFromUrl(url: string): EioVersion {
  const v = Number(queryParam(url, 'EIO'));
  return v >= 4 ? 4 : 3;
}

/** Engine.IO's default paths (`/socket.io/` for Socket.IO, `/engine.io/` for plain Engine.IO), at a URL's end. */
const DEFAULT_PATH = /\/(socket|engine)\.io\/?$/;

/** The URL up to its query or fragment. */
export function urlPath(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

/**
 * Whether a URL (absolute or relative, read as text: no DOM, no URL parsing) is an Engine.IO endpoint: its query
 * names the protocol (`EIO=`, which engine.io-client always sends), or one of its transports (`transport=polling`,
 * `websocket` or `webtransport`) on a default path (`/socket.io/`, `/engine.io/`). The page hook records HTTP
 * requests only to such URLs; the panel decodes connections to other URLs as plain WebSockets.
 */
export function isEngineIoUrl(url: string): boolean {
  if (queryParam(url, 'EIO') !== undefined) return true;
  const transport = queryParam(url, 'transport');
  if (transport !== 'polling' && transport !== 'websocket' && transport !== 'webtransport') return false;
  return DEFAULT_PATH.test(urlPath(url));
}

/** The `sid` query parameter (absent on the handshake request). */
export function sidFromUrl(url: string): string | undefined {
  return queryParam(url, 'sid') || undefined;
}

/** True when the URL is a polling request's (`transport=polling`). */
export function isPollingUrl(url: string): boolean {
  return queryParam(url, 'transport') === 'polling';
}

/** True when the URL asks for base64 binary (`b64=1`: JSONP, forceBase64). */
export function isBase64Url(url: string): boolean {
  const v = queryParam(url, 'b64');
  return v !== undefined && v !== '0' && v !== 'false';
}
