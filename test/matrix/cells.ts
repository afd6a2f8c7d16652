/**
 * The compatibility matrix: socket.io versions x transports (rows) and features (columns), and which cells cannot
 * exist, with the reason. The e2e test (test/e2e/matrix.test.ts) checks every other cell; the README table
 * (test/matrix/table.ts) is written from its results.
 */

export type FlavourName = '1.7' | '2.x' | '3.x' | '4.x' | '4.x server + 2.x client';
export type TransportName = 'default' | 'websocket' | 'polling' | 'fetch' | 'jsonp' | 'base64' | 'path';
export type FeatureName =
  | 'acks'
  | 'binary'
  | 'namespaces'
  | 'refused'
  | 'server-disconnect'
  | 'two-sockets'
  | 'iframe'
  | 'reload'
  | 'msgpack'
  | 'recovery';

export interface Flavour {
  name: FlavourName;
  /** The npm alias of the server and of the browser client. */
  server: 'socket.io-v1' | 'socket.io-v2' | 'socket.io-v3' | 'socket.io-v4';
  client: 'socket.io-client-v1' | 'socket.io-client-v2' | 'socket.io-client-v3' | 'socket.io-client-v4';
  /** The Engine.IO protocol the client speaks. */
  eio: 3 | 4;
}

export const FLAVOURS: Flavour[] = [
  { name: '1.7', server: 'socket.io-v1', client: 'socket.io-client-v1', eio: 3 },
  { name: '2.x', server: 'socket.io-v2', client: 'socket.io-client-v2', eio: 3 },
  { name: '3.x', server: 'socket.io-v3', client: 'socket.io-client-v3', eio: 4 },
  { name: '4.x', server: 'socket.io-v4', client: 'socket.io-client-v4', eio: 4 },
  { name: '4.x server + 2.x client', server: 'socket.io-v4', client: 'socket.io-client-v2', eio: 3 },
];

export const TRANSPORTS: { name: TransportName; title: string }[] = [
  { name: 'default', title: 'default (polling, then upgrade)' },
  { name: 'websocket', title: 'WebSocket only' },
  { name: 'polling', title: 'XHR polling only' },
  { name: 'fetch', title: 'fetch polling' },
  { name: 'jsonp', title: 'JSONP polling' },
  { name: 'base64', title: 'forceBase64' },
  { name: 'path', title: 'custom path' },
];

export const FEATURES: { name: FeatureName; title: string }[] = [
  { name: 'acks', title: 'acks both ways' },
  { name: 'binary', title: 'nested binary' },
  { name: 'namespaces', title: 'namespaces' },
  { name: 'refused', title: 'refused by middleware' },
  { name: 'server-disconnect', title: 'server disconnect' },
  { name: 'two-sockets', title: 'two sockets' },
  { name: 'iframe', title: 'socket in an iframe' },
  { name: 'reload', title: 'page reload' },
  { name: 'msgpack', title: 'msgpack parser' },
  { name: 'recovery', title: 'state recovery' },
];

/** Why a row (version x transport) does not exist, or undefined when it does. */
export function rowUnavailable(flavour: Flavour, transport: TransportName): string | undefined {
  if (transport === 'fetch' && flavour.client !== 'socket.io-client-v4')
    return 'fetch polling needs socket.io-client 4.8';
  if (transport === 'jsonp' && flavour.eio === 4) return 'JSONP polling was removed in socket.io-client 3';
  return undefined;
}

/** Why a feature cannot be tried on a row, or undefined when it can. */
export function featureUnavailable(flavour: Flavour, feature: FeatureName): string | undefined {
  if (feature === 'msgpack' && flavour.server === 'socket.io-v1') return 'socket.io 1.x has no parser option';
  if (feature === 'msgpack' && flavour.name === '4.x server + 2.x client') {
    return "the 2.x client's socket.io-msgpack-parser 2 sends BINARY_EVENT, which the 4.x server's parser 3 refuses";
  }
  if (feature === 'recovery' && flavour.name !== '4.x')
    return 'connection state recovery needs a socket.io 4.6+ server and client';
  return undefined;
}

export interface Row {
  flavour: Flavour;
  transport: TransportName;
}

/** Every row that exists, in table order. */
export function rows(): Row[] {
  return FLAVOURS.flatMap((flavour) =>
    TRANSPORTS.filter(({ name }) => !rowUnavailable(flavour, name)).map(({ name }) => ({ flavour, transport: name })),
  );
}

export const rowTitle = (row: Row) =>
  `socket.io ${row.flavour.name}, ${TRANSPORTS.find(({ name }) => name === row.transport)!.title}`;

/** The apps that are not Socket.IO: shown raw, or at the Engine.IO level. */
export const PLAIN_APPS = [
  { name: 'ws', title: 'plain `ws` WebSocket app', expectation: 'shown raw, as a plain WebSocket' },
  { name: 'engine.io', title: 'plain Engine.IO app (engine.io 6)', expectation: 'shown at the Engine.IO level' },
] as const;

/** Where the e2e test writes each browser's results (`<browser>.json`), for the table. */
export const RESULTS_DIR = new URL('../../.tmp/matrix/', import.meta.url);

/** One cell's outcome in one browser, as the e2e test records it. */
export interface CellResult {
  row: string;
  feature: FeatureName | 'page' | 'plain';
  browser: 'chromium' | 'firefox';
  passed: boolean;
  /** What failed, for a cell that did not pass. */
  message?: string;
}
