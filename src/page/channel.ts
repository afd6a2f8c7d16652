import type { WireMatcher } from '../protocol/wire-match';
import {
  CONTENT_EVENT,
  HANDSHAKE_EVENT,
  MESSAGE_PROTOCOL_VERSION,
  PAGE_EVENT,
  RELAY_EVENT,
  type CaptureSettings,
  type InjectedFrame,
  type PageCommand,
} from '../messages';
import { countError } from './errors';
import { readBreakpoints, readRelease } from './intercept-read';
import { bare, call, exec, natives, own } from './natives';

/** The private node the hook and the relay talk through (see HANDSHAKE_EVENT). */
export const channel = call(natives.createElement, natives.document, 'span');
/** Set once the relay took the channel: it is never offered again. */
let attached = false;

/** Hands one batch (its JSON text) to the relay. */
export function dispatchBatch(text: string): void {
  try {
    const event = new natives.CustomEvent(PAGE_EVENT, bare({ detail: text }));
    call(natives.dispatchEvent, channel, event);
  } catch {
    countError('channel'); // a relay that cannot be reached must never surface in the page
  }
}

function offerChannel(): void {
  if (attached) return; // offered until taken only: the page must never get hold of the channel
  try {
    const handshake = new natives.MouseEvent(HANDSHAKE_EVENT, bare({ relatedTarget: channel }));
    call(natives.dispatchEvent, natives.document, handshake);
  } catch {
    countError('channel');
  }
}

/** What the hook does with the relay's messages. */
export interface RelayHandlers {
  ready(settings: CaptureSettings): void;
  panel(listening: boolean): void;
  command(command: PageCommand): void;
  intercept(breakpoints: WireMatcher[], releaseAll: boolean): void;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** One frame of a command, copied into a prototype-free object; undefined when malformed. */
function readFrame(value: unknown): InjectedFrame | undefined {
  const text = own(value, 'text');
  const base64 = own(value, 'base64');
  if (typeof text === 'string' && base64 === undefined) return bare({ text });
  if (typeof base64 === 'string' && text === undefined && exec(BASE64, base64)) return bare({ base64 });
  return undefined;
}

function readFrames(value: unknown): InjectedFrame[] | undefined {
  if (!natives.isArray(value)) return undefined;
  const frames = bare<InjectedFrame[]>([]);
  for (let index = 0; index < value.length; index++) {
    const frame = readFrame(value[index]);
    if (!frame) return undefined;
    frames[index] = frame;
  }
  return frames;
}

/** A command of the relay, read through own properties only and copied; undefined when malformed. */
function readCommand(value: unknown): PageCommand | undefined {
  const action = own(value, 'action');
  if (action === 'release') return readRelease(value, readFrames);
  if (action === 'post') {
    const url = own(value, 'url');
    const body = readFrame(own(value, 'body'));
    return typeof url === 'string' && body ? bare<PageCommand>({ action, url, body }) : undefined;
  }
  const connection = own(value, 'connection');
  const frames = readFrames(own(value, 'frames'));
  if ((action !== 'send' && action !== 'deliver') || typeof connection !== 'string' || !frames) return undefined;
  return bare<PageCommand>({ action, connection, frames });
}

function readSettings(value: unknown): CaptureSettings | undefined {
  const capture = own(value, 'capture');
  const maxFrameSize = own(value, 'maxFrameSize');
  if (typeof capture !== 'boolean' || typeof maxFrameSize !== 'number' || !(maxFrameSize >= 0)) return undefined;
  return bare({ capture, maxFrameSize });
}

/** Acts on one message of the relay (ContentToPage), validated: anything malformed or of another version is counted. */
function onRelayMessage(event: Event, handlers: RelayHandlers): void {
  attached = true;
  const detail = natives.customEventDetail(event);
  const message: unknown = typeof detail === 'string' ? natives.JSON_parse(detail) : undefined;
  if (own(message, 'version') !== MESSAGE_PROTOCOL_VERSION) return countError('channel');
  const type = own(message, 'type');
  if (type === 'attached') return;
  if (type === 'ready') {
    const settings = readSettings(own(message, 'settings'));
    return settings ? handlers.ready(settings) : countError('channel');
  }
  if (type === 'panel') {
    const listening = own(message, 'listening');
    return typeof listening === 'boolean' ? handlers.panel(listening) : countError('channel');
  }
  if (type === 'intercept') {
    const breakpoints = readBreakpoints(own(message, 'breakpoints'));
    const releaseAll = own(message, 'releaseAll');
    if (!breakpoints || typeof releaseAll !== 'boolean') return countError('channel');
    return handlers.intercept(breakpoints, releaseAll);
  }
  const command = type === 'command' ? readCommand(own(message, 'command')) : undefined;
  if (command) handlers.command(command);
  else countError('command');
}

/** Starts the handshake with the relay of this document. */
export function connectToRelay(handlers: RelayHandlers): void {
  call(natives.addEventListener, channel, CONTENT_EVENT, (event: Event) => {
    try {
      onRelayMessage(event, handlers);
    } catch {
      countError('channel');
    }
  });
  const offer = () => {
    offerChannel();
    if (attached) call(natives.removeEventListener, natives.document, RELAY_EVENT, offer);
  };
  call(natives.addEventListener, natives.document, RELAY_EVENT, offer);
  offer();
}
