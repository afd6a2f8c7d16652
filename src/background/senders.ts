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

/** The extension as the checks need it: its id and its pages' origin (`runtime.getURL('')`'s). */
export interface ExtensionIdentity {
  id: string;
  origin: string;
}

function originOf(url: string | undefined): string | undefined {
  try {
    return url === undefined ? undefined : new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** A page of this extension (the panel, in DevTools or in a tab). */
export function isExtensionPage(sender: PortSender | undefined, extension: ExtensionIdentity): boolean {
  return sender?.id === extension.id && originOf(sender.url) === extension.origin;
}

/** A content script of this extension, in a frame of a tab (never an extension page). */
export function isContentScript(sender: PortSender | undefined, extension: ExtensionIdentity): boolean {
  return (
    sender?.id === extension.id &&
    Number.isInteger(sender.tab?.id) &&
    (sender.tab?.id ?? -1) >= 0 &&
    originOf(sender.url) !== extension.origin
  );
}
