import { MESSAGE_PROTOCOL_VERSION, type BackgroundToContent, type InterceptNews } from '../messages';
import { isCount, isInterceptNews, isKeeping, isPageCommand, isWireBreakpoints } from '../message-guards';
import { MAX_PAGE_MESSAGE_CHARS, readWrittenPayload } from '../page-batch';
import { isPlainObject } from '../protocol';

/** A message of the background to the relay, of this version and shape. */
export function isBackgroundToContent(message: unknown): message is BackgroundToContent {
  if (!isPlainObject(message) || message.version !== MESSAGE_PROTOCOL_VERSION) return false;
  switch (message.type) {
    case 'replay':
    case 'idle':
    case 'announce':
      return true;
    case 'hold':
      return isKeeping(message.keep);
    case 'budget':
      return typeof message.documentId === 'string' && isCount(message.bytes) && message.bytes > 0;
    case 'command':
      return typeof message.documentId === 'string' && isPageCommand(message.command);
    case 'intercept':
      return isWireBreakpoints(message.breakpoints);
    default:
      return false;
  }
}

/** Whether the page's message is an `intercept` one (read by readIntercept), not a batch. */
export const isInterceptText = (detail: unknown): detail is string =>
  typeof detail === 'string' && detail.startsWith('{"type":"intercept",');

/** The hook's `intercept` message, validated; undefined when malformed, of another version or too large. */
export function readIntercept(detail: string): InterceptNews | undefined {
  if (detail.length > MAX_PAGE_MESSAGE_CHARS) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return undefined;
  }
  if (!isPlainObject(parsed) || parsed.version !== MESSAGE_PROTOCOL_VERSION || !Array.isArray(parsed.held))
    return undefined;
  // The hook writes each held frame's payload as it writes records' (WrittenPayload).
  const held = parsed.held.map((packet: unknown) =>
    isPlainObject(packet) && Array.isArray(packet.frames)
      ? { ...packet, frames: packet.frames.map(readWrittenPayload) }
      : packet,
  );
  const news = { ...parsed, held };
  if (!isInterceptNews(news)) return undefined;
  return { type: 'intercept', version: MESSAGE_PROTOCOL_VERSION, held: news.held, released: news.released };
}
