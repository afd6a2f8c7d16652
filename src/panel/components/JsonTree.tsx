import { useState } from 'preact/hooks';
import { formatSize } from '../format-packet';

const INITIALLY_OPEN_DEPTH = 2;
const MAX_CHILDREN = 500;

type LeafValue = string | number | boolean | bigint | symbol | null | undefined | Uint8Array;

function Leaf({ value }: { value: LeafValue }) {
  if (value instanceof Uint8Array) return <span class="json-binary">{`<binary ${formatSize(value.byteLength)}>`}</span>;
  if (typeof value === 'string') return <span class="json-string">{JSON.stringify(value)}</span>;
  if (value === undefined) return <span class="json-null">undefined</span>;
  return <span class={`json-${value === null ? 'null' : typeof value}`}>{String(value)}</span>;
}

/** A collapsible JSON value; binary leaves show their size (their bytes are in the hex view). */
export function JsonTree({ value, name, depth = 0 }: { value: unknown; name?: string; depth?: number }) {
  const [open, setOpen] = useState(depth < INITIALLY_OPEN_DEPTH);
  const label = name === undefined ? null : <span class="json-key">{name}: </span>;
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) {
    return (
      <div class="json-row" style={{ paddingLeft: `${depth * 12}px` }}>
        {label}
        <Leaf value={value as LeafValue} />
      </div>
    );
  }
  const entries = Array.isArray(value)
    ? value.map((item: unknown, index) => [String(index), item] as const)
    : Object.entries(value as Record<string, unknown>);
  const summary = Array.isArray(value) ? `Array(${value.length})` : `{…} ${entries.length} keys`;
  return (
    <div class="json-node">
      <div class="json-row" style={{ paddingLeft: `${depth * 12}px` }}>
        <button type="button" class="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'}
        </button>
        {label}
        <span class="json-summary">{summary}</span>
      </div>
      {open &&
        entries
          .slice(0, MAX_CHILDREN)
          .map(([key, child]) => <JsonTree key={key} name={key} value={child} depth={depth + 1} />)}
      {open && entries.length > MAX_CHILDREN && (
        <div class="json-row json-more" style={{ paddingLeft: `${(depth + 1) * 12}px` }}>
          … {entries.length - MAX_CHILDREN} more
        </div>
      )}
    </div>
  );
}
