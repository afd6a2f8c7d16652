/**
 * The Engine.IO messages of a session as text, from the panel's export and from a server's own log, so the two compare
 * as they are: `<direction> over <transport>: <raw>` (the page's view of the direction), binary as its base64, a
 * packet's attachments unfolded after it.
 */
import type { ExportedCapture } from './panel-page';

const EIO_TYPE_IDS: Record<string, number> = { open: 0, close: 1, ping: 2, pong: 3, message: 4, upgrade: 5, noop: 6 };

/** An Engine.IO packet as a server logged it (`sent` = server to client); binary data as base64. */
export interface ServerPacket {
  transport: string;
  direction: 'sent' | 'received';
  type: string;
  data?: string | { base64: string };
}

/** Binary values of a decoded value, in the order socket.io numbers its attachments (depth first). */
function binaries(value: unknown, out: string[] = []): string[] {
  if (typeof value !== 'object' || value === null) return out;
  if ('$binary' in value) out.push((value as { $binary: string }).$binary);
  else for (const item of Object.values(value)) binaries(item, out);
  return out;
}

/** The page's Engine.IO messages by direction and transport, as the panel exported them (attachments unfolded). */
export function panelMessages(packets: ExportedCapture['packets']): string[] {
  return packets
    .filter((packet) => packet.eio.type === 'message' && !(packet.direction === 'received' && 'injected' in packet))
    .flatMap((packet) => {
      const head = `${packet.direction} over ${packet.transport}: `;
      const raw = typeof packet.raw === 'string' ? packet.raw : `binary ${binaries(packet.raw).join()}`;
      const attachments = packet.sio?.attachments ? binaries([packet.sio.args, packet.sio.data]) : [];
      return [`${head}${raw}`, ...attachments.map((base64) => `${head}binary ${base64}`)];
    });
}

/** The same, from the server's log (its `received` is the page's `sent`). */
export function serverMessages(packets: ServerPacket[]): string[] {
  return packets
    .filter((packet) => packet.type === 'message')
    .map((packet) => {
      const direction = packet.direction === 'received' ? 'sent' : 'received';
      const data = packet.data;
      const raw = typeof data === 'string' ? `${EIO_TYPE_IDS.message}${data}` : `binary ${data?.base64 ?? ''}`;
      return `${direction} over ${packet.transport}: ${raw}`;
    });
}

/** Within one direction and transport, order is the wire's; across them, it depends on timing. */
export function byChannel(messages: string[]): string {
  const channels: Record<string, string[]> = {};
  for (const text of messages) (channels[text.slice(0, text.indexOf(':'))] ??= []).push(text);
  return JSON.stringify(Object.entries(channels).sort());
}
