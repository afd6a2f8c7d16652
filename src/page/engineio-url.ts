import { natives } from './natives';

/**
 * Whether an HTTP request URL belongs to an Engine.IO session: it names the Engine.IO protocol (`EIO=`) or the
 * polling transport on one of the default paths. Other HTTP traffic is never recorded.
 */
export function isEngineIoUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new natives.URL(url, natives.document.baseURI);
  } catch {
    return false;
  }
  const query = parsed.searchParams;
  if (query.has('EIO')) return true;
  const transport = query.get('transport');
  if (transport !== 'polling') return false;
  return /\/(socket|engine)\.io\/?$/.test(parsed.pathname);
}

/** The absolute form of a URL, as the page's document resolves it. */
export function absoluteUrl(url: string): string {
  try {
    return new natives.URL(url, natives.document.baseURI).href;
  } catch {
    return String(url);
  }
}
