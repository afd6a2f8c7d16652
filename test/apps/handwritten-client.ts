/**
 * The write-up's hand-written client, ported from Python to Node: a raw WebSocket straight to
 * `/socket.io/?EIO=3&transport=websocket` that sends `2probe` on open, pings with `2`, and chats by sending
 * `42["chat message","..."]` itself. Against socket.io 2.x (Engine.IO v3) this is all it takes.
 */
import WebSocket from 'ws';

export interface HandwrittenClient {
  /** Every frame the server sent, as text. */
  frames: string[];
  say(content: string): void;
  ping(): void;
  close(): void;
}

export function connectHandwritten(serverUrl: string): Promise<HandwrittenClient> {
  const url = `${serverUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/socket.io/?EIO=3&transport=websocket`;
  const ws = new WebSocket(url);
  const frames: string[] = [];
  ws.on('message', (data: Buffer) => frames.push(data.toString()));
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => {
      ws.send('2probe');
      resolve({
        frames,
        say: (content) => ws.send(`42["chat message","${content}"]`),
        ping: () => ws.send('2'),
        close: () => ws.close(),
      });
    });
  });
}
