/**
 * The one place that knows which browser it runs in. Extension contexts (relay, background, devtools page, panel)
 * reach the WebExtension API through here; the page hook and the protocol decoder never do.
 */
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime } from 'webextension-polyfill';
