import { isBatchesOrStatus, isRelayedIntercept } from '../message-guards';
import { MESSAGE_PROTOCOL_VERSION, type BackgroundToPanel } from '../messages';
import { isPlainObject } from '../protocol';

const isId = (value: unknown): boolean => Number.isInteger(value);

function isDocument(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    typeof value.documentId === 'string' &&
    typeof value.url === 'string' &&
    typeof value.title === 'string' &&
    typeof value.startedAt === 'number'
  );
}

/**
 * A message of the background of this version, in its shape (the envelope: the batches inside are checked as they are
 * read, see read-batches.ts).
 */
export function isBackgroundToPanel(message: unknown): message is BackgroundToPanel {
  if (!isPlainObject(message) || message.version !== MESSAGE_PROTOCOL_VERSION) return false;
  if (message.type === 'tabs') return Array.isArray(message.tabs);
  if (!isId(message.tabId) || !isId(message.frameId)) return false;
  switch (message.type) {
    case 'document':
      return isDocument(message.document);
    case 'batches':
    case 'status':
      return isBatchesOrStatus(message);
    case 'intercept':
      return isRelayedIntercept(message);
    default:
      return false;
  }
}
