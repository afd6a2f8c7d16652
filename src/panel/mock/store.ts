/** The mock server seen from the panel: arm a session's URL, stop or pin it, and read what the relays report. */
import { signal } from '@preact/signals';
import {
  MOCKS_KEY,
  mockKey,
  mockStatusKey,
  readMockConfigs,
  readRecording,
  type MockConfig,
  type MockStatus,
} from '../../protocol/mock-config';
import type { Session } from '../decode/sessions';
import { recordingOf } from '../export/playwright';
import { packetsOfSession } from '../replay/steps';
import type { CaptureStores } from '../store';
import { catchUpCapture, notCameText } from '../store/catch-up';

/** Where armed mocks are kept: extension storage (shared with every relay), or memory in tests. */
export interface MockStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
  /** Calls `changed` with each key that changed; returns the way to stop. */
  listen(changed: (key: string) => void): () => void;
}

/** One armed mock as the panel lists it: its config and the relays' report. */
export interface ArmedMock {
  config: MockConfig;
  status?: MockStatus;
}

function readStatus(value: unknown): MockStatus | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { connections, unmatched, tooLate } = value as Record<string, unknown>;
  if (typeof connections !== 'number' || typeof tooLate !== 'boolean' || !Array.isArray(unmatched)) return undefined;
  return { connections, tooLate, unmatched: unmatched.filter((event) => typeof event === 'string').slice(0, 50) };
}

/** Why a session cannot be mocked, or undefined when it can. */
export function mockRefusal(session: Session | undefined): string | undefined {
  if (!session?.engineIo || mockKey(session.url) === undefined) return 'Pick a packet of a Socket.IO session first';
  if (session.decoder.info.parser === 'msgpack') return 'Sessions with the msgpack parser cannot be mocked yet';
  return undefined;
}

/** The mocks of this tab's panel (and the pinned ones), kept in step with storage. */
export function createMockStore(storage: MockStorage, tabId: number, stores: CaptureStores) {
  const { timeline } = stores;
  const armed = signal<ArmedMock[]>([]);
  const message = signal('');

  async function configs(): Promise<Map<string, MockConfig>> {
    return readMockConfigs(await storage.get(MOCKS_KEY));
  }

  async function refresh(): Promise<void> {
    const shown = [...(await configs()).values()].filter((config) => config.tabId === tabId || config.pinned);
    armed.value = await Promise.all(
      shown.map(async (config) => ({ config, status: readStatus(await storage.get(mockStatusKey(config.url))) })),
    );
  }

  async function change(edit: (configs: Map<string, MockConfig>) => void): Promise<void> {
    const current = await configs();
    edit(current);
    await storage.set(MOCKS_KEY, Object.fromEntries(current));
    await refresh();
  }

  return {
    armed,
    /** What the last action said (why it could not arm, or what it armed). */
    message,
    refresh,
    listen(): () => void {
      void refresh();
      return storage.listen((key) => {
        if (key === MOCKS_KEY || key.startsWith(mockStatusKey(''))) void refresh();
      });
    },
    /** Arms the selected packet's session (else the newest one): its URL is answered from the next load on. */
    async arm(): Promise<void> {
      let notCame = 0;
      await catchUpCapture(stores, (count) => (notCame = count));
      const session =
        timeline.selected.value?.session ?? timeline.tracker.sessions.filter((each) => each.engineIo).at(-1);
      const refusal = mockRefusal(session);
      if (refusal !== undefined || !session) return void (message.value = `Mock this session: ${refusal}`);
      const url = mockKey(session.url)!;
      const recorded = recordingOf(session, packetsOfSession(timeline.entries, session)).recording;
      // The upgrade to WebSocket is offered as recorded (the Playwright export offers none: its routes play each
      // transport on its own).
      const upgrades = session.decoder.info.open?.upgrades.filter((upgrade) => upgrade === 'websocket') ?? [];
      const recording = readRecording(upgrades.length > 0 ? { ...recorded, upgrades } : recorded);
      if (!recording) return void (message.value = `Mock this session: ${session.id} is too large to mock`);
      await storage.remove(mockStatusKey(url));
      await change((current) => current.set(url, { url, recording, pinned: false, tabId }));
      message.value = `Mocked ${session.id}${notCameText(notCame)}: reload the page to use the mock`;
    },
    async stop(url: string): Promise<void> {
      await change((current) => current.delete(url));
      await storage.remove(mockStatusKey(url));
      message.value = 'Mock stopped: the next load reaches the real server';
    },
    async pin(url: string, pinned: boolean): Promise<void> {
      await change((current) => {
        const config = current.get(url);
        if (config) current.set(url, { ...config, pinned, tabId });
      });
    },
  };
}

export type MockStore = ReturnType<typeof createMockStore>;

/** Mocks kept in memory, for tests. */
export function createMemoryMockStorage(): MockStorage & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  const listeners = new Set<(key: string) => void>();
  const changed = (key: string) => listeners.forEach((listener) => listener(key));
  return {
    items,
    get: (key) => Promise.resolve(items.get(key)),
    set: (key, value) => Promise.resolve(void items.set(key, value)).then(() => changed(key)),
    remove: (key) => Promise.resolve(void items.delete(key)).then(() => changed(key)),
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
