'use client';

import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';

/** Which sides of a scroll container hold content out of view. */
export type SideOverflow = { left: boolean; right: boolean };

const NONE: SideOverflow = { left: false, right: false };

/**
 * Watches a scroll container's sideways overflow: as it scrolls, as it or its content changes size
 * (a narrower window, a longer value, a column added). `rendered`: false while the container is
 * left out of the page (an empty list's grid), so it is watched again once it is back.
 */
export function useSideOverflow(ref: RefObject<HTMLElement | null>, rendered = true): SideOverflow {
  const [overflow, setOverflow] = useState(NONE);
  useEffect(() => {
    const element = ref.current;
    if (!element) {
      setOverflow(NONE);
      return;
    }
    const measure = () => {
      // A pixel of slack: zoomed pages report fractional widths.
      const left = element.scrollLeft > 1;
      const right = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      setOverflow((current) => (current.left === left && current.right === right ? current : { left, right }));
    };
    const sizes = new ResizeObserver(measure);
    const observeChildren = () => {
      for (const child of element.children) sizes.observe(child);
    };
    sizes.observe(element);
    observeChildren();
    // A child replaced (a table rendered anew) is watched too.
    const children = new MutationObserver(() => {
      observeChildren();
      measure();
    });
    children.observe(element, { childList: true });
    element.addEventListener('scroll', measure, { passive: true });
    measure();
    return () => {
      element.removeEventListener('scroll', measure);
      children.disconnect();
      sizes.disconnect();
    };
  }, [ref, rendered]);
  return overflow;
}

/**
 * The cue of a container that scrolls sideways: a shadow on each side with more content, and a
 * sentence above it saying so, both only while there is more to see.
 */
export function SideScrollFrame({
  overflow,
  hintId,
  children,
}: {
  overflow: SideOverflow;
  hintId: string;
  children: ReactNode;
}) {
  return (
    <div className="side-scroll">
      {(overflow.left || overflow.right) && (
        <p id={hintId} className="hint side-scroll-hint">
          Scroll sideways to see more columns.
        </p>
      )}
      <div
        className="side-scroll-frame"
        data-more-left={overflow.left || undefined}
        data-more-right={overflow.right || undefined}
      >
        {children}
      </div>
    </div>
  );
}

/**
 * A table wider than the page scrolls inside this, with the cue above. While it overflows it is a
 * named region in the Tab order, so a keyboard scrolls it with the arrow keys.
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  const viewport = useRef<HTMLDivElement>(null);
  const overflow = useSideOverflow(viewport);
  const hintId = useId();
  const overflowing = overflow.left || overflow.right;
  return (
    <SideScrollFrame overflow={overflow} hintId={hintId}>
      <div
        ref={viewport}
        className="side-scroll-viewport"
        role="region"
        aria-label={label}
        aria-describedby={overflowing ? hintId : undefined}
        // A table that fits needs no Tab stop of its own; its links and fields have theirs.
        tabIndex={overflowing ? 0 : undefined}
      >
        {children}
      </div>
    </SideScrollFrame>
  );
}
