/** The mock server's messages on the hook's private channel (see messages.ts, version 9). */

/** The mock server's messages on the channel: `MockRequest`s of the hook, `MockReply`s of the relay (JSON text). */
export const MOCK_PAGE_EVENT = '__socketio_inspector_mock_page__';
export const MOCK_CONTENT_EVENT = '__socketio_inspector_mock_content__';

/**
 * What the hook asks of the mock server: `open` a WebSocket or make a polling `request` to `url` (answered at once,
 * during the dispatch, by `accepted` when the URL is mocked), then a mocked WebSocket's frames (`send`, binary ones as
 * `binary`) and its `close`.
 */
export type MockRequest =
  | { type: 'open'; connection: string; url: string }
  | { type: 'request'; connection: string; url: string; method: string; body?: string }
  | { type: 'send'; connection: string; data?: string }
  | { type: 'close'; connection: string };

/**
 * The mock server's answers: `accepted`, the server's Engine.IO packets on a WebSocket, a polling response, or
 * `passthrough` for a polling request it held until the armed mocks were known and that is not mocked.
 */
export type MockReply =
  | { type: 'accepted'; connection: string }
  | { type: 'passthrough'; connection: string }
  | { type: 'frames'; connection: string; packets: string[] }
  | { type: 'response'; connection: string; status: number; body: string };
