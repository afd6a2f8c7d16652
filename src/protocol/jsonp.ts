// JSONP polling bodies (`j=<N>`): the `___eio[N]("…");` script a server answers with, and the `d=` form a client
// posts, both ways.
import { parseJson } from './json';

/** `___eio[N]("…");` → the payload string. */
export function unwrapJsonpResponse(body: string): string | { error: string } {
  const open = body.indexOf('](');
  const close = body.lastIndexOf(')');
  if (open < 0 || close < open) return { error: 'malformed JSONP response wrapper' };
  const parsed = parseJson(body.slice(open + 2, close));
  if (!parsed.ok || typeof parsed.value !== 'string') return { error: 'JSONP response does not wrap a JSON string' };
  return parsed.value;
}

/** `d=<urlencoded>` JSONP POST form → the payload, with the server's newline unescaping applied. */
export function unwrapJsonpPost(body: string): string | { error: string } {
  const field = body.split('&').find((p) => p.startsWith('d='));
  if (field === undefined) return { error: 'JSONP POST without a d= field' };
  let d: string;
  try {
    d = decodeURIComponent(field.slice(2).replace(/\+/g, ' '));
  } catch {
    return { error: 'JSONP POST d= field is not valid URL encoding' };
  }
  return d.replace(/(\\)?\\n/g, (m, slash: string | undefined) => (slash ? m : '\n')).replace(/\\\\n/g, '\\n');
}

/** The script a server answers a JSONP poll with (engine.io's polling-jsonp: U+2028/2029 escaped). */
export function wrapJsonpResponse(payload: string, index: number): string {
  const literal = JSON.stringify(payload)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `___eio[${index}](${literal});`;
}

/** A JSONP POST body for a payload: the client's newline escaping, then `d=` form encoding. */
export function wrapJsonpPost(payload: string): string {
  const escaped = payload.replace(/\\n/g, '\\\n').replace(/\n/g, '\\n');
  return 'd=' + encodeURIComponent(escaped).replace(/%20/g, '+');
}
