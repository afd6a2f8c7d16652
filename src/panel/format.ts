import type { GapRecord, RelayedRecord } from '../messages';
import { base64Decode } from '../protocol';
import { boundedText, FRAME_ROW_CHARS, PREVIEW_CHARS } from './bounded';
import { formatCount } from '../count-text';

/** Wall-clock time with milliseconds, as DevTools shows it. */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

const HEX_PREVIEW_BYTES = 64;

/** The first bytes of base64 text in hex, or why there are none (an imported file may hold anything). */
function hexPreview(base64: string): string {
  const bytes = base64Decode(base64.slice(0, Math.ceil(HEX_PREVIEW_BYTES / 3) * 4));
  if (!bytes) return '(not valid base64)';
  return Array.from(bytes.subarray(0, HEX_PREVIEW_BYTES), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/** A one-line description of a raw record: the frame text, a hex preview of binary, or the connection event. */
export function describeRecord(record: RelayedRecord): string {
  switch (record.kind) {
    case 'open':
      return `open ${boundedText(record.url, PREVIEW_CHARS)}`;
    case 'close':
      return boundedText(
        `close ${record.code}${record.reason ? ` ${record.reason}` : ''}${record.wasClean ? '' : ' (not clean)'}`,
        PREVIEW_CHARS,
      );
    case 'error':
      return `error: ${boundedText(record.message, PREVIEW_CHARS)}`;
    case 'frame': {
      const { payload } = record;
      const suffix = payload.truncated ? ` … (truncated, ${payload.size} in all)` : '';
      if (payload.text !== undefined) return boundedText(payload.text, FRAME_ROW_CHARS) + suffix;
      return `binary ${payload.size} B: ${hexPreview(payload.base64 ?? '')}${suffix}`;
    }
    case 'unrecorded':
      return `${formatCount(record.count)} frames not recorded: plain WebSocket, no panel open (${formatCount(record.size)} in all)`;
  }
}

/**
 * What a gap marker says: how many of its records the panel never had (`notKept`), called frames when the backlog let
 * only frames go (the relay counts records and frames, not decoded packets).
 */
export function describeGap(gap: GapRecord, notKept: number): string {
  const what = gap.frames === gap.count ? 'frames' : 'records';
  return `${formatCount(notKept)} ${what} not kept: backlog budget`;
}
