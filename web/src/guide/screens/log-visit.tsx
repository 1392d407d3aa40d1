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

/** One line on what is chosen for a place, so a folded place still says where it stands. */
function outcomeState(outcome: PlaceOutcomeDraft): { text: string; toDo: boolean } {
  if (!outcome.appointment || !outcome.acting) return { text: t('visit.outcomeToDo'), toDo: true };
  const label = (options: { value: number; label: string }[], value: number) =>
    options.find((o) => o.value === value)?.label ?? '';
  const parts = [label(appointmentOptions(), outcome.appointment), label(actingOptions(), outcome.acting)];
  if (outcome.actions.length > 0) parts.push(t('visit.actionsDone', { count: outcome.actions.length }));
  return { text: parts.join(' · '), toDo: false };
}

// A place of an accompanied visit, folded to one line that says where it stands: one place is
// open at a time (the one chosen last, or tapped), so the form stays short with several places.
function Outcome({
  outcome,
  open,
  onOpen,
  onChange,
}: {
  outcome: PlaceOutcomeDraft;
  open: boolean;
  onOpen: (open: boolean) => void;
  onChange: (outcome: PlaceOutcomeDraft) => void;
}) {
  const name = placeName(outcome.place);
  const state = outcomeState(outcome);
  return (
    <details
      class="outcome"
      open={open}
      onToggle={(event) => {
        const now = (event.currentTarget as HTMLDetailsElement).open;
        if (now !== open) onOpen(now);
      }}
    >
      <summary>
        <span class="outcome-title">{t('visit.outcome', { place: name })}</span>
        <span class={state.toDo ? 'outcome-state to-do' : 'outcome-state'}>{state.text}</span>
      </summary>
      <section aria-label={t('visit.outcome', { place: name })}>
        <RadioGroup
          legend={t('visit.appointment')}
          dense
          options={appointmentOptions()}
          value={outcome.appointment || null}
          onChange={(appointment) => onChange({ ...outcome, appointment })}
        />
        <CheckGroup
          legend={t('visit.actions')}
          dense
          options={actionOptions()}
          value={outcome.actions}
          onChange={(actions) => onChange({ ...outcome, actions })}
        />
        <RadioGroup
          legend={t('visit.acting')}
          dense
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
    </details>
  );
}

function VisitForm({ record, draftId }: { record: ClientRecord; draftId: string | undefined }) {
  const [draft, change] = useDraft<VisitDraft>(record.name, draftId, 'visit', () =>
    newVisitDraft(record.name, record.assignment.name),
  );
  const [problems, setProblems] = useState<Problem[]>([]);
  // The place whose outcome is unfolded (an accompanied visit's places fold to one line each).
  const [openPlace, setOpenPlace] = useState<number | null>(null);
  const startId = useId();
  const otherId = useId();
  if (!draft) return <p>{t('app.loading')}</p>;
  const accompanied = draft.mode === Visit_Mode.ACCOMPANIED;

  const setPlaces = (places: number[]) => {
    const added = places.find((place) => !draft.places.includes(place));
    if (added !== undefined) setOpenPlace(added);
    change({
      places,
      outcomes: places.map(
        (place) => draft.outcomes.find((o) => o.place === place) ?? { place, appointment: 0, actions: [], acting: 0, note: '' },
      ),
    });
  };
  const setOutcome = (outcome: PlaceOutcomeDraft) =>
    change({ outcomes: draft.outcomes.map((o) => (o.place === outcome.place ? outcome : o)) });

  const save = async (event: Event) => {
    event.preventDefault();
    const found = visitProblems(draft);
    setProblems(found);
    if (found.length > 0) {
      const unfinished = draft.outcomes.find((o) => outcomeState(o).toDo);
      if (accompanied && unfinished) setOpenPlace(unfinished.place);
      return;
    }
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
        dense
        options={modeOptions()}
        value={draft.mode || null}
        onChange={(mode) => change({ mode })}
      />
      <CheckGroup
        legend={t('visit.places')}
        hint={t('visit.placesHint')}
        dense
        options={placeOptions()}
        value={draft.places}
        onChange={setPlaces}
      />
      {accompanied &&
        draft.places.map((place) => {
          const outcome = draft.outcomes.find((o) => o.place === place);
          return outcome ? (
            <Outcome
              key={place}
              outcome={outcome}
              open={openPlace === place}
              onOpen={(open) => setOpenPlace(open ? place : null)}
              onChange={setOutcome}
            />
          ) : null;
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
