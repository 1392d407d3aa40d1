// The referrals, open ones first: who, what needs, when made; an open one leads to its suggestions.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Referral_State, type Referral } from '../../../gen/rinnalla/v1/matching_pb';
import { session } from '../../../shared/auth/session';
import { matching } from '../../../shared/api/clients';
import { formatDateTime, t } from '../../../shared/i18n/i18n';
import { clientNames } from '../../shared/client-search';
import { m as staffWords } from '../../messages';
import { m } from '../messages';
import { areaName, listInWords } from '../reason-words';
import { useCall } from '../../shared/use-call';

async function listReferrals(filter: string): Promise<Referral[]> {
  const out: Referral[] = [];
  let pageToken = '';
  do {
    const page = await matching.listReferrals({ parent: `organizations/${session()!.org}`, pageSize: 500, pageToken, filter });
    out.push(...page.referrals);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out;
}

function ReferralTable(props: { caption: string; referrals: Referral[]; names: Map<string, string>; onSuggest?: (referral: string) => void }) {
  return (
    <div class="table-scroll">
      <table>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m('referrals.client')}</th>
            <th scope="col">{m('referrals.needs')}</th>
            <th scope="col">{m('referrals.created')}</th>
            <th scope="col">{m('referrals.state')}</th>
          </tr>
        </thead>
        <tbody>
          {props.referrals.map((referral) => {
            const client = props.names.get(referral.client) ?? '';
            return (
              <tr key={referral.name}>
                <td>
                  {props.onSuggest ? (
                    <button type="button" class="link" onClick={() => props.onSuggest!(referral.name)}>
                      {m('referrals.suggest', { client })}
                    </button>
                  ) : (
                    client
                  )}
                </td>
                <td>{listInWords(referral.needs.map(areaName))}</td>
                <td>{referral.createTime ? formatDateTime(timestampDate(referral.createTime)) : ''}</td>
                <td>{staffWords(`referralState.${Referral_State[referral.state]}` as 'referralState.OPEN')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ReferralList({ onNew, onSuggest }: { onNew: () => void; onSuggest: (referral: string) => void }) {
  const data = useCall(async () => {
    const [open, all] = await Promise.all([listReferrals('state = OPEN'), listReferrals('')]);
    const others = all.filter((referral) => referral.state !== Referral_State.OPEN).reverse();
    const names = await clientNames([...open, ...others].map((referral) => referral.client));
    return { open: open.reverse(), others, names };
  }, []);
  return (
    <>
      <h1>{m('referrals.title')}</h1>
      <button type="button" onClick={onNew}>
        {m('referrals.new')}
      </button>
      {data.problem && <p role="alert">{data.problem}</p>}
      {!data.value && !data.problem && <p role="status">{t('app.loading')}</p>}
      {data.value && (
        <>
          <h2>{m('referrals.open')}</h2>
          {data.value.open.length === 0 ? (
            <p>{m('referrals.noOpen')}</p>
          ) : (
            <ReferralTable caption={m('referrals.open')} referrals={data.value.open} names={data.value.names} onSuggest={onSuggest} />
          )}
          <h2>{m('referrals.others')}</h2>
          {data.value.others.length === 0 ? (
            <p>{m('referrals.noOthers')}</p>
          ) : (
            <ReferralTable caption={m('referrals.others')} referrals={data.value.others} names={data.value.names} />
          )}
        </>
      )}
    </>
  );
}
