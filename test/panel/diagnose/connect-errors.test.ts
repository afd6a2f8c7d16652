// The connect-error rule on the recording of a namespace middleware refusing with new Error("not authorized") and
// data, and on made-up protocol 4 refusals (ERROR: err.data or err.message) and an unknown namespace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose, fixtureRows, linkedPackets, ofRule, openPacket, syntheticCapture } from './support';

const V3_URL = 'http://127.0.0.1:3000/socket.io/?EIO=3&transport=websocket';

describe('connect-error rule', () => {
  it("a middleware's refusal: its message and data, with the CONNECT it answers", () => {
    const diagnosed = diagnose(fixtureRows('refused'));
    const [problem] = ofRule(diagnosed.list, 'connect-error');
    assert.equal(problem.title, 'Namespace "/admin" refused the connection: "not authorized"');
    assert.equal(
      problem.detail,
      'The server answered the page\'s CONNECT to "/admin" with CONNECT_ERROR: message "not authorized", data {"reason":"token expired"}.',
    );
    assert.match(problem.cause, /io\.of\("\/admin"\)\.use\(…\).*next\(new Error\("not authorized"\)\) with err\.data/);
    assert.match(problem.fix, /connect_error/);
    assert.deepEqual(
      linkedPackets(diagnosed, problem).map((packet) => `${packet.direction} ${packet.sioType}`),
      ['sent CONNECT', 'received CONNECT_ERROR'],
    );
  });

  it('protocol 4: ERROR with the message, or with err.data; an unknown namespace', () => {
    const capture = syntheticCapture();
    capture.ws('w', 'received', openPacket('a', { upgrades: [] }), 0, V3_URL);
    capture.ws('w', 'received', '40', 1, V3_URL);
    capture.ws('w', 'sent', '40/admin,', 2, V3_URL);
    capture.ws('w', 'received', '44/admin,"not authorized"', 3, V3_URL);
    capture.ws('w', 'sent', '40/vip,', 4, V3_URL);
    capture.ws('w', 'received', '44/vip,{"code":42}', 5, V3_URL);
    capture.ws('w', 'sent', '40/nope,', 6, V3_URL);
    capture.ws('w', 'received', '44/nope,"Invalid namespace"', 7, V3_URL);
    const problems = ofRule(diagnose(capture.rows()).list, 'connect-error');
    assert.deepEqual(
      problems.map((problem) => problem.title),
      [
        'Namespace "/admin" refused the connection: "not authorized"',
        'Namespace "/vip" refused the connection',
        'Namespace "/nope" refused the connection: "Invalid namespace"',
      ],
    );
    assert.match(problems[1].detail, /with ERROR: data \{"code":42\}/);
    assert.match(problems[2].cause, /no namespace "\/nope"/);
    assert.match(problems[2].fix, /io\.of\("\/nope"\)/);
  });
});
