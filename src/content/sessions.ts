/** How many polling sessions a document remembers for the post check (the most recent ones). */
const MAX_SESSIONS = 1024;

/**
 * A polling frame record in the hook's batch text (src/page/serialize.ts writes its keys in this order), its URL as a
 * JSON string literal. Unescaped quotes occur in JSON text only around keys and values, so a payload cannot fake one.
 */
const POLLING_FRAME =
  /\{"kind":"frame","connection":"(?:[^"\\]|\\.)*","transport":"polling","url":("(?:[^"\\]|\\.)*")/g;

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

function urlOf(literal: string): string | undefined {
  try {
    const url: unknown = JSON.parse(literal);
    return typeof url === 'string' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The polling sessions a document's hook recorded (learnt from the URLs of the polling frames in its batches' text,
 * without parsing the rest), so that the relay runs a panel's polling `post` command only on one of them: same
 * origin, path and sid as a recorded polling request.
 */
export function createPollingSessions() {
  const known = new Set<string>();
  return {
    /** Learns the sessions of the polling frames in one batch of the hook. */
    learn(text: string): void {
      if (!text.includes('"transport":"polling"')) return;
      for (const match of text.matchAll(POLLING_FRAME)) {
        const url = urlOf(match[1]);
        const key = url === undefined ? undefined : sessionKey(url);
        if (key === undefined || known.has(key)) continue;
        known.add(key);
        if (known.size > MAX_SESSIONS) known.delete(known.values().next().value!);
      }
    },
    /** Whether a command may post to this URL. */
    allows(url: string): boolean {
      const key = sessionKey(url);
      return key !== undefined && known.has(key);
    },
  };
}
