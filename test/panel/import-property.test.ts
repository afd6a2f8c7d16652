// Property: for generated captures with every field (EIO 3 and 4, both parsers, every transport and body form,
// binary, errors, HTTP errors, injected frames, long packets), export → import → export gives the same document.
import { it } from 'node:test';
import fc from 'fast-check';
import { assertRoundTrip, capture } from './support/capture';
import { captureFrames } from './support/capture-arbitraries';

it('export, import, export again gives the same document, for generated captures', () => {
  fc.assert(
    fc.property(captureFrames, (frames) => {
      assertRoundTrip(capture(frames));
    }),
    { numRuns: Number(process.env.RUNS ?? 200) },
  );
});
