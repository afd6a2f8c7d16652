import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPageCommand, isWireBreakpoints } from '../../src/message-guards';
import { MESSAGE_PROTOCOL_VERSION } from '../../src/messages';
import { isBackgroundToContent, isInterceptText, readIntercept } from '../../src/content/validate';

const version = MESSAGE_PROTOCOL_VERSION;
/** A held packet as the panel gets it, and as the hook writes it (its frames' payloads written as records' are). */
const held = {
  hold: 'h1',
  connection: 'ws1',
  url: 'ws://x/socket.io/?EIO=4&transport=websocket',
  direction: 'sent',
  frames: [
    { text: '42["a"]', size: 7, truncated: false },
    { base64: 'AAE=', size: 5, truncated: true },
  ],
  time: 1,
};
const written = { ...held, frames: [{ text: '42["a"]' }, { base64: 'AAE=', size: 5 }] };

describe('intercept messages at the relay', () => {
  it("reads the hook's news of held and released packets, and refuses malformed ones", () => {
    const text = JSON.stringify({ type: 'intercept', version, held: [written], released: ['h0'] });
    assert.equal(isInterceptText(text), true);
    assert.deepEqual(readIntercept(text), { type: 'intercept', version, held: [held], released: ['h0'] });
    const bad = (change: Record<string, unknown>) =>
      readIntercept(JSON.stringify({ type: 'intercept', version, held: [written], released: [], ...change }));
    assert.equal(bad({ version: version - 1 }), undefined);
    assert.equal(bad({ held: [{ ...written, frames: [] }] }), undefined);
    assert.equal(bad({ held: [{ ...written, direction: 'up' }] }), undefined);
    assert.equal(bad({ held: [{ ...written, frames: [{ text: 'x', base64: 'AA==' }] }] }), undefined);
    assert.equal(bad({ held: [{ ...written, frames: [{ text: 'x', size: -1 }] }] }), undefined);
    assert.equal(bad({ released: [1] }), undefined);
    assert.equal(readIntercept('{"type":"intercept",'), undefined);
    assert.equal(isInterceptText('{"type":"records","version":5}'), false);
  });

  it('takes breakpoints and release commands of the right shape only', () => {
    const breakpoints = [
      { direction: 'sent', eventJson: '"a"', types: [2, 5] },
      { direction: 'both', pattern: 'x' },
    ];
    assert.equal(isBackgroundToContent({ type: 'intercept', version, breakpoints }), true);
    assert.equal(isWireBreakpoints([{ direction: 'sideways' }]), false);
    assert.equal(isWireBreakpoints([{ direction: 'sent', types: [-1] }]), false);
    assert.equal(isWireBreakpoints(Array.from({ length: 101 }, () => ({ direction: 'sent' }))), false);
    assert.equal(isPageCommand({ action: 'release', hold: 'h1', verdict: 'forward' }), true);
    assert.equal(isPageCommand({ action: 'release', hold: 'h1', verdict: 'drop', frames: [{ text: '42[]' }] }), true);
    assert.equal(isPageCommand({ action: 'release', hold: 'h1', verdict: 'keep' }), false);
    assert.equal(isPageCommand({ action: 'release', hold: 'h1', verdict: 'drop', mark: 'answered' }), true);
    assert.equal(isPageCommand({ action: 'release', hold: 'h1', verdict: 'drop', mark: 'lost' }), false);
    assert.equal(isPageCommand({ action: 'release', hold: 1, verdict: 'drop' }), false);
    assert.equal(isPageCommand({ action: 'release', hold: 'h1', verdict: 'forward', frames: [{}] }), false);
  });
});
