// A WebTransport connection joins the polling session its client names in its first packet (its URL has no sid),
// and its chunks decode into the session's packets, however the stream was cut.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FramePayload } from '../../src/messages';
import { decodeCapture, type SessionPacket } from '../../src/panel/decode/sessions';
import { exportCapture } from '../../src/panel/export/sio-json';
import { importCapture } from '../../src/panel/import';
import type { CapturedRow } from '../../src/panel/store/capture';
import { binary, capture, text, type CaptureFrame } from './support/capture';

const POLLING = 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling';
const WT_URL = 'https://127.0.0.1:3000/socket.io/';
const OPEN = '0{"sid":"abc","upgrades":["webtransport"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

/** A frame of the polling connection `xhr<n>` or of the WebTransport connection `wt1`. */
function frame(
  connection: string,
  transport: 'polling' | 'webtransport',
  direction: 'sent' | 'received',
  payload: FramePayload,
): CaptureFrame {
  const url = transport === 'webtransport' ? WT_URL : `${POLLING}${connection === 'xhr1' ? '' : '&sid=abc'}`;
  return { connection, url, transport, direction, payload };
}
/** Bytes, or the first `bytes.length` of `size` bytes (a chunk kept truncated). */
const bytes = (value: Uint8Array, size = value.length): FramePayload => ({
  ...binary(value),
  size,
  truncated: size > value.length,
});

/** A packet behind its length header (text, or binary with the top bit), as engine.io-parser frames it. */
function framed(packet: string | Uint8Array): Uint8Array {
  const body = typeof packet === 'string' ? new TextEncoder().encode(packet) : packet;
  const flag = typeof packet === 'string' ? 0 : 0x80;
  const header = body.length < 126 ? [flag | body.length] : [flag | 126, body.length >> 8, body.length & 0xff];
  return Uint8Array.from([...header, ...body]);
}

/** The bytes cut into chunks of these sizes, in turn. */
function chunks(wire: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, k = 0; at < wire.length; k++) {
    out.push(wire.subarray(at, at + sizes[k % sizes.length]));
    at += sizes[k % sizes.length];
  }
  return out;
}

function upgradedCapture(receivedSizes: number[]): CapturedRow[] {
  const sent = Uint8Array.from([
    ...framed('0{"sid":"abc"}'),
    ...framed('2probe'),
    ...framed('5'),
    ...framed('42["hi",1]'),
  ]);
  const received = Uint8Array.from([
    ...framed('3probe'),
    ...framed('451-["bin",{"_placeholder":true,"num":0}]'),
    ...framed(Uint8Array.of(1, 2, 3)),
    ...framed(`42["long","${'x'.repeat(300)}"]`),
  ]);
  return capture([
    frame('xhr1', 'polling', 'received', text(OPEN)),
    frame('xhr2', 'polling', 'sent', text('40')),
    frame('xhr3', 'polling', 'received', text('40{"sid":"s1"}')),
    // The page writes each header and each packet as chunks of their own.
    ...chunks(sent, [1, 14, 1, 6, 1, 1, 1, 10]).map((chunk) => frame('wt1', 'webtransport', 'sent', bytes(chunk))),
    ...chunks(received, receivedSizes).map((chunk) => frame('wt1', 'webtransport', 'received', bytes(chunk))),
  ]);
}

/** Each packet as transport, direction, Engine.IO and Socket.IO types, and flag. */
const summarize = (packets: SessionPacket[]) =>
  packets.map(({ packet }) => [
    packet.transport,
    packet.direction,
    packet.eioType,
    packet.sioType ?? null,
    packet.error ?? null,
  ]);

describe('WebTransport sessions', () => {
  for (const sizes of [[1], [3, 7], [1000]]) {
    it(`joins the polling session by the sid of its first packet and decodes chunks of ${sizes.join(', ')} bytes`, () => {
      const { sessions, packets } = decodeCapture(upgradedCapture(sizes));
      assert.equal(sessions.length, 1);
      const [session] = sessions;
      assert.deepEqual(session.transports, ['polling', 'webtransport']);
      assert.equal(session.websocket, 'wt1');
      assert.ok(session.upgradedAt !== undefined);
      assert.deepEqual(summarize(packets), [
        ['polling', 'received', 'open', null, null],
        ['polling', 'sent', 'message', 'CONNECT', null],
        ['polling', 'received', 'message', 'CONNECT', null],
        ['webtransport', 'sent', 'open', null, null],
        ['webtransport', 'sent', 'ping', null, null],
        ['webtransport', 'sent', 'upgrade', null, null],
        ['webtransport', 'sent', 'message', 'EVENT', null],
        ['webtransport', 'received', 'pong', null, null],
        ['webtransport', 'received', 'message', 'BINARY_EVENT', null],
        ['webtransport', 'received', 'message', 'EVENT', null],
      ]);
      assert.equal(session.decoder.info.open?.pingInterval, 25000, 'the client’s open packet names, it does not open');
      const binary = packets.find(({ packet }) => packet.sioType === 'BINARY_EVENT')!.packet;
      assert.deepEqual(binary.args, [Uint8Array.of(1, 2, 3)]);
    });
  }

  it('a chunk kept truncated flags its packet and stops decoding that direction', () => {
    const rows = capture([
      frame('wt1', 'webtransport', 'sent', bytes(framed('0{"sid":"zz"}'))),
      frame('wt1', 'webtransport', 'received', bytes(framed('42["a"]').subarray(0, 4), 9)),
      frame('wt1', 'webtransport', 'received', bytes(framed('42["b"]'))),
    ]);
    const { sessions, packets } = decodeCapture(rows);
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0].sid, 'zz');
    const received = packets.filter(({ packet }) => packet.direction === 'received').map(({ packet }) => packet);
    assert.equal(received.length, 1);
    assert.equal(received[0].errorKind, 'bad-payload');
    assert.match(received[0].error!, /were not captured/);
  });

  it('a connection whose first packet names no session is a session of its own', () => {
    const { sessions, packets } = decodeCapture(
      capture([frame('wt1', 'webtransport', 'sent', bytes(framed('42["x"]')))]),
    );
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0].sid, undefined);
    assert.equal(packets[0].packet.event, 'x');
  });

  it('an export of a WebTransport session imports as the same session and packets', () => {
    const rows = upgradedCapture([5]);
    const exported = exportCapture(rows, new Date(0)).join('');
    const imported = importCapture(exported, 'wt.sio.json');
    assert.ok(imported.ok, imported.ok ? '' : imported.error);
    assert.deepEqual(imported.warnings, []);
    const before = decodeCapture(rows);
    const after = decodeCapture(imported.rows);
    assert.deepEqual(summarize(after.packets), summarize(before.packets));
    assert.deepEqual(
      after.sessions.map((session) => [session.sid, session.transports]),
      [['abc', ['polling', 'webtransport']]],
    );
  });
});
