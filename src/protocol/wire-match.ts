/**
 * Breakpoint matching on the wire text of one WebSocket frame, cheap enough for the page hook: it reads the Socket.IO
 * header (`4<type>[<n>-][<nsp>,][<id>]`) and the start of the arguments by index only (no method of a string or an
 * array is called, none a page could patch), and never decodes JSON. Engine.IO control packets never match.
 */

/** What a breakpoint asks for (every field given must hold); `test` runs a regular expression over the whole text. */
export interface WireMatcher {
  direction: 'sent' | 'received' | 'both';
  /** The event name as its JSON string literal, e.g. `"chat message"`. */
  eventJson?: string;
  namespace?: string;
  types?: readonly number[];
  test?: (text: string) => boolean;
}

/** Where the parts of a Socket.IO packet start in an Engine.IO message frame's text. */
export interface WireHeader {
  type: number;
  attachments: number;
  /** The namespace's span in the text; empty (start === end) for the default namespace `/`. */
  namespaceStart: number;
  namespaceEnd: number;
  /** Where the JSON arguments start (the text's length when it has none). */
  dataStart: number;
}

const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';

/** The Socket.IO header of an Engine.IO message (`4...`) frame's text; undefined for anything else. */
export function readWireHeader(text: string): WireHeader | undefined {
  if (text[0] !== '4' || !isDigit(text[1])) return undefined;
  const type = +text[1];
  if (type > 6) return undefined;
  let at = 2;
  let attachments = 0;
  if (type === 5 || type === 6) {
    while (isDigit(text[at]) && at < 12) attachments = attachments * 10 + +text[at++];
    if (text[at] !== '-') return undefined;
    at++;
  }
  let namespaceStart = at;
  let namespaceEnd = at;
  if (text[at] === '/') {
    namespaceStart = at;
    while (at < text.length && text[at] !== ',') at++;
    namespaceEnd = at;
    if (at < text.length) at++;
  }
  while (isDigit(text[at])) at++;
  return { type, attachments, namespaceStart, namespaceEnd, dataStart: at };
}

/** Whether `text` has `part` at `start`. */
function hasAt(text: string, start: number, part: string): boolean {
  if (start + part.length > text.length) return false;
  for (let index = 0; index < part.length; index++) if (text[start + index] !== part[index]) return false;
  return true;
}

function namespaceMatches(text: string, header: WireHeader, namespace: string): boolean {
  const { namespaceStart, namespaceEnd } = header;
  if (namespaceStart === namespaceEnd) return namespace === '/';
  return namespaceEnd - namespaceStart === namespace.length && hasAt(text, namespaceStart, namespace);
}

function eventMatches(text: string, header: WireHeader, eventJson: string): boolean {
  if ((header.type !== 2 && header.type !== 5) || text[header.dataStart] !== '[') return false;
  const after = text[header.dataStart + 1 + eventJson.length];
  return hasAt(text, header.dataStart + 1, eventJson) && (after === ',' || after === ']');
}

function includes(list: readonly number[], value: number): boolean {
  for (let index = 0; index < list.length; index++) if (list[index] === value) return true;
  return false;
}

/** Whether a frame's text (going `direction`) matches the breakpoint. */
export function matchesWire(
  matcher: WireMatcher,
  direction: 'sent' | 'received',
  text: string,
  header: WireHeader,
): boolean {
  if (matcher.direction !== 'both' && matcher.direction !== direction) return false;
  if (matcher.types !== undefined && !includes(matcher.types, header.type)) return false;
  if (matcher.namespace !== undefined && !namespaceMatches(text, header, matcher.namespace)) return false;
  if (matcher.eventJson !== undefined && !eventMatches(text, header, matcher.eventJson)) return false;
  return matcher.test === undefined || matcher.test(text);
}
