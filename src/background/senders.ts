/**
 * Who may open a port to the background: panels only from the extension's own pages, relays only from content
 * scripts (in a tab). A compromised renderer of a web page can name its port `panel`; it cannot forge its sender.
 */

/** What the browser says about the sender of a port (runtime.MessageSender, the fields read here). */
export interface PortSender {
  id?: string;
  url?: string;
  tab?: { id?: number; incognito?: boolean };
}

/**
 * The extension as the checks need it: its id, and the URL its pages start with (`runtime.getURL('')`, e.g.
 * `chrome-extension://<id>/`; compared as a prefix, not by `URL.origin`, which is "null" for such URLs in some
 * implementations, as for any opaque origin).
 */
export interface ExtensionIdentity {
  id: string;
  baseUrl: string;
}

const isOwnUrl = (url: string | undefined, extension: ExtensionIdentity) =>
  typeof url === 'string' && url.startsWith(extension.baseUrl);

/** A page of this extension (the panel, in DevTools or in a tab). */
export function isExtensionPage(sender: PortSender | undefined, extension: ExtensionIdentity): boolean {
  return sender?.id === extension.id && isOwnUrl(sender.url, extension);
}

/** A content script of this extension, in a frame of a tab (never an extension page). */
export function isContentScript(sender: PortSender | undefined, extension: ExtensionIdentity): boolean {
  const tabId = sender?.tab?.id;
  return sender?.id === extension.id && Number.isInteger(tabId) && tabId! >= 0 && !isOwnUrl(sender.url, extension);
}
