// The armed mocks as extension storage keeps them (written by the panel, read by every relay at document start), and
// what a relay reports back. Everything read from storage is validated here: a recording may come from an imported
// file.
import type { RecordedMessage, Recording, ServerStep } from './mock-engine';

/** The storage.local key of the armed mocks: a MockConfig per mocked URL (`mockKey`). */
export const MOCKS_KEY = 'mocks';
/** The storage.local key of what the relays of a mocked URL report. */
export const mockStatusKey = (key: string) => `mockStatus ${key}`;

/** Bounds of a stored recording: packets per side and characters in all. */
export const MAX_MOCK_STEPS = 5_000;
export const MAX_MOCK_CHARS = 4 * 1024 * 1024;
/** Unmatched emits a status lists at most. */
export const MAX_UNMATCHED = 50;

export interface MockConfig {
  /** The mocked Engine.IO URL: origin and path (`mockKey`). */
  url: string;
  recording: Recording;
  /** Kept when DevTools closes. */
  pinned: boolean;
  /** The tab whose panel armed it (an unpinned mock ends with that panel). */
  tabId: number;
}

/** What the relay of a document that loaded with a mock armed reports. */
export interface MockStatus {
  /** Connections the mock answered. */
  connections: number;
  /** The page's emits with an ack the recording has no ACK for (at most MAX_UNMATCHED). */
  unmatched: string[];
  /** The page connected before the relay knew the mock: it reached the real server. */
  tooLate: boolean;
}

/** The origin and path of an Engine.IO URL, with `ws(s):` as `http(s):`: a WebSocket and polling share it. */
export function mockKey(url: string): string | undefined {
  const match = /^(http|ws)(s?):\/\/([^/?#]+)([^?#]*)/i.exec(url);
  return match ? `http${match[2].toLowerCase()}://${match[3].toLowerCase()}${match[4] || '/'}` : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown): value is string => typeof value === 'string';

function isMessage(value: unknown): value is RecordedMessage {
  return isObject(value) && (isText(value.text) || isText(value.base64));
}

function isStep(value: unknown): value is ServerStep {
  if (!isObject(value) || !isCount(value.afterPage) || typeof value.gap !== 'number' || !(value.gap >= 0)) return false;
  if (Array.isArray(value.messages)) return value.messages.every(isMessage);
  const ack = value.ack;
  return (
    isObject(ack) &&
    isText(ack.event) &&
    isCount(ack.order) &&
    isText(ack.head) &&
    isText(ack.data) &&
    Array.isArray(ack.attachments) &&
    ack.attachments.every(isText)
  );
}

/** A recording read from storage or a file, or undefined when malformed or beyond the bounds. */
export function readRecording(value: unknown): Recording | undefined {
  if (!isObject(value) || (value.eio !== 3 && value.eio !== 4) || !isText(value.path)) return undefined;
  if (!isCount(value.pingInterval) || !isCount(value.pingTimeout) || value.pingInterval < 100) return undefined;
  if (value.maxPayload !== undefined && !isCount(value.maxPayload)) return undefined;
  // The mock upgrades a polling session to a WebSocket only (as the page's client probes it), to nothing else.
  if (
    value.upgrades !== undefined &&
    !(Array.isArray(value.upgrades) && value.upgrades.every((u) => u === 'websocket'))
  )
    return undefined;
  const { server, page } = value;
  if (!Array.isArray(server) || !Array.isArray(page) || server.length > MAX_MOCK_STEPS || page.length > MAX_MOCK_STEPS)
    return undefined;
  if (!server.every(isStep)) return undefined;
  if (!page.every((packet) => isObject(packet) && (packet.type === 'connect' || packet.type === 'event')))
    return undefined;
  if (JSON.stringify(value).length > MAX_MOCK_CHARS) return undefined;
  return value as unknown as Recording;
}

/** The armed mocks of a storage read, by key; the malformed ones left out. */
export function readMockConfigs(value: unknown): Map<string, MockConfig> {
  const configs = new Map<string, MockConfig>();
  if (!isObject(value)) return configs;
  for (const [key, config] of Object.entries(value)) {
    if (!isObject(config) || config.url !== key || typeof config.pinned !== 'boolean' || !isCount(config.tabId))
      continue;
    const recording = readRecording(config.recording);
    if (recording) configs.set(key, { url: key, recording, pinned: config.pinned, tabId: config.tabId });
  }
  return configs;
}
