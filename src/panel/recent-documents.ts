/**
 * How many documents the panel's bookkeeping per document remembers beyond those its rows refer to. A page makes
 * documents as it goes (reloads, iframes that come and go, workers): a day of them must not grow the panel. A
 * document forgotten is one that many newer documents were active after, with no row left: should it send records
 * again, they are taken as a new document's.
 */
export const RECENT_DOCUMENTS = 1000;

/**
 * Sets `documentId`'s entry of `map` as its newest, and lets the oldest go beyond RECENT_DOCUMENTS entries (a map's
 * order is its insertion's).
 */
export function setRecent<V>(map: Map<string, V>, documentId: string, value: V): void {
  map.delete(documentId);
  map.set(documentId, value);
  if (map.size > RECENT_DOCUMENTS) map.delete(map.keys().next().value!);
}
