// The reserved-event rule on the recording of socket.io-client 2.x emitting "disconnecting" to socket.io 4.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose, fixtureRows, linkedPackets, ofRule, openPacket, syntheticCapture } from './support';

describe('reserved-event rule', () => {
  it('the page emitting "disconnecting", which socket.io 4 refuses and closes on', () => {
    const diagnosed = diagnose(fixtureRows('reserved-event'));
    const [problem] = ofRule(diagnosed.list, 'reserved-event');
    assert.equal(problem.title, 'The page emitted the reserved event "disconnecting"');
    assert.match(problem.cause, /socket.io 4 refuses such a packet as invalid and closes the connection/);
    assert.match(problem.fix, /"app:disconnecting"/);
    assert.equal(linkedPackets(diagnosed, problem)[0].event, 'disconnecting');
    assert.equal(ofRule(diagnosed.list, 'disconnect').length, 1, 'and the close that followed');
  });

  it('each reserved name, either way; other names are fine', () => {
    const capture = syntheticCapture();
    capture.ws('w', 'received', openPacket('a', { upgrades: [] }), 0);
    ['connect', 'connect_error', 'newListener', 'removeListener', 'chat', 'disconnected'].forEach((name, at) =>
      capture.ws('w', 'sent', `42${JSON.stringify([name])}`, at + 1),
    );
    capture.ws('w', 'received', '42["disconnect"]', 10);
    const titles = ofRule(diagnose(capture.rows()).list, 'reserved-event').map((problem) => problem.title);
    assert.deepEqual(titles, [
      'The page emitted the reserved event "connect"',
      'The page emitted the reserved event "connect_error"',
      'The page emitted the reserved event "newListener"',
      'The page emitted the reserved event "removeListener"',
      'The server emitted the reserved event "disconnect"',
    ]);
  });
});
