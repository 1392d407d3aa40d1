// A progress note: how it is going in the guide's words, and for each agreed goal a rating from
// −2 to +2 that shows what that level means for this goal; the client's own rating beside it when
// the client rates with the guide.
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n/i18n';
import { returnTo } from '../../shared/router';
import { RadioGroup } from '../../shared/ui/choices';
import { Problems } from '../../shared/ui/problems';
import { TextArea } from '../../shared/ui/text-area';
import { useLive } from '../../shared/ui/use-live';
import type { Goal } from '../../gen/rinnalla/v1/meetings_pb';
import type { GuideRoute } from '../routes';
import { NOTE_MAX, noteProblems, type Problem } from '../rules';
import { cachedClient, onClientsChange, type ClientRecord } from '../store/client-cache';
import { newNoteDraft, type GoalScore, type NoteDraft } from '../store/drafts';
import { syncNow } from '../sync/sync';
import { useDraft } from '../use-draft';
import { GAS_SCORES, gasLabel, signed } from './client';
import { problemText, saveAndMeasure } from './log-visit';

const NOT_RATED = 'none';

function Rating(props: { legend: string; goal: Goal; scores: GoalScore[]; onChange: (scores: GoalScore[]) => void }) {
  const current = props.scores.find((s) => s.goal === props.goal.name);
  return (
    <RadioGroup<number | typeof NOT_RATED>
      legend={props.legend}
      options={[
        { value: NOT_RATED, label: t('note.notRated') },
        ...GAS_SCORES.map((score, index) => ({
          value: score,
          label: `${signed(score)} ${gasLabel(score)}`,
          detail: props.goal.gasLevels[index] ?? '',
        })),
      ]}
      value={current ? current.score : NOT_RATED}
      onChange={(value) => {
        const others = props.scores.filter((s) => s.goal !== props.goal.name);
        props.onChange(value === NOT_RATED ? others : [...others, { goal: props.goal.name, score: value }]);
      }}
    />
  );
}

function NoteForm({ record, draftId }: { record: ClientRecord; draftId: string | undefined }) {
  const [draft, change] = useDraft<NoteDraft>(record.name, draftId, 'note', () =>
    newNoteDraft(record.name, record.assignment.name),
  );
  const [problems, setProblems] = useState<Problem[]>([]);
  if (!draft) return <p>{t('app.loading')}</p>;

  const save = async (event: Event) => {
    event.preventDefault();
    const found = noteProblems(draft);
    setProblems(found);
    if (found.length > 0) return;
    await saveAndMeasure(draft);
    returnTo<GuideRoute>({ screen: 'client', client: record.name, flash: 'note.saved' });
    void syncNow();
  };

  return (
    <form onSubmit={save} noValidate>
      <h1>{t('note.title')}</h1>
      <p class="subtitle">{record.client.displayName}</p>
      <Problems problems={problems.map(problemText)} />
      <TextArea label={t('note.text')} value={draft.text} max={NOTE_MAX} onInput={(text) => change({ text })} />
      {record.goals.length > 0 && (
        <>
          <h2>{t('note.rate')}</h2>
          <label class="option toggle">
            <input
              type="checkbox"
              checked={draft.clientRates}
              onChange={(event) => change({ clientRates: (event.target as HTMLInputElement).checked })}
            />
            <span class="option-text">{t('note.clientRates')}</span>
          </label>
          {record.goals.map((goal) => (
            <section class="rating" key={goal.name} aria-label={goal.title}>
              <h3>{goal.title}</h3>
              <Rating
                legend={t('note.yourRating')}
                goal={goal}
                scores={draft.ratings}
                onChange={(ratings) => change({ ratings })}
              />
              {draft.clientRates && (
                <Rating
                  legend={t('note.clientRating')}
                  goal={goal}
                  scores={draft.clientRatings}
                  onChange={(clientRatings) => change({ clientRatings })}
                />
              )}
            </section>
          ))}
        </>
      )}
      <div class="actions">
        <button type="submit">{t('note.save')}</button>
      </div>
    </form>
  );
}

export function ProgressNoteScreen({ client, draft }: { client: string; draft?: string }) {
  const record = useLive(async () => (await cachedClient(client)) ?? null, [onClientsChange], [client]);
  if (record === undefined) return <p>{t('app.loading')}</p>;
  if (record === null) return <p role="status">{t('client.gone')}</p>;
  return <NoteForm record={record} draftId={draft} />;
}
