import { boundedText, NAME_CHARS, PREVIEW_CHARS } from '../bounded';
import type { InterceptLogEntry } from './log';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The verdicts on held packets, newest first: what, how long it was held, and an edited one's original beside it. */
export function InterceptLog({ entries }: { entries: readonly InterceptLogEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <section class="intercept-log" aria-label="Intercepted">
      <ol>
        {entries
          .slice()
          .reverse()
          .map((entry, index) => (
            <li key={entries.length - index}>
              {boundedText(entry.summary, NAME_CHARS)}: {entry.mark}, held {seconds(entry.heldMs)}
              {entry.sent !== undefined && (
                <>
                  {' '}
                  (was <code>{boundedText(entry.original ?? '', PREVIEW_CHARS)}</code>, sent{' '}
                  <code>{boundedText(entry.sent, PREVIEW_CHARS)}</code>)
                </>
              )}
            </li>
          ))}
      </ol>
    </section>
  );
}
