import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isContentToBackground, isPanelToBackground } from '../../src/background/validate';
import { MAX_TALLY } from '../../src/message-guards';
import { MESSAGE_PROTOCOL_VERSION as version } from '../../src/messages';
import { isBackgroundToPanel } from '../../src/panel/validate';

const batch = { kind: 'batch', firstSeq: 0, count: 1, text: '{}' };
const time = 1_733_400_000_000;

describe('the relays keeping a held flood: its messages at each hop', () => {
  it('takes batches that say whether they were kept, and tallies of batch times, from a relay', () => {
    const valid = [
      { type: 'batches', version, documentId: 'd', batches: [batch], dropped: 0, kept: false },
      { type: 'batches', version, documentId: 'd', batches: [batch], dropped: 0, kept: true },
      { type: 'tally', version, documentId: 'd', batches: [{ time, records: 1500, firstSeq: 0 }] },
      { type: 'tally', version, documentId: 'd', batches: [] },
    ];
    for (const message of valid) assert.equal(isContentToBackground(message), true, JSON.stringify(message));
    const invalid = [
      { type: 'batches', version, documentId: 'd', batches: [batch], dropped: 0 },
      { type: 'tally', version, batches: [] },
      { type: 'tally', version, documentId: 'd', batches: [{ time: Infinity, records: 1, firstSeq: 0 }] },
      { type: 'tally', version, documentId: 'd', batches: [{ time, records: -1, firstSeq: 0 }] },
      { type: 'tally', version, documentId: 'd', batches: [null] },
      { type: 'tally', version, documentId: 'd', batches: [{ time, records: 1 }] },
      {
        type: 'tally',
        version,
        documentId: 'd',
        batches: Array(MAX_TALLY + 1).fill({ time, records: 1, firstSeq: 0 }),
      },
    ];
    for (const message of invalid) assert.equal(isContentToBackground(message), false, JSON.stringify(message));
  });

  it('routes a tally to the panel with its tab and frame, checked again there', () => {
    const routed = { tabId: 3, frameId: 0, documentId: 'd', version };
    assert.equal(isBackgroundToPanel({ ...routed, type: 'tally', batches: [{ time, records: 2, firstSeq: 7 }] }), true);
    assert.equal(
      isBackgroundToPanel({ ...routed, type: 'tally', batches: [{ time: 'now', records: 2, firstSeq: 7 }] }),
      false,
    );
    assert.equal(isBackgroundToPanel({ ...routed, type: 'batches', batches: [], dropped: 0, kept: true }), true);
    assert.equal(isBackgroundToPanel({ ...routed, type: 'batches', batches: [], dropped: 0 }), false);
  });

  it("takes how a panel lets the relays keep its tab's records", () => {
    for (const keep of ['no', 'flood', 'all'])
      assert.equal(isPanelToBackground({ type: 'hold', version, keep }), true, keep);
    assert.equal(isPanelToBackground({ type: 'hold', version }), false);
    assert.equal(isPanelToBackground({ type: 'hold', version, on: true }), false, 'of protocol 12');
    assert.equal(isPanelToBackground({ type: 'hold', version, keep: 'more' }), false);
    assert.equal(isPanelToBackground({ type: 'hold', version: version - 1, keep: 'all' }), false);
  });
});
