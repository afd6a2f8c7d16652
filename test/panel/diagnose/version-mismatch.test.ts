// The version-mismatch rule on recordings of socket.io-client 2.x against socket.io 4 without allowEIO3, and of
// socket.io-client 4.x against socket.io 2.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose, fixtureRows, linkedPackets, ofRule } from './support';

describe('version-mismatch rule', () => {
  it('an EIO 3 client refused with code 5 by socket.io 4 without allowEIO3: the versions on each side', () => {
    const diagnosed = diagnose(fixtureRows('eio-mismatch'));
    const [problem] = ofRule(diagnosed.list, 'version-mismatch');
    assert.equal(problem.title, 'Engine.IO version mismatch: the client speaks 3, the server 4');
    assert.equal(problem.count, 2, 'each attempt of the reconnecting client');
    assert.match(problem.detail, /EIO=3: socket.io-client 1.x or 2.x/);
    assert.match(problem.detail, /Engine.IO 4 \(socket.io 3.x or 4.x\) without allowEIO3/);
    assert.match(problem.fix, /socket.io-client 4.x.*allowEIO3: true/);
    assert.match(String(linkedPackets(diagnosed, problem)[0].raw), /"code":5/);
    assert.equal(ofRule(diagnosed.list, 'http-error').length, 0, 'code 5 is said once, as the mismatch');
    assert.equal(ofRule(diagnosed.list, 'disconnect').length, 0, 'a handshake refused is no disconnect');
  });

  it('an EIO 4 client answered in Engine.IO 3 framing by socket.io 2', () => {
    const diagnosed = diagnose(fixtureRows('eio-reverse'));
    const [problem] = ofRule(diagnosed.list, 'version-mismatch');
    assert.equal(problem.title, 'Engine.IO version mismatch: the client speaks 4, the server 3');
    assert.match(problem.detail, /Engine.IO 3's payload framing \(\d+:0\{"sid"/);
    assert.match(problem.fix, /Upgrade the server to socket.io 4.*socket.io-client 2.x/);
  });

  it('finds nothing in sessions of matching versions', () => {
    for (const name of ['unanswered-ack', 'silent-heartbeat-v3', 'reserved-event'])
      assert.deepEqual(ofRule(diagnose(fixtureRows(name)).list, 'version-mismatch'), [], name);
  });
});
