// Our Packet seen in the official parsers' shape `{type, nsp, id, data}`, and frames built from official output.
import { sioTypeId, type Direction, type Frame, type Packet, type Transport } from '../../../src/protocol/index.ts';

export interface OfficialShape {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}

/** Our decoded Socket.IO packet as the official decoders would return it. */
export function officialShape(p: Packet): OfficialShape {
  const type = p.sioType === undefined ? -1 : (sioTypeId(p.sioType) ?? -1);
  const out: OfficialShape = { type, nsp: p.query !== undefined ? `${p.namespace}?${p.query}` : (p.namespace ?? '/') };
  if (p.ackId !== undefined) out.id = p.ackId;
  const data = p.event !== undefined ? [p.event, ...(p.args ?? [])] : (p.args ?? p.data);
  if (data !== undefined) out.data = data;
  return out;
}

/** A frame from official encoder output (Buffers become plain Uint8Arrays, as the page hook gives them). */
export function frame(data: string | Uint8Array, direction: Direction, transport: Transport, time = 0): Frame {
  return { direction, transport, time, data: typeof data === 'string' ? data : new Uint8Array(data) };
}
