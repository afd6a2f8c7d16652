/**
 * The packets of an Engine.IO text polling body, split and joined with the natives saved at install: v4 separates
 * them with the record separator (U+001E); v3 writes each as `<length>:<packet>`, its length in UTF-16 code units (the
 * rule of socket.io 2.x; a body that does not split by it is left alone).
 */
import { bare, call, natives } from './natives';

const SEPARATOR = '\u001e';

/** The body's packets, or undefined when it is not a text payload the hook can split. */
export function splitPollingBody(body: string, eio: 3 | 4): string[] | undefined {
  const packets = bare<string[]>([]);
  if (eio === 4) {
    let start = 0;
    for (let at = call(natives.stringIndexOf, body, SEPARATOR); at >= 0;) {
      packets[packets.length] = call(natives.stringSlice, body, start, at);
      start = at + 1;
      at = call(natives.stringIndexOf, body, SEPARATOR, start);
    }
    packets[packets.length] = call(natives.stringSlice, body, start);
    return packets;
  }
  let at = 0;
  while (at < body.length) {
    let length = 0;
    let digits = 0;
    while (body[at] >= '0' && body[at] <= '9' && digits < 16) {
      length = length * 10 + +body[at++];
      digits++;
    }
    if (digits === 0 || body[at] !== ':' || at + 1 + length > body.length) return undefined;
    packets[packets.length] = call(natives.stringSlice, body, at + 1, at + 1 + length);
    at += 1 + length;
  }
  return packets.length > 0 ? packets : undefined;
}

/** The body of these packets; a noop packet when there are none, so the page's polling loop goes on as it would. */
export function joinPollingBody(packets: string[], eio: 3 | 4): string {
  if (packets.length === 0) return eio === 4 ? '6' : '1:6';
  let body = '';
  for (let index = 0; index < packets.length; index++) {
    const packet = packets[index];
    body += eio === 4 ? `${index ? SEPARATOR : ''}${packet}` : `${packet.length}:${packet}`;
  }
  return body;
}
