// Creating a guide or editing one: experience areas, languages, municipalities, the caseload cap
// and the state. An edit sends only the fields it changed, with the etag it was read with, so a
// change made meanwhile by someone else is refused (and said so) rather than overwritten.
import { useMemo, useState } from 'preact/hooks';
import type { Guide } from '../../../gen/rinnalla/v1/directory_pb';
import { directory } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { session } from '../../../shared/auth/session';
import { t } from '../../../shared/i18n/i18n';
import { CheckGroup, RadioGroup } from '../../../shared/ui/choices';
import { Problems } from '../../../shared/ui/problems';
import { wordRefusal } from '../../social/refusal-words';
import {
  CAPACITY_MAX,
  GUIDE_LANGUAGES,
  GUIDE_STATES,
  changedFields,
  draftOf,
  emptyDraft,
  guideFields,
  guideProblems,
  type GuideDraft,
} from '../guide-rules';
import { m } from '../messages';
import { AREAS, areaName, languageName, stateHint, stateName } from '../words';
import '../coordinator.css';

export function GuideForm({ stored, onSaved, onCancel }: { stored?: Guide; onSaved: (guide: Guide) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<GuideDraft>(() => (stored ? draftOf(stored) : emptyDraft()));
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const requestId = useMemo(() => crypto.randomUUID(), []);
  const change = (part: Partial<GuideDraft>) => setDraft((current) => ({ ...current, ...part }));
  const languages = [...new Set([...GUIDE_LANGUAGES, ...draft.languages])];

  const save = async (event: Event) => {
    event.preventDefault();
    const found = guideProblems(draft);
    setProblems(found);
    if (found.length > 0) return;
    setSending(true);
    try {
      if (stored) {
        const paths = changedFields(stored, draft);
        if (paths.length === 0) return onSaved(stored);
        onSaved(await directory.updateGuide({ guide: { ...guideFields(draft), name: stored.name, etag: stored.etag }, updateMask: { paths } }));
      } else {
        onSaved(await directory.createGuide({ parent: `organizations/${session()!.org}`, requestId, guide: guideFields(draft) }));
      }
    } catch (error) {
      setProblems([wordRefusal(refusalFromError(error))]);
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="desk-form" onSubmit={(event) => void save(event)} noValidate>
      <h1>{stored ? m('guideForm.editTitle', { name: stored.displayName }) : m('guideForm.newTitle')}</h1>
      <Problems problems={problems} />
      <div class="field">
        <label for="guide-name">{m('guideForm.name')}</label>
        <input
          id="guide-name"
          autocomplete="off"
          value={draft.displayName}
          onInput={(event) => change({ displayName: (event.target as HTMLInputElement).value })}
        />
      </div>
      <CheckGroup
        legend={m('guideForm.areas')}
        options={AREAS.map((area) => ({ value: area, label: areaName(area) }))}
        value={draft.areas}
        onChange={(areas) => change({ areas })}
      />
      <CheckGroup
        legend={m('guideForm.languages')}
        options={languages.map((code) => ({ value: code, label: languageName(code) }))}
        value={draft.languages}
        onChange={(chosen) => change({ languages: chosen })}
      />
      <div class="field">
        <label for="guide-municipalities">{m('guideForm.municipalities')}</label>
        <p class="hint" id="guide-municipalities-hint">
          {m('guideForm.municipalitiesHint')}
        </p>
        <input
          id="guide-municipalities"
          autocomplete="off"
          inputMode="numeric"
          aria-describedby="guide-municipalities-hint"
          value={draft.municipalities}
          onInput={(event) => change({ municipalities: (event.target as HTMLInputElement).value })}
        />
      </div>
      <div class="field">
        <label for="guide-capacity">{m('guideForm.capacity')}</label>
        <p class="hint" id="guide-capacity-hint">
          {m('guideForm.capacityHint', { max: CAPACITY_MAX, taken: stored?.activeClientCount ?? 0 })}
        </p>
        <input
          id="guide-capacity"
          type="number"
          min={1}
          max={CAPACITY_MAX}
          aria-describedby="guide-capacity-hint"
          value={draft.capacity}
          onInput={(event) => change({ capacity: (event.target as HTMLInputElement).value })}
        />
      </div>
      <RadioGroup
        legend={m('guideForm.state')}
        options={GUIDE_STATES.map((state) => ({ value: state, label: stateName(state), detail: stateHint(state) }))}
        value={draft.state}
        onChange={(state) => change({ state })}
      />
      <div class="actions">
        <button type="submit" disabled={sending}>
          {sending ? t('status.sending') : m('guideForm.save')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {m('guideForm.cancel')}
        </button>
      </div>
    </form>
  );
}
