import type { InjectedFrame, PageCommand } from '../messages';
import { createConnectionLog } from './channel';
import { natives, now } from './natives';
import { binaryPayload, injectedData, textPayload } from './payload';
import { injectIntoSocket } from './websocket';

let postCount = 0;

/** JSONP sessions (`j=` in the URL) post a form, the others text or, for Engine.IO v3 binary payloads, bytes. */
function contentType(url: string, data: string | Uint8Array): string {
  if (typeof data !== 'string') return 'application/octet-stream';
  return new natives.URL(url).searchParams.has('j') ? 'application/x-www-form-urlencoded' : 'text/plain;charset=UTF-8';
}

/** A polling POST of the panel's body to the session's URL, from the page (its origin, its cookies), recorded as injected. */
function post(url: string, frame: InjectedFrame): void {
  const data = injectedData(frame);
  const connection = `inject${++postCount}`;
  const log = createConnectionLog();
  const payload = typeof data === 'string' ? textPayload(data) : binaryPayload(data);
  log({
    kind: 'frame',
    connection,
    transport: 'polling',
    url,
    method: 'POST',
    direction: 'sent',
    payload,
    time: now(),
    injected: true,
  });
  natives
    .fetch(url, {
      method: 'POST',
      body: data,
      credentials: 'include',
      headers: { 'content-type': contentType(url, data) },
    })
    .then((response) =>
      response.text().then((text) =>
        log({
          kind: 'frame',
          connection,
          transport: 'polling',
          url,
          method: 'POST',
          direction: 'received',
          payload: textPayload(text),
          time: now(),
          status: response.status,
          injected: true,
        }),
      ),
    )
    .catch(() =>
      log({ kind: 'error', connection, transport: 'polling', message: 'injected POST failed', time: now() }),
    );
}

/** Runs a command of the panel in this document. */
export function runCommand(command: PageCommand): void {
  if (command.action === 'post') post(command.url, command.body);
  else injectIntoSocket(command.action, command.connection, command.frames);
}
