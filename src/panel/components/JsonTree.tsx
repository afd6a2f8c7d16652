import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
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
import { childPath } from '../json-search';
import { formatCount } from '../../count-text';

/** What every node of one tree reads: how deep it opens, what a search opened and matched, and the selected node. */
export interface JsonTreeState {
  openDepth: number;
  /** Paths of containers a search opened (its matches are inside). */
  opened: ReadonlySet<string>;
  matches: ReadonlySet<string>;
  selected: string | undefined;
  onSelect: (path: string, value: unknown) => void;
}

const TreeState = createContext<JsonTreeState>({
  openDepth: 2,
  opened: new Set(),
  matches: new Set(),
  selected: undefined,
  onSelect: () => undefined,
});

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

const indent = (depth: number) => ({ paddingLeft: `${depth * 12 + 4}px` });

interface NodeProps {
  value: unknown;
  name?: string;
  depth?: number;
  path?: string;
}

/** A row of the tree: a click selects it (for Copy path and Copy value); a search match is marked. */
function rowProps(state: JsonTreeState, path: string, value: unknown, depth: number, extra = '') {
  const classes = [
    'json-row',
    extra,
    state.matches.has(path) ? 'match' : '',
    state.selected === path ? 'selected' : '',
  ];
  return {
    class: classes.join(' '),
    style: indent(depth),
    'data-path': path,
    onClick: () => state.onSelect(path, value),
  };
}

/**
 * A collapsible JSON value; binary leaves show their size (their bytes are in the Binary tab). Bounded: long strings
 * show a prefix, wide containers their first MAX_CHILDREN children, and nesting stops at MAX_DEPTH levels.
 */
function JsonNode({ value, name, depth = 0, path = '' }: NodeProps) {
  const state = useContext(TreeState);
  const [open, setOpen] = useState(depth < state.openDepth || state.opened.has(path));
  const label = name === undefined ? null : <span class="json-key">{boundedText(name, NAME_CHARS)}: </span>;
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) {
    return (
      <div {...rowProps(state, path, value, depth)}>
        {label}
        <Leaf value={value as LeafValue} />
      </div>
    );
  }
  if (depth >= MAX_DEPTH) {
    return (
      <div {...rowProps(state, path, value, depth, 'json-more')}>
        {label}
        {deeperThan(MAX_DEPTH)}
      </div>
    );
  }
  const { entries, total } = open ? childrenOf(value, MAX_CHILDREN) : { entries: [], total: 0 };
  const inArray = Array.isArray(value);
  const summary = inArray
    ? `Array(${value.length})`
    : `{…} ${formatCount(open ? total : Object.keys(value).length)} keys`;
  return (
    <div class="json-node">
      <div {...rowProps(state, path, value, depth)}>
        <button
          type="button"
          class="json-toggle"
          aria-label={name === undefined ? 'Payload' : boundedText(name, NAME_CHARS)}
          aria-expanded={open}
          onClick={(event) => {
            event.stopPropagation();
            setOpen(!open);
          }}
        >
          {open ? '▾' : '▸'}
        </button>
        {label}
        <span class="json-summary">{summary}</span>
      </div>
      {entries.map(([key, child]) => (
        <JsonNode key={key} name={key} value={child} depth={depth + 1} path={childPath(path, key, inArray)} />
      ))}
      {total > entries.length && (
        <div class="json-row json-more" style={indent(depth + 1)}>
          … {formatCount(total - entries.length)} more
        </div>
      )}
    </div>
  );
}

/** The payload as a tree: `state` says how deep it opens, what a search found, and which node is selected. */
export function JsonTree({ value, state }: { value: unknown; state?: Partial<JsonTreeState> }) {
  const base = useContext(TreeState);
  return (
    <TreeState.Provider value={{ ...base, ...state }}>
      <div class="json-tree">
        <JsonNode value={value} />
      </div>
    </TreeState.Provider>
  );
}
