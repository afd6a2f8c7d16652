import {
  isBatchesOrStatus,
  isKeeping,
  isPageCommand,
  isRelayedIntercept,
  isTally,
  isWireBreakpoints,
} from '../message-guards';
import { MESSAGE_PROTOCOL_VERSION, type ContentToBackground, type PanelToBackground } from '../messages';
import { isPlainObject } from '../protocol';

/**
 * Messages from content scripts come from a context that handles page data: check their envelope. The batches inside
 * are the page's text, routed as they are: the panel parses and validates them.
 */
export function isContentToBackground(message: unknown): message is ContentToBackground {
  if (!isPlainObject(message) || message.version !== MESSAGE_PROTOCOL_VERSION) return false;
  switch (message.type) {
    case 'hello': {
      const document = message.document;
      return (
        isPlainObject(document) &&
        typeof document.documentId === 'string' &&
        typeof document.url === 'string' &&
        typeof message.traffic === 'boolean'
      );
    }
    case 'batches':
    case 'status':
      return isBatchesOrStatus(message);
    case 'tally':
      return isTally(message);
    case 'intercept':
      return isRelayedIntercept(message);
    default:
      return false;
  }
}

/** Messages from the extension's own pages (the panel): checked all the same, as every hop does. */
export function isPanelToBackground(message: unknown): message is PanelToBackground {
  if (!isPlainObject(message) || message.version !== MESSAGE_PROTOCOL_VERSION) return false;
  if (message.type === 'command') {
    return (
      Number.isInteger(message.tabId) &&
      Number.isInteger(message.frameId) &&
      typeof message.documentId === 'string' &&
      isPageCommand(message.command)
    );
  }
  if (message.type === 'intercept') return Number.isInteger(message.tabId) && isWireBreakpoints(message.breakpoints);
  if (message.type === 'capture-workers') return Number.isInteger(message.tabId) && typeof message.on === 'boolean';
  if (message.type === 'hold') return isKeeping(message.keep);
  return message.type === 'list-tabs' || (message.type === 'subscribe' && Number.isInteger(message.tabId));
}
