import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientSnippet, serverSnippet, socketIdOf } from '../../src/panel/snippets';
import type { TimelinePacket } from '../../src/panel/store/timeline';
import { decodedStores, OPEN, WS_URL, wsBinary, wsFrame } from './records';

/** The timeline of one WebSocket session at `url` that received and sent `texts` (binary frames as Uint8Array). */
function timeline(url: string, frames: ['sent' | 'received', string | Uint8Array][]) {
  const stores = decodedStores(
    frames.map(([direction, data], seq) => ({
      ...(typeof data === 'string' ? wsFrame(seq, direction, data) : wsBinary(seq, direction, data)),
      url,
    })),
  );
  const events = stores.timeline.entries.filter(
    (entry): entry is TimelinePacket => entry.kind === 'packet' && entry.packet.event !== undefined,
  );
  return { entries: stores.timeline.entries, events };
}

describe('Copy as code', () => {
  it('writes the socket.io-client emit, with an ack callback when the packet had an ack id', () => {
    const { events } = timeline(WS_URL, [
      ['received', OPEN],
      ['sent', '40'],
      ['sent', '4212["chat message","hi",{"n":1}]'],
      ['sent', '42/admin,["kick",7]'],
    ]);
    assert.equal(
      clientSnippet(events[0].packet),
      [
        '// socket.io-client',
        'const socket = io();',
        'socket.emit("chat message", "hi", {"n":1}, (...response) => {',
        '  console.log(response);',
        '});',
      ].join('\n'),
    );
    assert.equal(
      clientSnippet(events[1].packet),
      ['// socket.io-client, namespace /admin', 'const socket = io("/admin");', 'socket.emit("kick", 7);'].join('\n'),
    );
  });

  it("writes the server's emit to the client's socket id in its namespace, binary as a Buffer", () => {
    const { entries, events } = timeline(WS_URL, [
      ['received', OPEN],
      ['sent', '40/admin,'],
      ['received', '40/admin,{"sid":"admin-socket-id"}'],
      ['received', '451-/admin,9["file",{"_placeholder":true,"num":0}]'],
      ['received', new Uint8Array([1, 2, 3])],
    ]);
    const [file] = events;
    assert.equal(socketIdOf(entries, file), 'admin-socket-id');
    assert.equal(
      serverSnippet(file.packet, socketIdOf(entries, file)),
      [
        "// socket.io server: to this client's socket",
        'io.of("/admin").to("admin-socket-id").emit("file", Buffer.from("AQID", "base64"));',
        '// or, in io.of("/admin").on("connection", (socket) => { … }):',
        'socket.emit("file", Buffer.from("AQID", "base64"), (...response) => {',
        '  console.log(response);',
        '});',
      ].join('\n'),
    );
    assert.match(clientSnippet(file.packet), /Uint8Array\.from\(atob\("AQID"\), \(c\) => c\.charCodeAt\(0\)\)/);
  });

  it('takes the socket id of a protocol 4 session from its Engine.IO sid, or says it was not captured', () => {
    const v3 = WS_URL.replace('EIO=4', 'EIO=3');
    const { entries, events } = timeline(v3, [
      ['received', OPEN],
      ['received', '40'],
      ['received', '40/admin'],
      ['received', '42["a"]'],
      ['received', '42/admin,["b"]'],
    ]);
    assert.equal(socketIdOf(entries, events[0]), 'abc');
    assert.equal(socketIdOf(entries, events[1]), '/admin#abc');
    const unknown = timeline(WS_URL, [['received', '42["x"]']]);
    assert.equal(socketIdOf(unknown.entries, unknown.events[0]), undefined);
    assert.match(serverSnippet(unknown.events[0].packet, undefined), /its id was not captured\)\nio\.to\(socketId\)/);
  });
});
