import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

const OVERSCAN = 10;
/** Without layout (tests in Node), the viewport is taken to be this tall. */
const FALLBACK_HEIGHT = 600;

/**
 * The rows of a virtualized list that are in view: only rows [first, last) are rendered, inside a scrolling
 * `viewport` whose content is `count * rowHeight` tall. It follows new rows while scrolled to the bottom, and stops
 * following once the user scrolls up. `revision` tells it the rows changed when `count` alone may not.
 * `first + stripeFrom` is even whenever `first` > 0: a list keyed by place in the window and striped by row number
 * then keeps each element's stripe as rows scroll by, and a render restyles none of them for it.
 */
export function useVirtualWindow<E extends HTMLElement>(
  count: number,
  rowHeight: number,
  revision: unknown,
  stripeFrom = 0,
) {
  const viewport = useRef<E | null>(null);
  // The element as state too: a list may render its viewport only once it has rows; its height is watched from then.
  const [element, setElement] = useState<E | null>(null);
  const attach = useCallback((node: E | null) => {
    viewport.current = node;
    setElement(node);
  }, []);
  // An object, so that every scroll renders (a scroll to 0 while following changes what is shown, not the number).
  const [scrolled, setScrolled] = useState({ top: 0 });
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  const following = useRef(true);

  // While following, the window is the last rows (below), and one write of scrollTop, past the end (the browser
  // stops it there), scrolls to them: no DOM read after the new rows went in, which would force a layout of its own.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (element && following.current) element.scrollTop = (count + OVERSCAN) * rowHeight;
  }, [count, revision]);

  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => element.clientHeight > 0 && setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);

  const onScroll = () => {
    const element = viewport.current!;
    const atBottom = element.scrollTop + element.clientHeight >= element.scrollHeight - rowHeight;
    // Its own scroll to the newest rows changes nothing to render (a render then would see more rows, scroll
    // again, and so render at every frame instead of at the pace of its caller).
    if (atBottom && following.current) return;
    following.current = atBottom;
    setScrolled({ top: element.scrollTop });
  };

  /**
   * Scrolls so that row `position` is in view below a header `headerHeight` tall, if it is not, and then stops
   * following: the window moves at once, not at the scroll event (a render before it would follow the newest again).
   */
  const reveal = (position: number, headerHeight = 0) => {
    const element = viewport.current;
    if (!element) return;
    const rowTop = position * rowHeight;
    const view = (element.clientHeight || height) - headerHeight;
    let next = element.scrollTop;
    if (rowTop < next) next = rowTop;
    else if (rowTop + rowHeight > next + view) next = rowTop + rowHeight - view;
    if (next === element.scrollTop) return;
    following.current = false;
    element.scrollTop = next;
    setScrolled({ top: next });
  };

  const top = following.current ? Math.max(0, count * rowHeight - height) : scrolled.top;
  // While following, nothing is above to scroll to smoothly: the window starts with the rows in view.
  const from = Math.max(0, Math.floor(top / rowHeight) - (following.current ? 0 : OVERSCAN));
  const first = from > 0 ? from - ((from + stripeFrom) & 1) : 0;
  const last = Math.min(count, Math.ceil((top + height) / rowHeight) + OVERSCAN);
  return { viewport: attach, element, onScroll, reveal, first, last };
}
