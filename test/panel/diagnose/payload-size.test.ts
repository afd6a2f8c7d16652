// The payload-size rule on the recording of emits of 9,500 and 20,000 bytes to a server with maxHttpBufferSize
// 10,000, and on a made-up polling POST whose packets add up beyond it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose, fixtureRows, linkedPackets, ofRule, openPacket, POLLING_URL, syntheticCapture } from './support';

describe('payload-size rule', () => {
  it("a message close to the server's maxPayload, and one beyond it", () => {
    const diagnosed = diagnose(fixtureRows('max-payload'));
    const [close, beyond] = ofRule(diagnosed.list, 'payload-size');
    assert.equal(close.title, "The page sent close to the server's maxPayload");
    assert.equal(close.severity, 'warning');
    assert.match(close.detail, /a WebSocket message of 9\.3 kB \("upload"\); the server's maxPayload is 9\.8 kB/);
    assert.equal(beyond.title, "The page sent more than the server's maxPayload");
    assert.equal(beyond.severity, 'error');
    assert.match(beyond.cause, /close code 1009, or HTTP 413/);
    assert.ok(linkedPackets(diagnosed, beyond)[0].size > 20_000);
  });

  it('a polling POST body counts as one message: its packets add up', () => {
    const capture = syntheticCapture();
    capture.poll('h', 'received', openPacket('abc', { maxPayload: 1000 }), 0);
    const body = [
      '42["a","' + 'x'.repeat(400) + '"]',
      '42["b","' + 'y'.repeat(400) + '"]',
      '42["c","' + 'z'.repeat(400) + '"]',
    ];
    capture.poll('p', 'sent', body.join('\u001e'), 10, `${POLLING_URL}&sid=abc`);
    const problems = ofRule(diagnose(capture.rows()).list, 'payload-size');
    assert.equal(problems.at(-1)?.title, "The page sent more than the server's maxPayload");
    assert.match(problems.at(-1)!.detail, /a polling POST body of 1\.2 kB \("a", "b", "c"\)/);
  });
});
