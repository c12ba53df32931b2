import { Tooltip } from '@mui/material';
import {
  cloneElement,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type FocusEvent,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
  type TouchEvent,
} from 'react';

/**
 * Marks an element whose tooltip the enclosing `TooltipHost` shows: spread it onto the element.
 * `enterDelay`: how long a hover waits, when not MUI Tooltip's default.
 */
export const tooltip = (title: string, enterDelay?: number) => ({
  'data-tooltip': title,
  ...(enterDelay === undefined ? {} : { 'data-tooltip-delay': String(enterDelay) }),
});

/**
 * The data grid's `baseTooltip` slot: the tooltips of its column headers and toolbar buttons
 * shown by the enclosing `TooltipHost`, instead of a Tooltip each mounted with the grid. As MUI's
 * Tooltip does, a title in words names an element that has no name of its own.
 */
export function HostedTooltip({
  title,
  enterDelay,
  children,
}: {
  title: ReactNode;
  enterDelay?: number;
  children: ReactElement<{ 'aria-label'?: string }>;
}) {
  if (typeof title !== 'string' || title === '') return children;
  return cloneElement(children, {
    'aria-label': children.props['aria-label'] ?? title,
    ...tooltip(title, enterDelay),
  });
}

const MARKED = '[data-tooltip]';
// MUI Tooltip's own delays.
const ENTER_DELAY_MS = 100;
const TOUCH_DELAY_MS = 700;
const TOUCH_LEAVE_DELAY_MS = 1500;

interface Shown {
  open: boolean;
  anchor: HTMLElement;
  title: string;
  /** The element the tooltip describes while shown: the focused one, or the anchor. */
  described: HTMLElement;
}

const marked = (target: EventTarget | null) =>
  target instanceof Element ? target.closest<HTMLElement>(MARKED) : null;

/**
 * One tooltip for every element inside marked with `tooltip(title)`, shown as MUI's Tooltip shows
 * its own: on hover after a moment, on keyboard focus (of the element, or of a grid cell that
 * holds one), on a long touch; hidden on leaving, blur, Escape or scrolling. While shown it
 * describes the element (`aria-describedby`). A grid page mounts all its rows at once, and a
 * Tooltip of its own on each cell and row button was about a fifth of the time it took to show
 * the next page.
 */
export function TooltipHost({ children }: { children: ReactNode }) {
  const id = useId();
  const host = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const later = (ms: number, then: () => void) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(then, ms);
  };
  const show = (anchor: HTMLElement, described = anchor) => {
    clearTimeout(timer.current);
    const title = anchor.dataset.tooltip ?? '';
    if (title) setShown({ open: true, anchor, title, described });
  };
  // The anchor and title stay while the tooltip fades out.
  const hide = useCallback(() => {
    clearTimeout(timer.current);
    setShown((s) => (s?.open ? { ...s, open: false } : s));
  }, []);
  const isOpen = shown?.open ?? false;

  useEffect(() => {
    const element = host.current;
    if (!element || !isOpen) return;
    // Scrolling moves or replaces the rows under the tooltip.
    element.addEventListener('scroll', hide, { capture: true, passive: true });
    return () => element.removeEventListener('scroll', hide, { capture: true });
  }, [isOpen, hide]);
  useEffect(() => {
    if (!shown?.open) return;
    const { described } = shown;
    described.setAttribute('aria-describedby', id);
    return () => described.removeAttribute('aria-describedby');
  }, [shown, id]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onMouseOver = (event: MouseEvent) => {
    const anchor = marked(event.target);
    if (!anchor || (isOpen && shown?.anchor === anchor)) return;
    // From one marked element straight to the next, the tooltip follows at once.
    if (isOpen) show(anchor);
    else later(Number(anchor.dataset.tooltipDelay ?? ENTER_DELAY_MS), () => show(anchor));
  };
  const onMouseOut = (event: MouseEvent) => {
    const anchor = marked(event.target);
    const to = event.relatedTarget;
    if (!anchor || (to instanceof Node && anchor.contains(to))) return;
    // Onto the tooltip itself, it stays (its own listeners close it on leaving).
    if (to instanceof Element && to.closest(`[id="${CSS.escape(id)}"]`)) return;
    hide();
  };
  const onFocus = (event: FocusEvent) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || !target.matches(':focus-visible')) return;
    const anchor = target.matches(MARKED)
      ? target
      : target.getAttribute('role') === 'gridcell'
        ? target.querySelector<HTMLElement>(MARKED)
        : null;
    if (anchor) show(anchor, target);
    else hide();
  };
  const onBlur = (event: FocusEvent) => {
    if (shown?.described === event.target) hide();
  };
  const onTouchStart = (event: TouchEvent) => {
    const anchor = marked(event.target);
    if (anchor) later(TOUCH_DELAY_MS, () => show(anchor));
  };
  const onTouchEnd = () => {
    if (isOpen) later(TOUCH_LEAVE_DELAY_MS, hide);
    else clearTimeout(timer.current);
  };

  return (
    <div
      ref={host}
      style={{ display: 'contents' }}
      onMouseOver={onMouseOver}
      onMouseOut={onMouseOut}
      onFocus={onFocus}
      onBlur={onBlur}
      onTouchStart={onTouchStart}
      onTouchEnd={onTouchEnd}
      onTouchMove={onTouchEnd}
    >
      {children}
      <Tooltip
        id={id}
        title={shown?.title ?? ''}
        open={isOpen}
        onClose={hide}
        slotProps={{ popper: { anchorEl: shown?.anchor ?? null } }}
      >
        <span hidden />
      </Tooltip>
    </div>
  );
}
