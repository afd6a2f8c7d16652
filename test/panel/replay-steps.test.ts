import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Packet } from '../../src/protocol/types';
import { MAX_REPLAY_STEPS, selectSteps } from '../../src/panel/replay/steps';

/** A decoded Socket.IO packet of this direction and type. */
function packet(direction: 'sent' | 'received', sioType: Packet['sioType'], event?: string, error?: string): Packet {
  const made = new Packet(0, direction, 'websocket', 5, 'socket.io', 10, '');
  made.sioType = sioType;
  made.event = event;
  made.args = [Uint8Array.of(1)];
  made.ackId = event === 'ask' ? 3 : undefined;
  made.error = error;
  return made;
}

describe('replay steps', () => {
  it("keeps the server's EVENTs only: not the page's, not CONNECTs or ACKs, not flagged packets", () => {
    const { steps, leftOut } = selectSteps([
      packet('received', 'CONNECT'),
      packet('sent', 'EVENT', 'mine'),
      packet('received', 'EVENT', 'news'),
      packet('received', 'ACK'),
      packet('received', 'BINARY_EVENT', 'ask'),
      packet('received', 'EVENT', 'broken', 'Invalid JSON'),
    ]);
    assert.equal(leftOut, 0);
    assert.deepEqual(steps, [
      { time: 5, namespace: '/', event: 'news', args: [Uint8Array.of(1)], wantsAck: false },
      { time: 5, namespace: '/', event: 'ask', args: [Uint8Array.of(1)], wantsAck: true },
    ]);
  });

  it('keeps at most MAX_REPLAY_STEPS and counts the events it left out', () => {
    const many = Array.from({ length: MAX_REPLAY_STEPS + 3 }, () => packet('received', 'EVENT', 'tick'));
    const { steps, leftOut } = selectSteps(many);
    assert.equal(steps.length, MAX_REPLAY_STEPS);
    assert.equal(leftOut, 3);
  });
});
