// Export HAR: the capture as Chrome writes HAR, read back by our own import to the same Socket.IO packets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeCapture } from '../../src/panel/decode/sessions';
import { toJsonValue } from '../../src/protocol';
import { buildHar, serializeHar } from '../../src/panel/export/har';
import { importCapture } from '../../src/panel/import';
import type { CapturedRow } from '../../src/panel/store/capture';
import { binary, capture, text, type CaptureFrame } from './support/capture';
import { captureFrames } from './support/capture-arbitraries';

/** The decoded packets as comparable values: everything but whether the panel injected it (HAR cannot say). */
function packets(rows: readonly CapturedRow[]) {
  return decodeCapture(rows, { rawPreviewLength: Infinity }).packets.map(({ session, packet }) => {
    const { time, ...rest } = toJsonValue({ ...packet }) as Record<string, unknown>;
    return { session: session.id, sid: session.sid, url: session.url, time: Math.round(time as number), ...rest };
  });
}

function roundTrip(rows: readonly CapturedRow[]): CapturedRow[] {
  const text = serializeHar(buildHar(rows)).join('');
  const imported = importCapture(text, 'capture.har');
  assert.ok(imported.ok, imported.ok ? '' : imported.error);
  return imported.rows;
}

/** The parts of a written entry this file reads. */
interface WrittenEntry {
  startedDateTime: string;
  time: number;
  request: { method: string; queryString: unknown; postData: { text: string; _encoding?: string } };
  response: { status: number; content: { text: string } };
  timings: { blocked: number };
  _resourceType: string;
  _webSocketMessages: unknown[];
}

const num = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const obj = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Why Chrome's Network panel would refuse the HAR, read off devtools-frontend's `HARFormat.ts` (each class throws on
 * a value that is not an object, `safeNumber` on a field that is not a number, `safeDate` on a bad date).
 */
function chromeRefuses(har: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => ok || problems.push(what);
  const log = obj(har) ? har['log'] : undefined;
  if (!obj(log)) return ['log is not an object'];
  need(log['version'] === '1.2' && obj(log['creator']) && Array.isArray(log['pages']), 'log version/creator/pages');
  for (const entry of log['entries'] as unknown[]) {
    if (!obj(entry) || !obj(entry['request']) || !obj(entry['response']) || !obj(entry['timings'])) {
      problems.push('entry, request, response or timings is not an object');
      continue;
    }
    const { request, response, timings } = entry;
    need(!Number.isNaN(Date.parse(String(entry['startedDateTime']))) && num(entry['time']), 'startedDateTime, time');
    need(typeof request['url'] === 'string' && num(request['headersSize']) && num(request['bodySize']), 'request');
    need(num(response['status']) && num(response['headersSize']) && num(response['bodySize']), 'response');
    need(obj(response['content']) && num(response['content']['size']), 'response.content.size');
    need(num(timings['send']) && num(timings['wait']) && num(timings['receive']), 'timings');
    const messages = entry['_webSocketMessages'];
    if (messages === undefined) continue;
    need(entry['_resourceType'] === 'websocket' && Array.isArray(messages), 'a websocket entry');
    for (const message of messages as Record<string, unknown>[])
      need(
        ['send', 'receive'].includes(String(message['type'])) &&
          num(message['time']) &&
          [1, 2].includes(message['opcode'] as number) &&
          typeof message['data'] === 'string',
        'a WebSocket message',
      );
  }
  return problems;
}

describe('Export HAR', () => {
  it('writes polling requests with their bodies and WebSockets with their messages, as Chrome does', () => {
    const poll = 'http://127.0.0.1:4000/socket.io/?EIO=3&transport=polling';
    const frames: CaptureFrame[] = [
      {
        connection: 'xhr1',
        url: poll,
        direction: 'received',
        transport: 'polling',
        method: 'GET',
        status: 200,
        payload: text('96:0{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000}2:40'),
      },
      {
        connection: 'xhr2',
        url: `${poll}&sid=abc`,
        direction: 'sent',
        transport: 'polling',
        method: 'POST',
        payload: binary(new Uint8Array([0, 4, 255, 52, 50])),
      },
      {
        connection: 'xhr2',
        url: `${poll}&sid=abc`,
        direction: 'received',
        transport: 'polling',
        method: 'POST',
        status: 200,
        payload: text('ok'),
      },
      {
        connection: 'ws1',
        url: 'ws://127.0.0.1:4000/socket.io/?EIO=3&transport=websocket&sid=abc',
        direction: 'sent',
        transport: 'websocket',
        payload: text('2probe'),
      },
      {
        connection: 'ws1',
        url: 'ws://127.0.0.1:4000/socket.io/?EIO=3&transport=websocket&sid=abc',
        direction: 'received',
        transport: 'websocket',
        payload: binary(new Uint8Array([4, 1, 2])),
      },
    ];
    const rows = capture(frames);
    const har = buildHar(rows);
    assert.deepEqual(chromeRefuses(JSON.parse(serializeHar(har).join(''))), []);
    const [get, post, ws] = har.log.entries as unknown as WrittenEntry[];
    assert.equal(get.request.method, 'GET');
    assert.equal(get.response.content.text, frames[0].payload.text as string);
    assert.deepEqual(get.request.queryString, [
      { name: 'EIO', value: '3' },
      { name: 'transport', value: 'polling' },
    ]);
    assert.equal(post.request.postData.text, 'AAT/NDI=');
    assert.equal(post.request.postData._encoding, 'base64');
    assert.equal(post.response.content.text, 'ok');
    assert.equal(
      Date.parse(post.startedDateTime) + post.timings.blocked,
      rows[1].time,
      'the body went out when captured',
    );
    assert.equal(Date.parse(post.startedDateTime) + post.time, rows[2].time);
    assert.equal(ws._resourceType, 'websocket');
    assert.equal(ws.response.status, 101);
    assert.deepEqual(ws._webSocketMessages, [
      { type: 'send', time: rows[3].time / 1000, opcode: 1, data: '2probe' },
      { type: 'receive', time: rows[4].time / 1000, opcode: 2, data: 'BAEC' },
    ]);
    assert.deepEqual(packets(roundTrip(rows)), packets(rows));
  });

  it('is read back by our import to the same Socket.IO packets, for generated captures', () => {
    fc.assert(
      fc.property(captureFrames, (frames) => {
        const rows = capture(frames);
        const har = JSON.parse(serializeHar(buildHar(rows)).join('')) as unknown;
        assert.deepEqual(chromeRefuses(har), []);
        assert.deepEqual(packets(roundTrip(rows)), packets(rows));
      }),
      { numRuns: Number(process.env.RUNS ?? 100) },
    );
  });

  it('keeps the order of records captured in the same millisecond (Firefox), across connections', () => {
    const poll = 'http://127.0.0.1:4000/socket.io/?EIO=4&transport=polling&sid=abc';
    const ws = 'ws://127.0.0.1:4000/socket.io/?EIO=4&transport=websocket&sid=abc';
    const open = '0{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000}';
    const rows = capture([
      {
        connection: 'xhr1',
        url: poll.replace('&sid=abc', ''),
        direction: 'received',
        transport: 'polling',
        method: 'GET',
        status: 200,
        payload: text(open),
      },
      { connection: 'ws1', url: ws, direction: 'sent', transport: 'websocket', payload: text('2probe') },
      { connection: 'ws1', url: ws, direction: 'received', transport: 'websocket', payload: text('3probe') },
      {
        connection: 'xhr2',
        url: poll,
        direction: 'received',
        transport: 'polling',
        method: 'GET',
        status: 200,
        payload: text('6'),
      },
      { connection: 'ws1', url: ws, direction: 'sent', transport: 'websocket', payload: text('5') },
      {
        connection: 'ws1',
        url: ws,
        direction: 'sent',
        transport: 'websocket',
        payload: text('42["after the upgrade"]'),
      },
    ]).map((row) => (row.kind === 'record' ? { ...row, time: 5000, record: { ...row.record, time: 5000 } } : row));
    const kinds = (list: readonly CapturedRow[]) =>
      decodeCapture(list).packets.map(
        ({ packet }) => `${packet.transport} ${packet.eioType ?? ''} ${packet.event ?? ''}`,
      );
    assert.deepEqual(kinds(roundTrip(rows)), kinds(rows));
    assert.deepEqual(kinds(rows), [
      'polling open ',
      'websocket ping ',
      'websocket pong ',
      'polling noop ',
      'websocket upgrade ',
      'websocket message after the upgrade',
    ]);
  });

  it('writes a long WebSocket in parts that join into one document', () => {
    const frames: CaptureFrame[] = Array.from({ length: 10_000 }, (_, index) => ({
      connection: 'ws1',
      url: 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket',
      direction: index % 2 ? 'sent' : 'received',
      transport: 'websocket',
      payload: text(`42["tick",${index}]`),
    }));
    const parts = serializeHar(buildHar(capture(frames)));
    assert.ok(parts.length > 3, 'the messages are written a few thousand per part');
    const har = JSON.parse(parts.join('')) as { log: { entries: { _webSocketMessages: unknown[] }[] } };
    assert.equal(har.log.entries[0]._webSocketMessages.length, 10_000);
  });
});
