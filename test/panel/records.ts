import type { RelayedRecord } from '../../src/messages';

export const WS_URL = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket';
export const OPEN = '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

/** A text WebSocket frame of connection `ws1`, numbered `seq`, at 1000 + seq ms. */
export function wsFrame(seq: number, direction: 'sent' | 'received', text: string): RelayedRecord {
  return {
    kind: 'frame',
    seq,
    time: 1000 + seq,
    connection: 'ws1',
    transport: 'websocket',
    url: WS_URL,
    direction,
    payload: { text, size: text.length, truncated: false },
  };
}
