import { call, exec, natives } from './natives';

/** A query parameter's raw value in a URL or its query (not decoded: the values the hook reads are URL-safe). */
export function queryParam(search: string, name: 'EIO' | 'transport' | 'sid' | 'j'): string | undefined {
  return exec(QUERY[name], search)?.[1];
}

const QUERY = {
  EIO: /[?&]EIO=([^&]*)/,
  transport: /[?&]transport=([^&]*)/,
  sid: /[?&]sid=([^&]*)/,
  j: /[?&]j=([^&]*)/,
};

/** The URL as the page's document resolves it, or undefined when it is not one. */
export function parseUrl(url: string): URL | undefined {
  try {
    return new natives.URL(url, natives.baseURI(natives.document));
  } catch {
    return undefined;
  }
}

/**
 * Whether an HTTP request or WebSocket URL belongs to an Engine.IO session: src/protocol/engineio-url.ts's rule (the
 * protocol named by `EIO=`, or one of its transports on a default path), read with the natives saved at install.
 * Other HTTP traffic is never recorded; other WebSockets are plain ones.
 */
export function isEngineIoUrl(url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  const search = natives.urlSearch(parsed);
  if (queryParam(search, 'EIO') !== undefined) return true;
  const transport = queryParam(search, 'transport');
  if (transport !== 'polling' && transport !== 'websocket' && transport !== 'webtransport') return false;
  return exec(/\/(socket|engine)\.io\/?$/, natives.urlPathname(parsed)) !== null;
}

/** The absolute form of a URL, as the page's document resolves it. */
export function absoluteUrl(url: string): string {
  const parsed = parseUrl(url);
  return parsed ? natives.urlHref(parsed) : url;
}

/** A value as the string a native taking a URL or a method would make of it (ToString). */
export function asString(value: unknown): string {
  return typeof value === 'string' ? value : `${value as string}`;
}

/** Upper case, with the saved method. */
export function upperCase(text: string): string {
  return call(natives.stringToUpperCase, text);
}
