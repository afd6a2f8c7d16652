import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

const OVERSCAN = 10;
/** Without layout (tests in Node), the viewport is taken to be this tall. */
const FALLBACK_HEIGHT = 600;

/**
 * The rows of a virtualized list that are in view: only rows [first, last) are rendered, inside a scrolling
 * `viewport` whose content is `count * rowHeight` tall. It follows new rows while scrolled to the bottom, and stops
 * following once the user scrolls up. `revision` tells it the rows changed when `count` alone may not.
 */
export function useVirtualWindow<E extends HTMLElement>(count: number, rowHeight: number, revision: unknown) {
  const viewport = useRef<E>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  const following = useRef(true);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    if (element.clientHeight > 0) setHeight(element.clientHeight);
    if (following.current) {
      element.scrollTop = element.scrollHeight;
      setScrollTop(element.scrollTop);
    }
  }, [count, revision]);

  useEffect(() => {
    const element = viewport.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => element.clientHeight > 0 && setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const element = viewport.current!;
    following.current = element.scrollTop + element.clientHeight >= element.scrollHeight - rowHeight;
    setScrollTop(element.scrollTop);
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  return { viewport, onScroll, first, last };
}
