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
    if (frameId !== 0 && ![...relays.values()].some((other) => other.tabId === tabId && other.frameId === 0)) {
      const announce: BackgroundToContent = { type: 'announce' };
      browser.tabs.sendMessage(tabId, announce, { frameId: 0 }).catch(() => undefined);
    }
    tellPickers();
    toPanels(tabId, { type: 'document', version: MESSAGE_PROTOCOL_VERSION, tabId, frameId, document: message.document });
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
    port.postMessage({ type: 'tabs', version: MESSAGE_PROTOCOL_VERSION, tabs: inspectedTabs() } satisfies BackgroundToPanel);
    return;
  }
  if (message.type === 'command') {
    const { tabId, frameId, documentId, command } = message;
    const toContent: BackgroundToContent = { type: 'command', version: MESSAGE_PROTOCOL_VERSION, documentId, command };
    browser.tabs.sendMessage(tabId, toContent, { frameId }).catch(() => undefined);
    return;
  }
  pickers.delete(port);
  panels.set(port, message.tabId);
  for (const relay of relays.values()) {
    if (relay.tabId !== message.tabId || !relay.document) continue;
    const { tabId, frameId, document } = relay;
    port.postMessage({ type: 'document', version: MESSAGE_PROTOCOL_VERSION, tabId, frameId, document } satisfies BackgroundToPanel);
  }
  const replay: BackgroundToContent = { type: 'replay' };
  browser.tabs.sendMessage(message.tabId, replay).catch(() => undefined);
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
      panels.delete(port);
      pickers.delete(port);
    });
  }
});
