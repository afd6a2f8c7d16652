import { useState } from 'preact/hooks';
import {
  boundedText,
  childrenOf,
  deeperThan,
  DETAIL_CHARS,
  MAX_CHILDREN,
  MAX_DEPTH,
  moreCharacters,
  NAME_CHARS,
  splitText,
} from '../bounded';
import { formatSize } from '../format-packet';

const INITIALLY_OPEN_DEPTH = 2;

type LeafValue = string | number | boolean | bigint | symbol | null | undefined | Uint8Array;

function Leaf({ value }: { value: LeafValue }) {
  if (value instanceof Uint8Array) return <span class="json-binary">{`<binary ${formatSize(value.byteLength)}>`}</span>;
  if (typeof value === 'string') {
    const { head, more } = splitText(value, DETAIL_CHARS);
    return (
      <span class="json-string">
        {JSON.stringify(head)}
        {more > 0 && <span class="json-more">{moreCharacters(more)}</span>}
      </span>
    );
  }
  if (value === undefined) return <span class="json-null">undefined</span>;
  return <span class={`json-${value === null ? 'null' : typeof value}`}>{String(value)}</span>;
}

const indent = (depth: number) => ({ paddingLeft: `${depth * 12}px` });

/**
 * A collapsible JSON value; binary leaves show their size (their bytes are in the hex view). Bounded: long strings
 * show a prefix, wide containers their first MAX_CHILDREN children, and nesting stops at MAX_DEPTH levels.
 */
export function JsonTree({ value, name, depth = 0 }: { value: unknown; name?: string; depth?: number }) {
  const [open, setOpen] = useState(depth < INITIALLY_OPEN_DEPTH);
  const label = name === undefined ? null : <span class="json-key">{boundedText(name, NAME_CHARS)}: </span>;
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) {
    return (
      <div class="json-row" style={indent(depth)}>
        {label}
        <Leaf value={value as LeafValue} />
      </div>
    );
  }
  if (depth >= MAX_DEPTH) {
    return (
      <div class="json-row json-more" style={indent(depth)}>
        {label}
        {deeperThan(MAX_DEPTH)}
      </div>
    );
  }
  const { entries, total } = open ? childrenOf(value, MAX_CHILDREN) : { entries: [], total: 0 };
  const summary = Array.isArray(value)
    ? `Array(${value.length})`
    : `{…} ${(open ? total : Object.keys(value).length).toLocaleString('en')} keys`;
  return (
    <div class="json-node">
      <div class="json-row" style={indent(depth)}>
        <button
          type="button"
          class="json-toggle"
          aria-label={name === undefined ? 'Payload' : boundedText(name, NAME_CHARS)}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'}
        </button>
        {label}
        <span class="json-summary">{summary}</span>
      </div>
      {entries.map(([key, child]) => (
        <JsonTree key={key} name={key} value={child} depth={depth + 1} />
      ))}
      {total > entries.length && (
        <div class="json-row json-more" style={indent(depth + 1)}>
          … {(total - entries.length).toLocaleString('en')} more
        </div>
      )}
    </div>
  );
}
