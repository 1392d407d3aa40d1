// The end of a paged list: the next page when it scrolls into view, or by this button (for the
// keyboard); a line saying the list is complete once it is.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../shared/i18n/i18n';
import { m } from '../messages';
import type { Pages } from '../use-pages';

function inView(element: Element): boolean {
  const box = element.getBoundingClientRect();
  return box.top < window.innerHeight && box.bottom > 0;
}

export function MoreButton<T>({ pages, label, end }: { pages: Pages<T>; label: string; end: string }) {
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = sentinel.current;
    if (!target || !pages.hasMore) return;
    // An observer's report can be older than the page: one made while the list was empty may
    // arrive after the first page is drawn and has pushed the end out of view. So the end's place
    // is read again, and it alone decides whether the next page is asked for.
    const observer = new IntersectionObserver(() => inView(target) && void pages.more());
    observer.observe(target);
    return () => observer.disconnect();
  }, [pages.hasMore, pages.items.length]);
  return (
    <>
      {pages.problem && <p role="alert">{pages.problem}</p>}
      <p class="muted" role="status">
        {pages.loading ? t('app.loading') : m('timeline.count', { count: pages.items.length })}
      </p>
      <div ref={sentinel}>
        {pages.hasMore ? (
          <button type="button" class="secondary" disabled={pages.loading} onClick={() => void pages.more()}>
            {label}
          </button>
        ) : (
          pages.items.length > 0 && <p>{end}</p>
        )}
      </div>
    </>
  );
}
