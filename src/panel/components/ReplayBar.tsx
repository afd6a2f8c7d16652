import type { PanelStores } from '../store';
import type { ReplayActions } from '../replay/actions';
import type { ReplaySpeed } from '../replay/scheduler';
import { isServerEvent } from '../replay/steps';

const SPEEDS: [string, ReplaySpeed][] = [
  ['×1 (recorded timing)', 1],
  ['×2', 2],
  ['×10', 10],
  ['As fast as possible', Infinity],
];

/** The play button's name for the replay's state. */
const playName = { idle: 'Play', done: 'Play again', playing: 'Pause replay', paused: 'Resume' } as const;

/**
 * Replay into the live page: load a session's server side (or add selected server events), then play it at a speed,
 * step by step, pause, resume or stop; and copy the selected session as a Playwright test.
 */
export function ReplayBar(props: { stores: PanelStores; replay: ReplayActions; onCopyTest: () => void }) {
  const { stores, replay, onCopyTest } = props;
  const { scheduler } = replay;
  const state = scheduler.state.value;
  const selected = stores.timeline.selected.value;
  const empty = scheduler.length.value === 0;
  const canStep = !empty && scheduler.position.value < scheduler.length.value;
  return (
    <section class="replay" aria-label="Replay">
      <div role="toolbar" aria-label="Replay controls">
        <button type="button" onClick={() => void replay.loadSessionServerSide()}>
          Replay server side
        </button>
        <button
          type="button"
          disabled={!selected || !isServerEvent(selected.packet)}
          onClick={() => replay.addSelected()}
        >
          Add to replay
        </button>
        <select
          aria-label="Replay speed"
          value={String(replay.speed.value)}
          onChange={(event) => (replay.speed.value = Number(event.currentTarget.value))}
        >
          {SPEEDS.map(([name, speed]) => (
            <option key={name} value={String(speed)}>
              {name}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={empty}
          onClick={() => (state === 'playing' ? scheduler.pause() : scheduler.play(replay.speed.value))}
        >
          {playName[state]}
        </button>
        <button type="button" disabled={!canStep} onClick={() => scheduler.step()}>
          Step
        </button>
        <button type="button" disabled={state === 'idle'} onClick={() => scheduler.stop()}>
          Stop
        </button>
        <span class="toolbar-divider" role="presentation" />
        <button type="button" onClick={onCopyTest}>
          Copy as Playwright test
        </button>
      </div>
      <p role="status" class="replay-status">
        {empty
          ? replay.source.value || 'Nothing to replay: load a session’s server side or add server events'
          : `${scheduler.position.value} of ${scheduler.length.value} delivered (${state}): ${replay.source.value}`}
      </p>
      {scheduler.error.value && (
        <p role="alert" class="error">
          {scheduler.error.value}
        </p>
      )}
    </section>
  );
}
