import { MESSAGE_PROTOCOL_VERSION, type ContentToBackground, type PanelToBackground } from '../messages';

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;

/**
 * Messages from content scripts come from a context that handles page data: check their envelope. The records
 * inside were validated by the relay itself when they came from the page.
 */
export function isContentToBackground(message: unknown): message is ContentToBackground {
  if (!isObject(message) || message.version !== MESSAGE_PROTOCOL_VERSION) return false;
  if (message.type === 'hello') {
    const document = message.document;
    return isObject(document) && typeof document.documentId === 'string' && typeof document.url === 'string';
  }
  return message.type === 'records' && typeof message.documentId === 'string' && Array.isArray(message.records);
}

const isFrames = (frames: unknown): boolean =>
  Array.isArray(frames) &&
  frames.every((frame) => isObject(frame) && (typeof frame.text === 'string' || typeof frame.base64 === 'string'));

function isCommand(command: unknown): boolean {
  if (!isObject(command)) return false;
  if (command.action === 'post') return typeof command.url === 'string' && isFrames([command.body]);
  return (
    (command.action === 'send' || command.action === 'deliver') &&
    typeof command.connection === 'string' &&
    isFrames(command.frames)
  );
}

export function isPanelToBackground(message: unknown): message is PanelToBackground {
  if (!isObject(message) || message.version !== MESSAGE_PROTOCOL_VERSION) return false;
  if (message.type === 'command') {
    return (
      Number.isInteger(message.tabId) &&
      Number.isInteger(message.frameId) &&
      typeof message.documentId === 'string' &&
      isCommand(message.command)
    );
  }
  return message.type === 'list-tabs' || (message.type === 'subscribe' && Number.isInteger(message.tabId));
}
