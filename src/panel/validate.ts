import { isBatchesOrStatus, isRelayedIntercept, isTally } from '../message-guards';
import { MESSAGE_PROTOCOL_VERSION, WORKER_KINDS, type BackgroundToPanel, type WorkerInfo } from '../messages';
import { isPlainObject } from '../protocol';

const isId = (value: unknown): boolean => Number.isInteger(value);

/** A worker's kind and script URL, as a message or an imported file names it. */
export const isWorkerInfo = (value: unknown): value is WorkerInfo =>
  isPlainObject(value) && (WORKER_KINDS as readonly unknown[]).includes(value.kind) && typeof value.url === 'string';

function isDocument(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    typeof value.documentId === 'string' &&
    typeof value.url === 'string' &&
    typeof value.title === 'string' &&
    typeof value.startedAt === 'number' &&
    (value.worker === undefined || isWorkerInfo(value.worker))
  );
}

function isWorkersState(message: Record<string, unknown>): boolean {
  return (
    ['off', 'on', 'unavailable'].includes(message.state as string) &&
    (message.reason === undefined || typeof message.reason === 'string') &&
    Array.isArray(message.workers) &&
    message.workers.every(isWorkerInfo)
  );
}

/**
 * A message of the background of this version, in its shape (the envelope: the batches inside are checked as they are
 * read, see read-batches.ts).
 */
export function isBackgroundToPanel(message: unknown): message is BackgroundToPanel {
  if (!isPlainObject(message) || message.version !== MESSAGE_PROTOCOL_VERSION) return false;
  if (message.type === 'tabs') return Array.isArray(message.tabs);
  if (message.type === 'workers') return isId(message.tabId) && isWorkersState(message);
  if (!isId(message.tabId) || !isId(message.frameId)) return false;
  switch (message.type) {
    case 'document':
      return isDocument(message.document);
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
