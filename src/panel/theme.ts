import { browser } from '../platform';

/**
 * The panel's look follows the DevTools it lives in: `data-theme` is DevTools' theme (the system's in a tab), and
 * `data-devtools` says whose DevTools' colours and sizes to use, found by a feature only Firefox has
 * (`runtime.getBrowserInfo`), never by the user agent. panel.css keeps each look in CSS variables.
 */
export function applyTheme(root: HTMLElement): void {
  const devtools = browser.devtools?.panels;
  const apply = (theme: string | undefined) => {
    const dark = theme ? theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
    root.dataset['theme'] = dark ? 'dark' : 'light';
  };
  apply(devtools?.themeName);
  devtools?.onThemeChanged?.addListener(apply);
  root.dataset['devtools'] = typeof browser.runtime.getBrowserInfo === 'function' ? 'firefox' : 'chrome';
}

/** Reloads the inspected page: through DevTools when the panel is DevTools' own, else through the tabs API. */
export function reloadTab(tabId: number): void {
  if (browser.devtools?.inspectedWindow?.tabId === tabId) browser.devtools.inspectedWindow.reload({});
  else void browser.tabs.reload(tabId);
}
