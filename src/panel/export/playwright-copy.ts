import { copyText } from '../clipboard';
import { packetsOfSession } from '../replay/steps';
import type { PanelStores } from '../store';
import { catchUpCapture, notCameText } from '../store/catch-up';
import { playwrightRefusal, playwrightTest } from './playwright';

/**
 * Copies the selected packet's session (else the newest one) as a Playwright test, and says so in the notice. The page
 * the test loads is the session's document, else the root of the session's server.
 */
export function copyPlaywrightTest(stores: PanelStores, copy: (text: string) => void = copyText): Promise<void> {
  return catchUpCapture(stores, (notCame) => {
    const { timeline, capture } = stores;
    const session =
      timeline.selected.value?.session ?? timeline.tracker.sessions.filter((each) => each.engineIo).at(-1);
    const refusal = playwrightRefusal(session);
    if (refusal !== undefined || !session) {
      stores.notice.value = `Copy as Playwright test: ${refusal}`;
      return;
    }
    const pageUrl = capture.documents.value.get(session.documentId)?.url ?? new URL('/', session.url).href;
    copy(playwrightTest(session, packetsOfSession(timeline.entries, session), pageUrl));
    stores.notice.value = `Copied a Playwright test of ${session.id} that loads ${pageUrl}${notCameText(notCame)}`;
  });
}
