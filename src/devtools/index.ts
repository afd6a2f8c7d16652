/** The devtools page: adds the Socket.IO panel to DevTools. */
import { browser } from '../platform';

browser.devtools.panels.create('Socket.IO', '/icons/icon-32.png', '/panel.html').catch(() => undefined);
