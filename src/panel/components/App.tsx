import { effect } from '@preact/signals';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { MESSAGE_PROTOCOL_VERSION } from '../../messages';
import { createMockStore } from '../mock/store';
import { createRulesStore } from '../intercept/rules-store';
import { createInterceptStore } from '../intercept/store';
import type { PanelStores } from '../store';
import { browserClock, createReplayActions } from '../replay/actions';
import { applyMessage } from '../store/capture';
import { createComposerActions, type PanelContext } from '../store/composer-actions';
import { diagnoseAsDecoded } from '../store/problems';
import { decodeAsCaptured } from '../store/timeline';
import { ErrorBoundary } from './ErrorBoundary';
import { FrameList } from './FrameList';
import type { DetailsTab } from './PacketDetails';
import { PacketsView } from './PacketsView';
import { ProblemsView } from './ProblemsView';
import { Toolbar } from './Toolbar';
import { paceRendersBy, RENDER_INTERVAL_MS } from '../throttle';

/**
 * The panel attached to one tab: subscribes to its capture (again after every reconnect) and shows it. It renders
 * again only when the toolbar's state changes: the views below follow the stores on their own.
 */
export function App({ context, stores }: { context: PanelContext; stores: PanelStores }) {
  const { tabId, bridge } = context;
  const { capture, timeline } = stores;
  useEffect(() => {
    const stop = bridge.listen((message) => {
      if (message.version === MESSAGE_PROTOCOL_VERSION && message.type !== 'tabs' && message.tabId === tabId) {
        applyMessage(capture, message);
      }
    });
    const stopConnect = bridge.onConnect(() =>
      bridge.send({ type: 'subscribe', version: MESSAGE_PROTOCOL_VERSION, tabId }),
    );
    return () => {
      stop();
      stopConnect();
    };
  }, [tabId, bridge, capture]);
  useEffect(() => decodeAsCaptured(timeline, capture, RENDER_INTERVAL_MS), [timeline, capture]);
  // The page's rate sets how much of its time the panel renders (none where nothing is held: calm).
  useEffect(() => {
    const { flood } = bridge;
    return flood && paceRendersBy(() => flood.perSecond());
  }, [bridge]);
  useEffect(() => diagnoseAsDecoded(stores.problems, timeline, capture), [stores.problems, timeline, capture]);
  const composer = useMemo(() => createComposerActions(context, stores), [context, stores]);
  /** Kept while the views switch: held packets stay listed (and released only by the user or the panel's going). */
  const intercept = useMemo(
    () => createInterceptStore(tabId, bridge, createRulesStore(context.rules, composer.pageOrigin)),
    [tabId, bridge, context.rules, composer],
  );
  useEffect(() => intercept.listen(), [intercept]);
  // Breakpoints and rules act on each packet as it comes: while any is on (or the Hold floods setting is off), the
  // panel holds nothing of a flood.
  useEffect(() => {
    const { flood } = bridge;
    if (!flood) return;
    const acting = () =>
      intercept.breakpoints.value.length > 0 || intercept.rules.rules.value.some((rule) => rule.enabled);
    return effect(() => flood.setExempt(acting() || !capture.holdFloods.value));
  }, [bridge, intercept, capture]);
  const replay = useMemo(() => createReplayActions(context, stores, browserClock), [context, stores]);
  const mocks = useMemo(
    () => context.mocks && createMockStore(context.mocks, tabId, stores),
    [context.mocks, tabId, stores],
  );
  useEffect(() => mocks?.listen(), [mocks]);
  useEffect(() => () => replay.scheduler.stop(), [replay]);
  /** The details' tab, kept while the views switch; a packet shown from a problem opens on its raw frame. */
  const [detailsTab, setDetailsTab] = useState<DetailsTab>('payload');
  useEffect(() => composer.followPageOrigin(), [composer]);
  return (
    <main data-tab-id={tabId} class="app">
      <Toolbar context={context} stores={stores} />
      {stores.view.value === 'frames' ? (
        <ErrorBoundary name="Raw frames">
          <FrameList store={capture} />
        </ErrorBoundary>
      ) : stores.view.value === 'problems' ? (
        <ErrorBoundary name="Problems">
          <ProblemsView
            problems={stores.problems}
            timeline={timeline}
            onShowPacket={(entry) => {
              timeline.selected.value = entry;
              setDetailsTab('raw');
              stores.view.value = 'packets';
            }}
            onShowSession={(id) => {
              stores.filters.session.value = id;
              stores.view.value = 'packets';
            }}
          />
        </ErrorBoundary>
      ) : (
        <PacketsView
          stores={stores}
          context={context}
          composer={composer}
          intercept={intercept}
          replay={replay}
          mocks={mocks}
          detailsTab={detailsTab}
          onDetailsTab={setDetailsTab}
        />
      )}
    </main>
  );
}
