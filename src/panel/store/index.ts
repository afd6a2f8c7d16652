import { signal } from '@preact/signals';
import { createCaptureStore } from './capture';
import { createComposerStore } from './composer';
import { createFilterStore } from './filters';
import { createProblemsStore } from './problems';
import { createTimelineStore } from './timeline';

/** All the panel's state: the raw capture, its decoded timeline, the filters and which list is shown. */
export function createPanelStores() {
  return {
    capture: createCaptureStore(),
    timeline: createTimelineStore(),
    filters: createFilterStore(),
    composer: createComposerStore(),
    problems: createProblemsStore(),
    view: signal<'packets' | 'frames' | 'problems'>('packets'),
    /** A one-line message for the user (the result of an import). */
    notice: signal(''),
  };
}

export type PanelStores = ReturnType<typeof createPanelStores>;
