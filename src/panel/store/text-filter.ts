import { packetSummary } from '../format-packet';
import type { TimelinePacket } from './timeline';

/**
 * The text filter's syntax, as its placeholder and title say it: plain text (case-insensitive, over the wire text),
 * a `/regex/flags`, and field filters that narrow it, each negated by a leading `-`: `event:`, `nsp:`, `sid:`, `type:`,
 * `dir:`, `ack:` (exact, `*` a wildcard, quotes around spaces) and `size>`, `size<`, `size>=`, `size<=` (bytes, or
 * with k / M).
 */
export const TEXT_FILTER_SYNTAX =
  'Text or /regex/ over the wire text. Fields: event:name nsp:/admin sid:abc type:EVENT dir:sent ack:12 size>1k ' +
  'size<500 (exact, * a wildcard, "quotes" around spaces; -field:value excludes)';

export type PacketTest = (entry: TimelinePacket) => boolean;

/** The text filter, compiled: field tests that must all pass, then the plain text or the regex. */
export interface TextFilter {
  fields: PacketTest[];
  /** Plain text as a case-insensitive substring test (the common case, and the one that must stay fast). */
  contains: ((text: string) => boolean) | undefined;
  regex: PacketTest | undefined;
  /** Why a part of it is not valid (that part is left out). */
  errors: string[];
}

/**
 * What the text filter searches in a packet: its wire text (which holds the event name and the arguments as JSON),
 * or for binary packets its name and one-line preview (built once, kept on the entry). Nothing is copied for text
 * packets: a million of them are searched where they lie.
 */
export function searchText(entry: TimelinePacket): string {
  const { packet } = entry;
  if (typeof packet.raw === 'string') return packet.raw;
  if (entry.search === undefined) {
    const { name, preview } = packetSummary(packet);
    entry.search = `${name}\n${preview}`;
  }
  return entry.search;
}

/**
 * A case-insensitive substring test: `includes` when case cannot matter (digits, punctuation), else a regex with the
 * `i` flag, which folds case as it scans instead of making a lower-case copy of every text.
 */
function containsTest(needle: string): (text: string) => boolean {
  if (needle.toLowerCase() === needle.toUpperCase()) return (text) => text.includes(needle);
  const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return (text) => pattern.test(text);
}

const REGEX = /^\/(.+)\/([a-z]*)$/;
const FIELD = /(^|\s)(-?)(event|nsp|sid|type|dir|ack):("[^"]*"|[^\s"]+)(?=\s|$)/gi;
const SIZE = /(^|\s)(-?)size(>=|<=|>|<)(\d+(?:\.\d+)?)(b|k|kb|m|mb)?(?=\s|$)/gi;
const UNITS: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2 };

/** A value test: exact, or a glob where `*` stands for any text. */
function valueTest(wanted: string, ignoreCase: boolean): (value: string | undefined) => boolean {
  const unquoted = wanted.startsWith('"') && wanted.endsWith('"') ? wanted.slice(1, -1) : wanted;
  if (unquoted.includes('*')) {
    const source = unquoted.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pattern = new RegExp(`^${source.join('.*')}$`, ignoreCase ? 'is' : 's');
    return (value) => value !== undefined && pattern.test(value);
  }
  if (ignoreCase) {
    const lower = unquoted.toLowerCase();
    return (value) => value !== undefined && value.toLowerCase() === lower;
  }
  return (value) => value === unquoted;
}

function fieldTest(field: string, wanted: string): PacketTest | string {
  switch (field.toLowerCase()) {
    case 'event': {
      const test = valueTest(wanted, false);
      return ({ packet }) => packet.event !== undefined && test(String(packet.event));
    }
    case 'nsp': {
      const test = valueTest(wanted, false);
      return ({ packet }) => test(packet.namespace);
    }
    case 'sid': {
      const test = valueTest(wanted, false);
      return ({ session }) => test(session.sid) || test(session.id);
    }
    case 'type': {
      const test = valueTest(wanted, true);
      return ({ packet }) => test(packet.sioType) || test(packet.eioType) || test(packet.layer);
    }
    case 'ack': {
      const test = valueTest(wanted, false);
      return ({ packet }) => test(packet.ackIdDigits);
    }
    default: {
      const direction = { sent: 'sent', received: 'received', '↑': 'sent', '↓': 'received' }[wanted.toLowerCase()];
      if (!direction) return `dir:${wanted} is not dir:sent or dir:received`;
      return ({ packet }) => packet.direction === direction;
    }
  }
}

function sizeTest(operator: string, amount: string, unit: string | undefined): PacketTest {
  const bytes = Number(amount) * UNITS[(unit ?? 'b').toLowerCase()];
  switch (operator) {
    case '>':
      return ({ packet }) => packet.size > bytes;
    case '>=':
      return ({ packet }) => packet.size >= bytes;
    case '<':
      return ({ packet }) => packet.size < bytes;
    default:
      return ({ packet }) => packet.size <= bytes;
  }
}

const negated = (test: PacketTest, negate: boolean): PacketTest => (negate ? (entry) => !test(entry) : test);

function regexFilter(text: string): Pick<TextFilter, 'regex' | 'errors'> {
  const match = REGEX.exec(text);
  if (!match) return { regex: undefined, errors: [] };
  try {
    const pattern = new RegExp(match[1], match[2]);
    return { regex: (entry) => pattern.test(searchText(entry)), errors: [] };
  } catch (error) {
    return { regex: undefined, errors: [(error as Error).message] };
  }
}

/** The text filter compiled; undefined when it is empty. A whole `/regex/` is a regex, field filters and all. */
export function parseTextFilter(input: string): TextFilter | undefined {
  const text = input.trim();
  if (!text) return undefined;
  if (REGEX.test(text)) return { fields: [], contains: undefined, ...regexFilter(text) };
  const fields: PacketTest[] = [];
  const errors: string[] = [];
  let rest = text.replace(FIELD, (_, space: string, minus: string, field: string, wanted: string) => {
    const test = fieldTest(field, wanted);
    if (typeof test === 'string') errors.push(test);
    else fields.push(negated(test, minus === '-'));
    return space;
  });
  rest = rest.replace(SIZE, (_, space: string, minus: string, operator: string, amount: string, unit?: string) => {
    fields.push(negated(sizeTest(operator, amount, unit), minus === '-'));
    return space;
  });
  // Where fields were taken out, the words around them join with one space.
  rest = fields.length + errors.length > 0 ? rest.trim().replace(/\s+/g, ' ') : rest.trim();
  const { regex, errors: regexErrors } = regexFilter(rest);
  const contains = REGEX.test(rest) || !rest ? undefined : containsTest(rest);
  return { fields, contains, regex, errors: [...errors, ...regexErrors] };
}

/** Whether a packet passes the compiled text filter. */
export function passesText(filter: TextFilter, entry: TimelinePacket): boolean {
  const { fields, contains, regex } = filter;
  for (let at = 0; at < fields.length; at++) if (!fields[at](entry)) return false;
  if (contains && !contains(searchText(entry))) return false;
  return !regex || regex(entry);
}
