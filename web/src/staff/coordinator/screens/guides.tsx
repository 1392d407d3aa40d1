// The coordinator's guides: every guide with their experience areas, languages, municipalities,
// places taken against the cap and state; a new guide; editing one.
import { useState } from 'preact/hooks';
import type { Guide } from '../../../gen/rinnalla/v1/directory_pb';
import type { SectionProps } from '../../section';
import { useCall } from '../../shared/use-call';
import { allGuides } from '../../shared/guides-data';
import { m } from '../messages';
import { areaName, languageName, stateName } from '../words';
import { GuideForm } from './guide-form';
import '../coordinator.css';

export default function GuidesSection({ view, go }: SectionProps) {
  const guides = useCall(allGuides, []);
  const [saved, setSaved] = useState('');
  const editing = typeof view.edit === 'string' ? guides.value?.find((guide) => guide.name === view.edit) : undefined;
  const back = () => {
    guides.reload();
    go({}, true);
  };
  const done = (guide: Guide, created: boolean) => {
    setSaved(m(created ? 'guides.created' : 'guides.saved', { name: guide.displayName }));
    back();
  };

  if (view.create) return <GuideForm onSaved={(guide) => done(guide, true)} onCancel={back} />;
  if (view.edit && editing) return <GuideForm key={editing.etag} stored={editing} onSaved={(guide) => done(guide, false)} onCancel={back} />;

  return (
    <div class="desk">
      <h1>{m('nav.guides')}</h1>
      {saved && (
        <p class="notice" role="status">
          {saved}
        </p>
      )}
      <div class="actions">
        <button type="button" onClick={() => go({ create: true })}>
          {m('guides.add')}
        </button>
      </div>
      {guides.problem && (
        <p class="notice problem" role="alert">
          {guides.problem}
        </p>
      )}
      {!guides.value && !guides.problem && <p role="status">{m('loading')}</p>}
      {guides.value && guides.value.length === 0 && <p>{m('guides.none')}</p>}
      {guides.value && guides.value.length > 0 && (
        <div class="table-scroll">
          <table>
            <caption>{m('guides.caption', { count: guides.value.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{m('guides.name')}</th>
                <th scope="col">{m('guides.state')}</th>
                <th scope="col">{m('guides.areas')}</th>
                <th scope="col">{m('guides.languages')}</th>
                <th scope="col">{m('guides.municipalities')}</th>
                <th scope="col" class="number">
                  {m('guides.places')}
                </th>
                <th scope="col">
                  <span class="sr-only">{m('guides.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...guides.value]
                .sort((a, b) => a.displayName.localeCompare(b.displayName))
                .map((guide) => (
                  <tr key={guide.name}>
                    <th scope="row">{guide.displayName}</th>
                    <td>{stateName(guide.state)}</td>
                    <td>{guide.experienceAreas.map(areaName).join(', ')}</td>
                    <td>{guide.languages.map(languageName).join(', ')}</td>
                    <td>{guide.municipalities.join(', ')}</td>
                    <td class="number">{m('guides.taken', { taken: guide.activeClientCount, capacity: guide.maxActiveClients })}</td>
                    <td>
                      <button type="button" class="link" onClick={() => go({ edit: guide.name })}>
                        {m('guides.edit')}
                        <span class="sr-only"> {guide.displayName}</span>
                      </button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
