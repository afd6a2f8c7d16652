import type { RelayedRecord } from '../messages';

/** How many polling sessions a document remembers for the post check (the most recent ones). */
const MAX_SESSIONS = 1024;

/** The key of a polling session: its URL's origin and path, and its sid; undefined for a URL without a sid. */
function sessionKey(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    const sid = parsed.searchParams.get('sid');
    return sid ? `${parsed.origin}${parsed.pathname}?sid=${sid}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The polling sessions a document's hook recorded (learnt from the records the relay reads), so that the relay runs a
 * panel's polling `post` command only on one of them: same origin, path and sid as a recorded polling request.
 */
export function createPollingSessions() {
  const known = new Set<string>();
  return {
    learn(record: RelayedRecord): void {
      if (record.kind !== 'frame' || record.transport !== 'polling' || record.injected) return;
      const key = sessionKey(record.url);
      if (key === undefined || known.has(key)) return;
      known.add(key);
      if (known.size > MAX_SESSIONS) known.delete(known.values().next().value!);
    },
    /** Whether a command may post to this URL. */
    allows(url: string): boolean {
      const key = sessionKey(url);
      return key !== undefined && known.has(key);
    },
  };
}
