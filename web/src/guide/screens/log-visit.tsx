// Log a visit: when, how long, how, where; for an ACCOMPANIED visit, per place what happened to
// the appointment, what was done and who dealt with it; the goals worked on; what happened. The
// draft is on the phone from the first tap; Save puts it in the outbox, online or not.
import { useId, useState } from 'preact/hooks';
import { Visit_Mode } from '../../gen/rinnalla/v1/visits_pb';
import { t } from '../../shared/i18n/i18n';
import { returnTo } from '../../shared/router';
import { CheckGroup, RadioGroup } from '../../shared/ui/choices';
import { Problems } from '../../shared/ui/problems';
import { TextArea } from '../../shared/ui/text-area';
import { useLive } from '../../shared/ui/use-live';
import { actingOptions, actionOptions, appointmentOptions, modeOptions, placeName, placeOptions } from '../labels';
import type { GuideRoute } from '../routes';
import { OUTCOME_NOTE_MAX, SUMMARY_MAX, visitProblems, type Problem } from '../rules';
import { cachedClient, onClientsChange, type ClientRecord } from '../store/client-cache';
import { deleteDraft, newVisitDraft, type PlaceOutcomeDraft, type VisitDraft } from '../store/drafts';
import { saveForSending } from '../store/outbox';
import { syncNow } from '../sync/sync';
import { useDraft } from '../use-draft';

const QUICK_DURATIONS = [15, 30, 45, 60, 90, 120];

function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function problemText(problem: Problem): string {
  return t(problem.key, problem.place ? { place: placeName(problem.place) } : {});
}

/** Saves a finished draft for sending and tells how long until it was safe in IndexedDB. */
export async function saveAndMeasure(draft: VisitDraft | Parameters<typeof saveForSending>[0]): Promise<void> {
  performance.mark('rinnalla-save-start');
  await saveForSending(draft);
  performance.measure('rinnalla-save', 'rinnalla-save-start');
}

function Outcome({
  outcome,
  onChange,
}: {
  outcome: PlaceOutcomeDraft;
  onChange: (outcome: PlaceOutcomeDraft) => void;
}) {
  const name = placeName(outcome.place);
  return (
    <section class="outcome" aria-label={t('visit.outcome', { place: name })}>
      <h3>{t('visit.outcome', { place: name })}</h3>
      <RadioGroup
        legend={t('visit.appointment')}
        options={appointmentOptions()}
        value={outcome.appointment || null}
        onChange={(appointment) => onChange({ ...outcome, appointment })}
      />
      <CheckGroup
        legend={t('visit.actions')}
        options={actionOptions()}
        value={outcome.actions}
        onChange={(actions) => onChange({ ...outcome, actions })}
      />
      <RadioGroup
        legend={t('visit.acting')}
        options={actingOptions()}
        value={outcome.acting || null}
        onChange={(acting) => onChange({ ...outcome, acting })}
      />
      <TextArea
        label={t('visit.outcomeNote')}
        value={outcome.note}
        max={OUTCOME_NOTE_MAX}
        rows={2}
        onInput={(note) => onChange({ ...outcome, note })}
      />
    </section>
  );
}

function VisitForm({ record, draftId }: { record: ClientRecord; draftId: string | undefined }) {
  const [draft, change] = useDraft<VisitDraft>(record.name, draftId, 'visit', () =>
    newVisitDraft(record.name, record.assignment.name),
  );
  const [problems, setProblems] = useState<Problem[]>([]);
  const startId = useId();
  const otherId = useId();
  if (!draft) return <p>{t('app.loading')}</p>;
  const accompanied = draft.mode === Visit_Mode.ACCOMPANIED;

  const setPlaces = (places: number[]) =>
    change({
      places,
      outcomes: places.map(
        (place) => draft.outcomes.find((o) => o.place === place) ?? { place, appointment: 0, actions: [], acting: 0, note: '' },
      ),
    });
  const setOutcome = (outcome: PlaceOutcomeDraft) =>
    change({ outcomes: draft.outcomes.map((o) => (o.place === outcome.place ? outcome : o)) });

  const save = async (event: Event) => {
    event.preventDefault();
    const found = visitProblems(draft);
    setProblems(found);
    if (found.length > 0) return;
    await saveAndMeasure(draft);
    returnTo<GuideRoute>({ screen: 'client', client: record.name, flash: 'visit.saved' });
    void syncNow();
  };
  const discard = async () => {
    if (!confirm(t('visit.discardConfirm'))) return;
    await deleteDraft(draft.id);
    returnTo<GuideRoute>({ screen: 'client', client: record.name });
  };

  return (
    <form onSubmit={save} noValidate>
      <h1>{t('visit.title')}</h1>
      <p class="subtitle">{record.client.displayName}</p>
      <Problems problems={problems.map(problemText)} />

      <div class="field">
        <label for={startId}>{t('visit.start')}</label>
        <input
          id={startId}
          type="datetime-local"
          value={toLocalInput(draft.startTime)}
          onInput={(event) => {
            const value = (event.target as HTMLInputElement).value;
            if (value) change({ startTime: new Date(value).toISOString() });
          }}
        />
      </div>

      <RadioGroup
        legend={t('visit.duration')}
        compact
        options={QUICK_DURATIONS.map((minutes) => ({ value: minutes, label: t('visit.minutes', { count: minutes }) }))}
        value={QUICK_DURATIONS.includes(draft.durationMinutes) ? draft.durationMinutes : null}
        onChange={(durationMinutes) => change({ durationMinutes })}
      />
      <div class="field">
        <label for={otherId}>{t('visit.durationOther')}</label>
        <input
          id={otherId}
          type="number"
          inputMode="numeric"
          min={1}
          max={1440}
          value={draft.durationMinutes}
          onInput={(event) => change({ durationMinutes: Number((event.target as HTMLInputElement).value) })}
        />
      </div>

      <RadioGroup
        legend={t('visit.mode')}
        options={modeOptions()}
        value={draft.mode || null}
        onChange={(mode) => change({ mode })}
      />
      <CheckGroup
        legend={t('visit.places')}
        hint={t('visit.placesHint')}
        options={placeOptions()}
        value={draft.places}
        onChange={setPlaces}
      />
      {accompanied &&
        draft.places.map((place) => {
          const outcome = draft.outcomes.find((o) => o.place === place);
          return outcome ? <Outcome key={place} outcome={outcome} onChange={setOutcome} /> : null;
        })}
      {record.goals.length > 0 && (
        <CheckGroup
          legend={t('visit.goals')}
          options={record.goals.map((goal) => ({ value: goal.name, label: goal.title }))}
          value={draft.goals}
          onChange={(goals) => change({ goals })}
        />
      )}
      <TextArea label={t('visit.summary')} value={draft.summary} max={SUMMARY_MAX} onInput={(summary) => change({ summary })} />
      <div class="actions">
        <button type="submit">{t('visit.save')}</button>
        <button type="button" class="secondary" onClick={discard}>
          {t('visit.discard')}
        </button>
      </div>
    </form>
  );
}

export function LogVisit({ client, draft }: { client: string; draft?: string }) {
  const record = useLive(async () => (await cachedClient(client)) ?? null, [onClientsChange], [client]);
  if (record === undefined) return <p>{t('app.loading')}</p>;
  if (record === null) return <p role="status">{t('client.gone')}</p>;
  return <VisitForm record={record} draftId={draft} />;
}
