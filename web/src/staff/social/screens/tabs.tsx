// Tabs as the ARIA pattern has them: a tablist whose arrow keys move between tabs, one panel.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export function Tabs(props: {
  label: string;
  tabs: { id: string; label: string }[];
  current: string;
  onSelect: (id: string) => void;
  children: ComponentChildren;
}) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent) => {
    const index = props.tabs.findIndex((tab) => tab.id === props.current);
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: props.tabs.length - 1 - index }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = props.tabs[(index + step + props.tabs.length) % props.tabs.length]!;
    props.onSelect(next.id);
    queueMicrotask(() => list.current?.querySelector<HTMLElement>(`#tab-${next.id}`)?.focus());
  };
  return (
    <div class="tabs">
      <div role="tablist" aria-label={props.label} ref={list} onKeyDown={move}>
        {props.tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === props.current}
            aria-controls="tab-panel"
            tabIndex={tab.id === props.current ? 0 : -1}
            onClick={() => props.onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="tab-panel" aria-labelledby={`tab-${props.current}`} tabIndex={0}>
        {props.children}
      </div>
    </div>
  );
}
