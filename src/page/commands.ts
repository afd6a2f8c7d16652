import type { InjectedFrame, PageCommand } from '../messages';
import { createConnectionLog } from './batches';
import { queryParam } from './engineio-url';
import { countError } from './errors';
import { bare, call, natives, now, then } from './natives';
import { release } from './intercept';
import { binaryPayload, injectedData, textPayload } from './payload';
import { pollingEntry, pollingError } from './polling';
import { deliverToPolling, isPollingConnection } from './polling-intercept';
import { injectIntoWebTransport } from './webtransport';
import { injectIntoSocket } from './websocket';

let postCount = 0;

/** JSONP sessions (`j=` in the URL) post a form, the others text or, for Engine.IO v3 binary payloads, bytes. */
function contentType(url: string, data: string | Uint8Array): string {
  if (typeof data !== 'string') return 'application/octet-stream';
  return queryParam(url, 'j') !== undefined ? 'application/x-www-form-urlencoded' : 'text/plain;charset=UTF-8';
}

/**
 * A polling POST of the panel's body to the session's URL (which the relay checked is one of this document's polling
 * sessions), from the page (its origin, its cookies), recorded as injected.
 */
function postBody(url: string, frame: InjectedFrame): void {
  const data = injectedData(frame);
  const connection = `inject${++postCount}`;
  const log = createConnectionLog('fetch');
  const request = bare({ url, method: 'POST' });
  const payload = typeof data === 'string' ? textPayload(data) : binaryPayload(data);
  log(pollingEntry(connection, request, 'sent', payload, now(), true));
  const init = bare({
    method: 'POST',
    body: data,
    credentials: 'include' as const,
    headers: bare({ 'content-type': contentType(url, data) }),
  });
  const failed = () => log(pollingError(connection, request, 'injected POST failed', now()));
  void then(
    natives.fetch(url, init),
    (response) => {
      const status = natives.responseStatus(response);
      const body = call(natives.responseArrayBuffer, response);
      void then(
        body,
        (buffer) => {
          const text = textPayload(natives.decodeUtf8(new natives.Uint8Array(buffer)));
          log(pollingEntry(connection, request, 'received', text, now(), true, status));
        },
        failed,
      );
    },
    failed,
  );
}

/** Runs a command of the panel in this document. */
export function runCommand(command: PageCommand): void {
  try {
    if (command.action === 'post') postBody(command.url, command.body);
    else if (command.action === 'release') {
      if (!release(command.hold, command.verdict, command.frames, command.mark)) countError('intercept');
    } else if (command.action === 'deliver' && isPollingConnection(command.connection)) {
      if (!deliverToPolling(command.connection, command.frames)) countError('command');
    } else {
      const webTransport = call(natives.stringSlice, command.connection, 0, 2) === 'wt';
      const inject = webTransport ? injectIntoWebTransport : injectIntoSocket;
      if (!inject(command.action, command.connection, command.frames)) countError('command');
    }
  } catch {
    countError('command');
  }
}
