import type { PageCommand } from '../messages';
import {
  encodeEmit,
  isBase64Url,
  parseArgs,
  toFrame,
  type EmitSpec,
  type EncodeResult,
  type EncodeTarget,
} from '../protocol';
import type { Session } from './decode/sessions';

/** Ack ids the panel asks for start here, far above the ids a page's own client counts up to. */
export const INJECTED_ACK_ID_BASE = 1_000_000_000;

export interface ComposeRequest {
  session: Session | undefined;
  namespace: string;
  event: string;
  /** A JSON array of arguments; binary ones written as `{"$binary": "<base64>"}`. */
  argsText: string;
  /** The ack id to ask for, or none. */
  ackId?: number;
  action: 'emit' | 'deliver';
}

export type ComposeField = 'session' | 'namespace' | 'event' | 'args' | 'action';

/** What to send where, or why not (with the field the user should fix). */
export type ComposeResult =
  | { ok: true; frameId: number; documentId: string; command: PageCommand }
  | { ok: false; field: ComposeField; error: string };

/** The polling URL to POST to: the session's last poll, with a fresh cache-busting `t`. */
function postUrl(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('t', `inspector${Date.now().toString(36)}`);
  return parsed.href;
}

/** The encoder's result, or its failure as a result: whatever the user typed, the composer says why it cannot send. */
function encodeSafely(emit: EmitSpec, target: EncodeTarget): EncodeResult {
  try {
    return encodeEmit(emit, target);
  } catch (error) {
    return {
      ok: false,
      error: `Cannot encode these arguments: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * Turns the composer's fields into a command for the page: the emit encoded as the session expects it (EIO version,
 * parser, transport), sent on its open WebSocket or POSTed with its sid, or delivered to the page's WebSocket.
 */
export function composeCommand(request: ComposeRequest): ComposeResult {
  const { session, action } = request;
  if (!session) return { ok: false, field: 'session', error: 'Pick a session' };
  if (!session.engineIo || !session.eio)
    return { ok: false, field: 'session', error: 'Not an Engine.IO session: nothing to emit on' };
  if (session.closed && !session.websocket && !session.pollingUrl)
    return { ok: false, field: 'session', error: 'The session is closed' };
  const namespace = request.namespace.trim() || '/';
  if (!namespace.startsWith('/')) return { ok: false, field: 'namespace', error: 'A namespace starts with /' };
  if (session.namespaces.length > 0 && !session.namespaces.includes(namespace)) {
    return {
      ok: false,
      field: 'namespace',
      error: `The session has not joined ${namespace} (joined: ${session.namespaces.join(', ')})`,
    };
  }
  if (!request.event.trim()) return { ok: false, field: 'event', error: 'Name the event' };
  const args = parseArgs(request.argsText);
  if (!args.ok) return { ok: false, field: 'args', error: args.error };
  const transport = session.websocket ? 'websocket' : 'polling';
  if (action === 'deliver' && transport !== 'websocket') {
    return {
      ok: false,
      field: 'action',
      error: 'Deliver to page needs an open WebSocket: a polling response cannot be made up for the page',
    };
  }
  if (transport === 'polling' && (!session.pollingUrl || session.closed))
    return { ok: false, field: 'session', error: 'The session has no open transport' };
  const jsonp = transport === 'polling' && new URL(session.pollingUrl!).searchParams.has('j');
  const target: EncodeTarget = {
    eio: session.eio,
    parser: session.decoder.info.parser ?? 'default',
    transport,
    base64: isBase64Url(session.url) || jsonp,
    ...(jsonp ? { jsonp: true } : {}),
  };
  const encoded = encodeSafely(
    {
      namespace,
      event: request.event,
      args: args.args,
      ...(request.ackId === undefined ? {} : { ackId: request.ackId }),
    },
    target,
  );
  if (!encoded.ok) return { ok: false, field: 'args', error: encoded.error };
  const frames = encoded.frames.map(toFrame);
  const where = { frameId: session.frameId, documentId: session.documentId };
  if (transport === 'websocket') {
    return {
      ok: true,
      ...where,
      command: { action: action === 'emit' ? 'send' : 'deliver', connection: session.websocket!, frames },
    };
  }
  return { ok: true, ...where, command: { action: 'post', url: postUrl(session.pollingUrl!), body: frames[0] } };
}
