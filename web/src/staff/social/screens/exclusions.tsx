// The client's "I know this person" exclusions: guides never suggested nor assignable for them.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { MatchExclusion } from '../../../gen/rinnalla/v1/matching_pb';
import { formatDateTime } from '../../../shared/i18n/i18n';
import { m } from '../messages';

export function Exclusions({ exclusions, guideNames }: { exclusions: MatchExclusion[]; guideNames: Map<string, string> }) {
  return (
    <section aria-labelledby="exclusions-title">
      <h2 id="exclusions-title">{m('exclusions.title')}</h2>
      {exclusions.length === 0 ? (
        <p>{m('exclusions.none')}</p>
      ) : (
        <ul class="exclusions">
          {exclusions.map((exclusion) => (
            <li key={exclusion.name}>
              <strong>{guideNames.get(exclusion.guide) ?? ''}</strong>: {exclusion.reason || m('exclusions.noReason')}
              {exclusion.createTime && <> ({formatDateTime(timestampDate(exclusion.createTime))})</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
