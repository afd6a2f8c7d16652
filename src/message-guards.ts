/**
 * The checks of message parts that more than one hop receives: counts, base64 text, the panel's commands, the
 * envelope of batches and status messages, a document's status. Each hop's own validator (content/validate.ts,
 * background/validate.ts, panel/validate.ts) builds on these.
 */
import {
  CAPTURE_ERROR_KINDS,
  INTERCEPT_MARKS,
  KEEPINGS,
  type Keeping,
  type InterceptMark,
  type InterceptRecordMark,
  type CaptureErrors,
  type FramePayload,
  type HeldPacket,
  type InterceptNews,
  type PageCommand,
  type WireBreakpoint,
} from './messages';
import { isPlainObject } from './protocol';

/** A whole number from 0 up. */
export const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Base64 text (what binary frames and payloads carry). */
export const isBase64 = (value: unknown): value is string => typeof value === 'string' && BASE64.test(value);

const isFrames = (frames: unknown): boolean =>
  Array.isArray(frames) &&
  frames.every((frame) => isPlainObject(frame) && (typeof frame.text === 'string') !== isBase64(frame.base64));

export function isInterceptMark(value: unknown): value is InterceptMark {
  return (INTERCEPT_MARKS as readonly unknown[]).includes(value);
}

/** A frame record's intercept mark of the right shape. */
export function isInterceptRecordMark(value: unknown): value is InterceptRecordMark {
  return (
    isPlainObject(value) &&
    isInterceptMark(value.mark) &&
    typeof value.heldMs === 'number' &&
    Number.isFinite(value.heldMs) &&
    (value.original === undefined || isFramePayload(value.original))
  );
}

/** A command for the page hook (PageCommand) of the right shape. */
export function isPageCommand(command: unknown): command is PageCommand {
  if (!isPlainObject(command)) return false;
  if (command.action === 'post') return typeof command.url === 'string' && isFrames([command.body]);
  if (command.action === 'release') {
    return (
      typeof command.hold === 'string' &&
      (command.verdict === 'forward' || command.verdict === 'drop') &&
      (command.frames === undefined || isFrames(command.frames)) &&
      (command.mark === undefined || isInterceptMark(command.mark))
    );
  }
  return (
    (command.action === 'send' || command.action === 'deliver') &&
    typeof command.connection === 'string' &&
    isFrames(command.frames)
  );
}

/** Capture error counts by kind (see CaptureErrors). */
export function isCaptureErrors(value: unknown): value is CaptureErrors {
  return (
    isPlainObject(value) &&
    Object.entries(value).every(([kind, n]) => (CAPTURE_ERROR_KINDS as readonly string[]).includes(kind) && isCount(n))
  );
}

/**
 * The fields of a `batches` or a `status` message (to the background or to the panel), besides type and version: the
 * envelope only (the panel checks each batch as it reads it, src/panel/read-batches.ts).
 */
export function isBatchesOrStatus(message: Record<string, unknown>): boolean {
  if (typeof message.documentId !== 'string') return false;
  if (message.type === 'batches')
    return Array.isArray(message.batches) && isCount(message.dropped) && typeof message.kept === 'boolean';
  return message.type === 'status' && isCaptureErrors(message.captureErrors) && isCount(message.refusedCommands);
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** How a relay keeps (a `hold`'s). */
export const isKeeping = (value: unknown): value is Keeping => (KEEPINGS as readonly unknown[]).includes(value);

/** At most this many batch times travel in one `tally` (the relay sends them every few ms, a flood's few at a time). */
export const MAX_TALLY = 10_000;

/** A `tally` message's document and batches (TalliedBatch). */
export function isTally(message: Record<string, unknown>): boolean {
  const { documentId, batches } = message;
  return (
    typeof documentId === 'string' &&
    Array.isArray(batches) &&
    batches.length <= MAX_TALLY &&
    batches.every(
      (batch) =>
        isPlainObject(batch) && isFiniteNumber(batch.time) && isCount(batch.records) && isCount(batch.firstSeq),
    )
  );
}

/** Frame bytes as captured (FramePayload): text or base64, never both. */
export function isFramePayload(value: unknown): value is FramePayload {
  if (!isPlainObject(value) || !isFiniteNumber(value.size) || typeof value.truncated !== 'boolean') return false;
  return (typeof value.text === 'string') !== isBase64(value.base64);
}

/** At most this many breakpoints travel in one message. */
export const MAX_BREAKPOINTS = 100;

const isOptional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/** Breakpoints (WireBreakpoint) of the right shape. */
export function isWireBreakpoints(value: unknown): value is WireBreakpoint[] {
  return (
    Array.isArray(value) &&
    value.length <= MAX_BREAKPOINTS &&
    value.every(
      (breakpoint) =>
        isPlainObject(breakpoint) &&
        ['sent', 'received', 'both'].includes(breakpoint.direction as string) &&
        isOptional(breakpoint.eventJson, isString) &&
        isOptional(breakpoint.namespace, isString) &&
        isOptional(breakpoint.pattern, isString) &&
        isOptional(breakpoint.types, (types) => Array.isArray(types) && types.every(isCount)),
    )
  );
}

function isHeldPacket(value: unknown): value is HeldPacket {
  return (
    isPlainObject(value) &&
    typeof value.hold === 'string' &&
    typeof value.connection === 'string' &&
    typeof value.url === 'string' &&
    (value.direction === 'sent' || value.direction === 'received') &&
    Array.isArray(value.frames) &&
    value.frames.length > 0 &&
    value.frames.every(isFramePayload) &&
    isFiniteNumber(value.time)
  );
}

/** The fields of an `intercept` message of the hook (InterceptNews) besides type and version. */
export function isInterceptNews(message: Record<string, unknown>): message is Record<string, unknown> & InterceptNews {
  return (
    Array.isArray(message.held) &&
    message.held.every(isHeldPacket) &&
    Array.isArray(message.released) &&
    message.released.every(isString)
  );
}

/** The fields of an `intercept` message a relay passes on (to the background or to the panel): its document's news. */
export function isRelayedIntercept(message: Record<string, unknown>): boolean {
  return typeof message.documentId === 'string' && isInterceptNews(message);
}
