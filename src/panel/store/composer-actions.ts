import { computed, effect } from '@preact/signals';
import { MESSAGE_PROTOCOL_VERSION } from '../../messages';
import { jsonText } from '../bounded';
import { composeCommand } from '../compose';
import type { Session } from '../decode/sessions';
import { remember, type HistoryEntry, type HistoryStorage } from '../history';
import type { PanelTransport } from '../transport';
import { topFrameUrl, type CaptureStore } from './capture';
import type { ComposerStore } from './composer';
import type { TimelinePacket, TimelineStore } from './timeline';

/**
 * What the panel acts through: the inspected tab, the port to the background, the composer's history storage, and the
 * way to the options page (the extension's in the browser, stand-ins in tests).
 */
export interface PanelContext {
  tabId: number;
  transport: PanelTransport;
  history: HistoryStorage;
  openOptionsPage(): void;
}

/** The session the composer targets: the one picked, else the most recent open one. */
export function composerSession(sessions: readonly Session[], picked: string | undefined): Session | undefined {
  const open = sessions.filter((session) => session.engineIo && (session.websocket || !session.closed));
  return sessions.find((session) => session.id === picked) ?? open[open.length - 1];
}

/** The origin of a URL, or undefined when it has none. */
export function originOf(url: string | undefined): string | undefined {
  try {
    const origin = url ? new URL(url).origin : 'null';
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * The composer's actions: send what it describes, send a history entry again, load a captured EVENT into it, and
 * keep its history per origin of the inspected page (the top frame's document), whichever server the page talks to.
 */
export function createComposerActions(
  context: Pick<PanelContext, 'tabId' | 'transport' | 'history'>,
  stores: { composer: ComposerStore; capture: CaptureStore; timeline: TimelineStore },
) {
  const { composer, capture, timeline } = stores;
  const pageOrigin = computed(() => originOf(topFrameUrl(capture.documents.value)));

  function fill(entry: Omit<HistoryEntry, 'action'>): void {
    composer.namespace.value = entry.namespace;
    composer.event.value = entry.event;
    composer.argsText.value = entry.argsText;
    composer.ack.value = entry.ack;
  }

  function saveToHistory(entry: HistoryEntry): void {
    const origin = composer.historyOrigin.value;
    if (origin === undefined) return;
    composer.history.value = remember(composer.history.value, entry);
    void context.history.save(origin, composer.history.value);
  }

  const actions = {
    pageOrigin,
    /** Sends what the composer describes; on a mistake, says which field and why, and sends nothing. */
    submit(action: 'emit' | 'deliver'): boolean {
      const ackId = composer.ack.value && action === 'emit' ? composer.nextAckId : undefined;
      const result = composeCommand({
        session: composerSession(timeline.tracker.sessions, composer.session.value),
        namespace: composer.namespace.value,
        event: composer.event.value,
        argsText: composer.argsText.value,
        action,
        ...(ackId === undefined ? {} : { ackId }),
      });
      if (!result.ok) {
        composer.error.value = { field: result.field, message: result.error };
        return false;
      }
      composer.error.value = undefined;
      if (ackId !== undefined) composer.nextAckId++;
      const { namespace, event, argsText, ack } = composer;
      saveToHistory({
        action,
        namespace: namespace.value,
        event: event.value,
        argsText: argsText.value,
        ack: ack.value,
      });
      const { frameId, documentId, command } = result;
      const { tabId, transport } = context;
      transport.send({ type: 'command', version: MESSAGE_PROTOCOL_VERSION, tabId, frameId, documentId, command });
      return true;
    },
    /** Fills the composer from a history entry and sends it again. */
    sendAgain(entry: HistoryEntry): boolean {
      fill(entry);
      return actions.submit(entry.action);
    },
    /** Loads a captured EVENT into the composer: its session, namespace, name and arguments (binary as $binary). */
    load(entry: TimelinePacket): void {
      const { packet } = entry;
      composer.session.value = entry.session.id;
      fill({
        namespace: packet.namespace ?? '/',
        event: String(packet.event),
        argsText: jsonText(packet.args ?? [], { binary: 'base64' }),
        ack: false,
      });
    },
    /** Sends a captured EVENT again: the page's own emits to the server, received ones to the page. */
    replay(entry: TimelinePacket): boolean {
      actions.load(entry);
      return actions.submit(entry.packet.direction === 'sent' ? 'emit' : 'deliver');
    },
    clearHistory(): void {
      composer.history.value = [];
      const origin = composer.historyOrigin.value;
      if (origin !== undefined) void context.history.save(origin, []);
    },
    /** Loads the history of the inspected page's origin, again whenever it changes; returns the function that stops. */
    followPageOrigin(): () => void {
      return effect(() => {
        const origin = pageOrigin.value;
        if (origin === composer.historyOrigin.peek()) return;
        composer.historyOrigin.value = origin;
        composer.history.value = [];
        if (origin === undefined) return;
        void context.history.load(origin).then((entries) => {
          if (composer.historyOrigin.peek() === origin) composer.history.value = entries;
        });
      });
    },
  };
  return actions;
}

export type ComposerActions = ReturnType<typeof createComposerActions>;
