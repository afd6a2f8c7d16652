import { useEffect, useMemo } from 'preact/hooks';
import type { PanelContext } from '../store/composer-actions';
import { workerLabel } from './label';
import { createWorkersStore } from './store';

export const DEBUGGING_NOTICE =
  'While this is on, the browser shows a bar saying that Socket.IO Inspector started debugging this browser.';

/**
 * "Capture workers": the traffic of the tab's dedicated, shared and service workers, through the browser's debugger,
 * while this panel inspects the tab. Where the browser has no debugger for extensions, says so instead.
 */
export function WorkersSwitch({ context }: { context: Pick<PanelContext, 'tabId' | 'bridge'> }) {
  const store = useMemo(() => createWorkersStore(context.tabId, context.bridge), [context.tabId, context.bridge]);
  useEffect(() => store.listen(), [store]);
  const state = store.state.value;
  if (!state) return null;
  if (state.state === 'unavailable') {
    return <span class="workers-note">{`Capture workers: ${state.reason ?? 'not available in this browser'}`}</span>;
  }
  const on = state.state === 'on';
  const workers = state.workers.map(workerLabel).join(', ');
  return (
    <>
      <label title={DEBUGGING_NOTICE}>
        <input
          type="checkbox"
          role="switch"
          aria-describedby="workers-status"
          checked={on}
          onChange={(event) => store.set(event.currentTarget.checked)}
        />
        Capture workers
      </label>
      <span id="workers-status" class="workers-note" role="status">
        {on
          ? `${DEBUGGING_NOTICE} Workers: ${workers || 'none yet'}.`
          : state.reason
            ? `Capture workers went off: ${state.reason}.`
            : ''}
      </span>
    </>
  );
}
