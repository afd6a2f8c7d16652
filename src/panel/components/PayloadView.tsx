import { useMemo, useState } from 'preact/hooks';
import { stringifyJson } from '../../protocol';
import { boundedText, NAME_CHARS } from '../bounded';
import { copyText } from '../clipboard';
import { toJsonValue } from '../../protocol';
import { expandAllDepth, searchJson } from '../json-search';
import { JsonTree } from './JsonTree';
import { formatCount } from '../../count-text';

const INITIALLY_OPEN_DEPTH = 2;

/** A value as Copy value copies it: a string as its text, anything else as JSON (binary as `{"$binary": …}`). */
const valueText = (value: unknown) =>
  typeof value === 'string' ? value : (stringifyJson(toJsonValue(value)) ?? String(value));

/**
 * The Payload tab: the payload as a JSON tree, with Expand all / Collapse all, a search that opens and marks what it
 * finds (Enter goes to the next match), and Copy path / Copy value of the selected node (a click selects one; the
 * search selects its current match).
 */
export function PayloadView({ payload }: { payload: unknown }) {
  const [openDepth, setOpenDepth] = useState(INITIALLY_OPEN_DEPTH);
  /** Bumped by Expand all and Collapse all, so that every node opens or closes anew. */
  const [generation, setGeneration] = useState(0);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<{ path: string; value: unknown }>({ path: '', value: payload });
  const found = useMemo(() => searchJson(payload, query), [payload, query]);
  const matchPaths = useMemo(() => new Set(found.matches.map((match) => match.path)), [found]);
  const current = found.matches.findIndex((match) => match.path === selected.path);

  const relayout = (depth: number) => {
    setOpenDepth(depth);
    setGeneration(generation + 1);
  };
  const search = (text: string) => {
    setQuery(text);
    const first = searchJson(payload, text).matches[0];
    if (first) setSelected(first);
  };
  const nextMatch = () => {
    if (found.matches.length > 0) setSelected(found.matches[(current + 1) % found.matches.length]);
  };
  const summary = query.trim()
    ? `${found.matches.length === 0 ? 'No' : formatCount(found.matches.length)} match${found.matches.length === 1 ? '' : 'es'}`
    : '';
  return (
    <div class="payload-view">
      <div class="details-toolbar" role="group" aria-label="Payload actions">
        <button type="button" onClick={() => relayout(expandAllDepth(payload))}>
          Expand all
        </button>
        <button type="button" onClick={() => relayout(1)}>
          Collapse all
        </button>
        <span class="toolbar-divider" role="presentation" />
        <input
          type="search"
          aria-label="Search payload"
          placeholder="Search payload"
          value={query}
          onInput={(event) => search(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            nextMatch();
          }}
        />
        {summary && (
          <span class="count" role="status" aria-label="Payload matches">
            {summary}
          </span>
        )}
        <span class="toolbar-divider" role="presentation" />
        <button type="button" disabled={selected.path === ''} onClick={() => copyText(selected.path)}>
          Copy path
        </button>
        <button type="button" onClick={() => copyText(valueText(selected.value))}>
          Copy value
        </button>
        <span class="selected-path" title={selected.path}>
          {selected.path === '' ? '(whole payload)' : boundedText(selected.path, NAME_CHARS)}
        </span>
      </div>
      <JsonTree
        key={`${generation}:${query}`}
        value={payload}
        state={{
          openDepth,
          opened: found.open,
          matches: matchPaths,
          selected: selected.path,
          onSelect: (path, value) => setSelected({ path, value }),
        }}
      />
    </div>
  );
}
