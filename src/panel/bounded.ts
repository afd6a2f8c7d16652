/**
 * The panel's one way to show page-controlled values within bounds: however deep, long or wide a packet's payload,
 * these iterate (never recurse) and stop at their limits, saying what they left out.
 */
import { formatCount } from '../count-text';

/** Nesting shown before a value reads "… nested deeper than N levels" (previews and the JSON tree). */
export const MAX_DEPTH = 64;
/** Children of one array or object shown in the JSON tree. */
export const MAX_CHILDREN = 500;
/** Binary values of one packet given a hex view. */
export const MAX_BINARIES = 64;
/** Characters of a one-line preview (a timeline row, a raw frame). */
export const PREVIEW_CHARS = 300;
/** Characters of a raw frame on its row (one line, cut so that a frame of megabytes does not lay out in full). */
export const FRAME_ROW_CHARS = 10_000;
/** Characters of a name (event, namespace, ack id) on a row or in a table. */
export const NAME_CHARS = 200;
/** Characters of one string in the details (a field, a JSON tree leaf). */
export const DETAIL_CHARS = 2_000;
/** Characters of the raw frame shown in the details (Copy raw copies all of it). */
export const RAW_CHARS = 65_536;

/** What a value nested deeper than `levels` reads as. */
export const deeperThan = (levels: number) => `… nested deeper than ${levels} levels`;

/** The first `max` characters of `text` (never half a surrogate pair), and how many characters it leaves out. */
export function splitText(text: string, max: number): { head: string; more: number } {
  if (text.length <= max) return { head: text, more: 0 };
  const cut = max > 0 && isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return { head: text.slice(0, cut), more: text.length - cut };
}

/** What a cut text leaves out, as it reads after the text. */
export const moreCharacters = (more: number) => `… ${formatCount(more)} more characters`;

/** The first `max` characters of `text`, then "… N more characters". */
export function boundedText(text: string, max: number): string {
  const { head, more } = splitText(text, max);
  return more === 0 ? head : `${head}${moreCharacters(more)}`;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

export interface JsonTextOptions {
  /** Stop after this many characters, ending with `…`. */
  maxChars?: number;
  /** Write a container nested deeper than this as the string `"… nested deeper than N levels"`. */
  maxDepth?: number;
}

type Container = { items: readonly unknown[]; keys?: undefined } | { items: Record<string, unknown>; keys: string[] };
type Level = Container & { next: number; written: number };

/** Text cut at a length: `full` once the limit is reached. */
function createWriter(maxChars: number) {
  const parts: string[] = [];
  let length = 0;
  const writer = {
    full: false,
    room: () => maxChars - length,
    write(text: string): void {
      if (writer.full) return;
      if (length + text.length > maxChars) {
        parts.push(text.slice(0, maxChars - length), '…');
        writer.full = true;
        return;
      }
      parts.push(text);
      length += text.length;
    },
    text: () => parts.join(''),
  };
  return writer;
}

/**
 * A value as JSON, as `JSON.stringify` writes it but with binary values as `"<binary N B>"`, within the limits given,
 * without recursion (the protocol's stringifyJson writes whole files; this writes what a person reads).
 */
export function jsonText(value: unknown, options: JsonTextOptions = {}): string {
  const out = createWriter(options.maxChars ?? Infinity);
  const maxDepth = options.maxDepth ?? Infinity;
  const stack: Level[] = [];
  const quote = (text: string) => JSON.stringify(text.length > out.room() ? text.slice(0, out.room() + 1) : text);
  /** Writes a scalar, or opens a container (pushed on the stack). */
  const open = (item: unknown): void => {
    const scalar = scalarJson(item, quote);
    if (scalar !== undefined) return out.write(scalar);
    if (isSkipped(item)) return out.write('null'); // only arrays get here with one: objects leave it out
    if (stack.length >= maxDepth) return out.write(quote(deeperThan(maxDepth)));
    if (Array.isArray(item)) {
      out.write('[');
      stack.push({ items: item, next: 0, written: 0 });
    } else {
      const items = item as Record<string, unknown>;
      out.write('{');
      stack.push({ items, keys: Object.keys(items), next: 0, written: 0 });
    }
  };
  if (isSkipped(value)) return 'undefined';
  open(value);
  while (stack.length > 0 && !out.full) {
    const level = stack[stack.length - 1];
    if (level.keys === undefined) {
      if (level.next >= level.items.length) {
        out.write(']');
        stack.pop();
        continue;
      }
      if (level.next > 0) out.write(',');
      open(level.items[level.next++]);
      continue;
    }
    const key = level.keys[level.next++];
    if (key === undefined) {
      out.write('}');
      stack.pop();
      continue;
    }
    const member = level.items[key];
    if (isSkipped(member)) continue;
    out.write(`${level.written++ > 0 ? ',' : ''}${quote(key)}:`);
    open(member);
  }
  return out.text();
}

/** Members JSON leaves out of an object (and writes as null in an array). */
const isSkipped = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** The JSON of a value that is not an array or object (a Date from msgpack reads as JSON writes it), else undefined. */
function scalarJson(value: unknown, quote: (text: string) => string): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return String(value);
    case 'object':
      if (value instanceof Uint8Array) return quote(`<binary ${value.byteLength} B>`);
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'null' : quote(value.toISOString());
      return undefined;
    default:
      return undefined;
  }
}

/** The first `max` children of an array or object, as [key, value], and how many it has. */
export function childrenOf(value: object, max: number): { entries: [string, unknown][]; total: number } {
  if (Array.isArray(value)) {
    const shown = Math.min(max, value.length);
    const entries: [string, unknown][] = [];
    for (let index = 0; index < shown; index++) entries.push([String(index), value[index]]);
    return { entries, total: value.length };
  }
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  return { entries: keys.slice(0, max).map((key) => [key, record[key]]), total: keys.length };
}

/** A step of a path to a value: its parent's step and its own key, so that deep paths cost one node per level. */
interface PathStep {
  parent: PathStep | undefined;
  key: string | number;
}

/** Path steps kept at each end of a long path (`args[0][0]…[0]`). */
const PATH_ENDS = 8;

function pathText(step: PathStep | undefined): string {
  const keys: (string | number)[] = [];
  for (let at = step; at; at = at.parent) keys.push(at.key);
  keys.reverse();
  const write = (key: string | number, index: number) =>
    typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${boundedText(key, NAME_CHARS)}`;
  if (keys.length <= PATH_ENDS * 2) return keys.map(write).join('');
  const head = keys.slice(0, PATH_ENDS).map(write).join('');
  const tail = keys
    .slice(-PATH_ENDS)
    .map((key, index) => write(key, index + 1))
    .join('');
  return `${head}…(${formatCount(keys.length - PATH_ENDS * 2)} levels)…${tail}`;
}

/**
 * The binary values inside a payload, depth first, with their paths (`[1].file`): the first `max` of them, and how
 * many there are. Iterative, so any nesting is walked.
 */
export function findBinaries(
  value: unknown,
  max: number,
): { found: { path: string; bytes: Uint8Array }[]; total: number } {
  const found: { path: string; bytes: Uint8Array }[] = [];
  let total = 0;
  const stack: { value: unknown; step: PathStep | undefined }[] = [{ value, step: undefined }];
  while (stack.length > 0) {
    const { value: item, step } = stack.pop()!;
    if (item instanceof Uint8Array) {
      if (total++ < max) found.push({ path: pathText(step), bytes: item });
      continue;
    }
    if (typeof item !== 'object' || item === null || item instanceof Date) continue;
    // Pushed last child first, so that children are visited in order.
    if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index--)
        stack.push({ value: item[index], step: { parent: step, key: index } });
    } else {
      const keys = Object.keys(item);
      for (let index = keys.length - 1; index >= 0; index--)
        stack.push({ value: (item as Record<string, unknown>)[keys[index]], step: { parent: step, key: keys[index] } });
    }
  }
  return { found, total };
}
