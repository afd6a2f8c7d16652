/**
 * The background routes records from the relays of a tab to the panels inspecting that tab, and nothing else: it
 * keeps no capture of its own, so a stopped service worker loses nothing (the relays hold the backlog).
 */
import {
  MESSAGE_PROTOCOL_VERSION,
  PORT_PANEL,
  PORT_RELAY,
  type BackgroundToContent,
  type BackgroundToPanel,
  type ContentToBackground,
  type DocumentInfo,
  type InspectedTab,
  type PanelToBackground,
} from '../messages';
import { browser, type Runtime } from '../platform';
import { isContentToBackground, isPanelToBackground } from './validate';

interface Relay {
  tabId: number;
  frameId: number;
  document?: DocumentInfo;
}

const relays = new Map<Runtime.Port, Relay>();
const panels = new Map<Runtime.Port, number>();
/** Panels in a tab without a tab to inspect yet: they get the list of tabs again whenever it changes. */
const pickers = new Set<Runtime.Port>();

function toPanels(tabId: number, message: BackgroundToPanel): void {
  for (const [port, inspected] of panels) {
    if (inspected !== tabId) continue;
    try {
      port.postMessage(message);
    } catch {
      panels.delete(port);
    }
  }
}

function isInspected(tabId: number): boolean {
  return [...panels.values()].includes(tabId);
}

function tellRelay(tabId: number, frameId: number | undefined, message: BackgroundToContent): void {
  browser.tabs.sendMessage(tabId, message, frameId === undefined ? {} : { frameId }).catch(() => undefined);
}

/** Once no panel inspects a tab, its relays keep their records instead of sending them. */
function idleIfUninspected(tabId: number | undefined): void {
  if (tabId !== undefined && !isInspected(tabId)) tellRelay(tabId, undefined, { type: 'idle' });
}

function inspectedTabs(): InspectedTab[] {
  const tabs = new Map<number, InspectedTab>();
  for (const { tabId, frameId, document } of relays.values()) {
    if (!document || (tabs.has(tabId) && frameId !== 0)) continue;
    tabs.set(tabId, { tabId, url: document.url, title: document.title });
  }
  return [...tabs.values()];
}

function tellPickers(): void {
  const message: BackgroundToPanel = { type: 'tabs', version: MESSAGE_PROTOCOL_VERSION, tabs: inspectedTabs() };
  for (const port of pickers) {
    try {
      port.postMessage(message);
    } catch {
      pickers.delete(port);
    }
  }
}

function onRelayMessage(port: Runtime.Port, relay: Relay, message: ContentToBackground): void {
  const { tabId, frameId } = relay;
  if (message.type === 'hello') {
    relay.document = message.document;
    // A document that loaded after the panel subscribed (a reload, a new frame) streams to it from the start.
    if (isInspected(tabId)) tellRelay(tabId, frameId, { type: 'replay' });
    if (frameId !== 0 && ![...relays.values()].some((other) => other.tabId === tabId && other.frameId === 0)) {
      tellRelay(tabId, 0, { type: 'announce' });
    }
    tellPickers();
    toPanels(tabId, {
      type: 'document',
      version: MESSAGE_PROTOCOL_VERSION,
      tabId,
      frameId,
      document: message.document,
    });
    return;
  }
  if (relay.document?.documentId !== message.documentId) {
    port.disconnect();
    relays.delete(port);
    return;
  }
  const { documentId, records, dropped } = message;
  toPanels(tabId, { type: 'records', version: MESSAGE_PROTOCOL_VERSION, tabId, frameId, documentId, records, dropped });
}

function onPanelMessage(port: Runtime.Port, message: PanelToBackground): void {
  if (message.type === 'list-tabs') {
    pickers.add(port);
    port.postMessage({
      type: 'tabs',
      version: MESSAGE_PROTOCOL_VERSION,
      tabs: inspectedTabs(),
    } satisfies BackgroundToPanel);
    return;
  }
  if (message.type === 'command') {
    const { tabId, frameId, documentId, command } = message;
    tellRelay(tabId, frameId, { type: 'command', version: MESSAGE_PROTOCOL_VERSION, documentId, command });
    return;
  }
  pickers.delete(port);
  const previous = panels.get(port);
  panels.set(port, message.tabId);
  if (previous !== message.tabId) idleIfUninspected(previous);
  for (const relay of relays.values()) {
    if (relay.tabId !== message.tabId || !relay.document) continue;
    const { tabId, frameId, document } = relay;
    port.postMessage({
      type: 'document',
      version: MESSAGE_PROTOCOL_VERSION,
      tabId,
      frameId,
      document,
    } satisfies BackgroundToPanel);
  }
  tellRelay(message.tabId, undefined, { type: 'replay' });
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name === PORT_RELAY) {
    const tabId = port.sender?.tab?.id;
    if (tabId === undefined) return port.disconnect();
    const relay: Relay = { tabId, frameId: port.sender?.frameId ?? 0 };
    relays.set(port, relay);
    port.onMessage.addListener((message: unknown) => {
      if (isContentToBackground(message)) onRelayMessage(port, relay, message);
    });
    port.onDisconnect.addListener(() => {
      relays.delete(port);
      tellPickers();
    });
  } else if (port.name === PORT_PANEL) {
    port.onMessage.addListener((message: unknown) => {
      if (isPanelToBackground(message)) onPanelMessage(port, message);
    });
    port.onDisconnect.addListener(() => {
      const tabId = panels.get(port);
      panels.delete(port);
      pickers.delete(port);
      idleIfUninspected(tabId);
    });
  }
});
