/**
 * Reads the relay's intercept messages (breakpoints, release commands) through own properties only, into
 * prototype-free copies; undefined when malformed.
 */
import { INTERCEPT_MARKS, type InjectedFrame, type InterceptMark, type PageCommand } from '../messages';
import type { WireMatcher } from '../protocol/wire-match';
import { compilePattern } from './intercept';
import { bare, natives, own } from './natives';

/** At most this many breakpoints are applied; a longer list is refused. */
const MAX_BREAKPOINTS = 100;
const MAX_TYPES = 7;

function readTypes(value: unknown): number[] | undefined {
  if (!natives.isArray(value) || value.length > MAX_TYPES) return undefined;
  const types = bare<number[]>([]);
  for (let index = 0; index < value.length; index++) {
    const type: unknown = value[index];
    if (typeof type !== 'number') return undefined;
    types[index] = type;
  }
  return types;
}

function readBreakpoint(value: unknown): WireMatcher | undefined {
  const direction = own(value, 'direction');
  if (direction !== 'sent' && direction !== 'received' && direction !== 'both') return undefined;
  const matcher: WireMatcher = bare({ direction });
  const eventJson = own(value, 'eventJson');
  const namespace = own(value, 'namespace');
  const pattern = own(value, 'pattern');
  const types = own(value, 'types');
  if (typeof eventJson === 'string') matcher.eventJson = eventJson;
  if (typeof namespace === 'string') matcher.namespace = namespace;
  if (types !== undefined) {
    const read = readTypes(types);
    if (!read) return undefined;
    matcher.types = read;
  }
  if (typeof pattern === 'string') {
    const test = compilePattern(pattern);
    if (!test) return undefined;
    matcher.test = test;
  }
  return matcher;
}

export function readBreakpoints(value: unknown): WireMatcher[] | undefined {
  if (!natives.isArray(value) || value.length > MAX_BREAKPOINTS) return undefined;
  const list = bare<WireMatcher[]>([]);
  for (let index = 0; index < value.length; index++) {
    const matcher = readBreakpoint(value[index]);
    if (!matcher) return undefined;
    list[index] = matcher;
  }
  return list;
}

/** Whether `value` is one of the marks (compared one by one: no method of the page's arrays is called). */
function isMark(value: unknown): value is InterceptMark {
  for (let index = 0; index < INTERCEPT_MARKS.length; index++) if (INTERCEPT_MARKS[index] === value) return true;
  return false;
}

/** A `release` command, its frames read by `readFrames`. */
export function readRelease(
  value: unknown,
  readFrames: (value: unknown) => InjectedFrame[] | undefined,
): PageCommand | undefined {
  const hold = own(value, 'hold');
  const verdict = own(value, 'verdict');
  const frames = own(value, 'frames');
  const mark = own(value, 'mark');
  if (typeof hold !== 'string' || (verdict !== 'forward' && verdict !== 'drop')) return undefined;
  if (mark !== undefined && !isMark(mark)) return undefined;
  const marked = mark === undefined ? bare({}) : bare({ mark });
  if (frames === undefined) return bare<PageCommand>({ action: 'release', hold, verdict, ...marked });
  const read = readFrames(frames);
  return read ? bare<PageCommand>({ action: 'release', hold, verdict, frames: read, ...marked }) : undefined;
}
