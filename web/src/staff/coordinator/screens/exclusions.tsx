// The coordinator's "I know this person" exclusions, client by client. A social worker or the
// guide adds one, and the guide is then never suggested nor assignable for the client; removing
// one is the coordinator's alone (the server refuses anyone else), here, once it no longer holds:
// the guide can then be suggested again. A removal is asked to be confirmed first.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Client } from '../../../gen/rinnalla/v1/directory_pb';
import type { MatchExclusion } from '../../../gen/rinnalla/v1/matching_pb';
import { matching } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { formatDateTime } from '../../../shared/i18n/i18n';
import type { SectionProps } from '../../section';
import { ClientFinder } from '../../shared/client-finder';
import { clientByName } from '../../shared/client-search';
import { allGuides } from '../../shared/guides-data';
import { wordRefusal } from '../../shared/refusal-words';
import { useCall } from '../../shared/use-call';
import { m } from '../messages';
import '../../desk.css';
import '../coordinator.css';

interface ClientExclusions {
  client: Client;
  exclusions: MatchExclusion[];
  guideNames: Map<string, string>;
}

async function readExclusions(name: string): Promise<ClientExclusions> {
  const [client, listed, guides] = await Promise.all([
    clientByName(name),
    matching.listMatchExclusions({ parent: name, pageSize: 500 }),
    allGuides(),
  ]);
  return { client, exclusions: listed.matchExclusions, guideNames: new Map(guides.map((g) => [g.name, g.displayName])) };
}

export default function ExclusionsSection({ view, go }: SectionProps) {
  const chosen = typeof view.client === 'string' ? view.client : '';
  return (
    <div class="desk">
      <h1>{m('nav.exclusions')}</h1>
      <p>{m('exclusions.intro')}</p>
      <div class="desk-form">
        <ClientFinder onOpen={(found) => go({ client: found.name })} />
      </div>
      {chosen && <OneClient key={chosen} name={chosen} />}
    </div>
  );
}

function OneClient({ name }: { name: string }) {
  const read = useCall(() => readExclusions(name), [name]);
  // The exclusion whose removal is being confirmed, and where the keyboard's focus goes next: the
  // confirming button when asked, back to the remove button when kept, the notice when done.
  const [asked, setAsked] = useState('');
  const [focus, setFocus] = useState<{ on: 'confirm' | 'remove' | 'notice'; exclusion: string } | null>(null);
  const [notice, setNotice] = useState<{ text: string; alert: boolean } | null>(null);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focus) return;
    const target =
      focus.on === 'notice'
        ? section.current?.querySelector<HTMLElement>('.notice')
        : section.current?.querySelector<HTMLElement>(`[data-${focus.on}="${CSS.escape(focus.exclusion)}"]`);
    target?.focus();
  });
  const ask = (exclusion: string) => {
    setAsked(exclusion);
    setFocus({ on: 'confirm', exclusion });
  };
  const keep = (exclusion: string) => {
    setAsked('');
    setFocus({ on: 'remove', exclusion });
  };
  const remove = async (exclusion: MatchExclusion, guide: string) => {
    try {
      await matching.removeMatchExclusion({ name: exclusion.name });
      setNotice({ text: m('exclusions.removed', { guide }), alert: false });
      read.reload();
    } catch (error) {
      setNotice({ text: wordRefusal(refusalFromError(error)), alert: true });
    }
    setAsked('');
    setFocus({ on: 'notice', exclusion: exclusion.name });
  };

  if (read.problem) {
    return (
      <p class="notice problem" role="alert">
        {read.problem}
      </p>
    );
  }
  if (!read.value) return <p role="status">{m('loading')}</p>;
  const { client, exclusions, guideNames } = read.value;
  const guideOf = (exclusion: MatchExclusion) => guideNames.get(exclusion.guide) ?? m('exclusions.unknownGuide');
  return (
    <section aria-labelledby="exclusions-title" ref={section} onFocusCapture={() => setFocus(null)}>
      <h2 id="exclusions-title">{m('exclusions.ofClient', { client: client.displayName })}</h2>
      {notice && (
        <p class={notice.alert ? 'notice problem' : 'notice'} role={notice.alert ? 'alert' : 'status'} tabIndex={-1}>
          {notice.text}
        </p>
      )}
      {exclusions.length === 0 ? (
        <p>{m('exclusions.none')}</p>
      ) : (
        <ul class="exclusions">
          {exclusions.map((exclusion) => {
            const guide = guideOf(exclusion);
            return (
              <li key={exclusion.name}>
                <strong>{guide}</strong>: {exclusion.reason || m('exclusions.noReason')}
                {exclusion.createTime && <> ({formatDateTime(timestampDate(exclusion.createTime))})</>}{' '}
                {asked === exclusion.name ? (
                  <div role="group" aria-labelledby="exclusion-question">
                    <p id="exclusion-question">{m('exclusions.confirm', { guide })}</p>
                    <div class="actions">
                      <button type="button" data-confirm={exclusion.name} onClick={() => void remove(exclusion, guide)}>
                        {m('exclusions.yesRemove')}
                      </button>
                      <button type="button" class="secondary" onClick={() => keep(exclusion.name)}>
                        {m('exclusions.keep')}
                      </button>
                    </div>
                  </div>
                ) : (
                  <button type="button" class="link" data-remove={exclusion.name} onClick={() => ask(exclusion.name)}>
                    {m('exclusions.remove')}
                    <span class="sr-only"> {guide}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
