import { isPlainObject, stringifyJson, type Packet } from '../protocol';
import { toJsonValue } from '../protocol';
import type { TimelineEntry, TimelinePacket } from './store/timeline';

/**
 * Copy as code: an EVENT as the socket.io-client code and the server code that emit it, with an ack callback when it
 * had an ack id. Binary arguments are written as the bytes they were (a Uint8Array in the browser, a Buffer in Node).
 */

type BinaryAs = (base64: string) => string;
const inBrowser: BinaryAs = (base64) => `Uint8Array.from(atob("${base64}"), (c) => c.charCodeAt(0))`;
const inNode: BinaryAs = (base64) => `Buffer.from("${base64}", "base64")`;

/** One argument as JavaScript: its JSON, with each binary value (`{"$binary": …}` once exported) as code. */
function argumentCode(value: unknown, binary: BinaryAs): string {
  const json = stringifyJson(toJsonValue(value)) ?? 'undefined';
  return json.replace(/\{"\$binary":"([A-Za-z0-9+/=]*)"\}/g, (_, base64: string) => binary(base64));
}

/** The emit's arguments: the event name, the arguments, and an ack callback when the packet had an ack id. */
function emitArguments(packet: Packet, binary: BinaryAs, withAck = packet.ackIdDigits !== undefined): string {
  const parts = [JSON.stringify(packet.event), ...(packet.args ?? []).map((arg) => argumentCode(arg, binary))];
  if (withAck) parts.push('(...response) => {\n  console.log(response);\n}');
  return parts.join(', ');
}

const namespaceOf = (packet: Packet) => packet.namespace ?? '/';

/** The socket.io-client code that emits the packet's event. */
export function clientSnippet(packet: Packet): string {
  const namespace = namespaceOf(packet);
  const connect = namespace === '/' ? 'io()' : `io(${JSON.stringify(namespace)})`;
  return [
    `// socket.io-client${namespace === '/' ? '' : `, namespace ${namespace}`}`,
    `const socket = ${connect};`,
    `socket.emit(${emitArguments(packet, inBrowser)});`,
  ].join('\n');
}

/**
 * The server code that emits the packet's event to this client: to its socket's id (each socket is in a room of its
 * own id), or as `socket.emit` inside the namespace's connection handler.
 */
export function serverSnippet(packet: Packet, socketId: string | undefined): string {
  const namespace = namespaceOf(packet);
  const server = namespace === '/' ? 'io' : `io.of(${JSON.stringify(namespace)})`;
  const room = socketId === undefined ? 'socketId' : JSON.stringify(socketId);
  return [
    `// socket.io server: to this client's socket${socketId === undefined ? ' (its id was not captured)' : ''}`,
    `${server}.to(${room}).emit(${emitArguments(packet, inNode, false)});`,
    `// or, in ${server}.on("connection", (socket) => { … }):`,
    `socket.emit(${emitArguments(packet, inNode)});`,
  ].join('\n');
}

/**
 * The id of the client's socket in the packet's namespace, as the server knows it: the `sid` of the server's CONNECT
 * (Socket.IO protocol 5), else (protocol 4) the Engine.IO sid, prefixed by `<namespace>#` outside the main namespace.
 */
export function socketIdOf(entries: readonly TimelineEntry[], entry: TimelinePacket): string | undefined {
  const { session } = entry;
  const namespace = namespaceOf(entry.packet);
  for (const other of entries) {
    if (other.kind !== 'packet' || other.session !== session) continue;
    const { packet } = other;
    if (packet.sioType !== 'CONNECT' || packet.direction !== 'received' || namespaceOf(packet) !== namespace) continue;
    const sid = isPlainObject(packet.data) ? packet.data['sid'] : undefined;
    if (typeof sid === 'string') return sid;
  }
  if (session.eio !== 3 || session.sid === undefined) return undefined;
  return namespace === '/' ? session.sid : `${namespace}#${session.sid}`;
}
