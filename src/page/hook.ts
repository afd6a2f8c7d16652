/**
 * The MAIN-world hook, installed at document_start in every frame before any page script. It records raw frames
 * only (decoding happens in the panel), hands them to the relay of this document, and runs the panel's commands
 * (send or deliver frames on a live connection).
 */
import { onPanel, onReady } from './batches';
import { connectToRelay } from './channel';
import { runCommand } from './commands';
import { hookFetch } from './fetch';
import { setBreakpoints } from './intercept';
import { hookJsonp } from './jsonp';
import { listenToMock } from './mock';
import { disguiseProxies } from './replace';
import { hookWebTransport } from './webtransport';
import { hookWebSocket, tellAllUnrecorded } from './websocket';
import { hookXhr } from './xhr';

try {
  connectToRelay({
    ready: onReady,
    panel(listening) {
      if (listening) tellAllUnrecorded();
      onPanel(listening);
    },
    command: runCommand,
    intercept: setBreakpoints,
  });
  listenToMock();
  disguiseProxies();
  hookWebSocket();
  hookWebTransport();
  hookXhr();
  hookFetch();
  hookJsonp();
} catch {
  // A hook that cannot install leaves the page exactly as it was.
}
