/** How many polling sessions a document remembers for the post check (the most recent ones). */
const MAX_SESSIONS = 1024;

/**
 * A batch's table of connections (after its records, see PageToContent), and a polling connection's URL in it, as a
 * JSON string literal. Unescaped quotes occur in JSON text only around keys and values, so a payload cannot fake one.
 */
const CONNECTIONS = '],"connections":{';
const POLLING_URL = /"transport":"polling","url":("(?:[^"\\]|\\.)*")/g;

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
 * The polling sessions a document's hook recorded (learnt from the URLs of the polling connections its batches' text
 * describes, without parsing the rest), so that the relay runs a panel's polling `post` command only on one of them: same
 * origin, path and sid as a recorded polling request.
 */
export function createPollingSessions() {
  const known = new Set<string>();
  return {
    /** Learns the sessions of the polling frames in one batch of the hook. */
    learn(text: string): void {
      const table = text.lastIndexOf(CONNECTIONS);
      if (table < 0) return;
      for (const match of text.slice(table).matchAll(POLLING_URL)) {
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
