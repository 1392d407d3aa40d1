// A client's header: name, record-system ids, municipality, languages, the information-sharing
// consent, the current guide and since when.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { Client } from '../../../gen/rinnalla/v1/directory_pb';
import { Assignment_State } from '../../../gen/rinnalla/v1/matching_pb';
import type { InformationSharingConsent } from '../../../gen/rinnalla/v1/meetings_pb';
import { formatDateTime } from '../../../shared/i18n/i18n';
import type { Guidance } from '../guidance';
import { m } from '../messages';
import { listInWords } from '../reason-words';
import { coded } from '../timeline-words';

export function ClientHeader(props: { client: Client; guidance: Guidance; consent?: InformationSharingConsent | undefined }) {
  const { client, guidance, consent } = props;
  const current = guidance.current;
  const consentTime = consent?.recordTime ? formatDateTime(timestampDate(consent.recordTime)) : '';
  return (
    <header class="client-header">
      <h1>{client.displayName}</h1>
      <dl>
        <div>
          <dt>{m('client.ids')}</dt>
          <dd>{client.externalRefs.map((ref) => `${ref.system}/${ref.id}`).join(', ') || m('client.noIds')}</dd>
        </div>
        <div>
          <dt>{m('client.municipality')}</dt>
          <dd>{client.municipality || '–'}</dd>
        </div>
        <div>
          <dt>{m('client.languages')}</dt>
          <dd>{listInWords(client.languages.map((code) => coded('lang', code)))}</dd>
        </div>
        <div>
          <dt>{m('client.consent')}</dt>
          <dd>
            {consent
              ? m(consent.granted ? 'client.consent.yes' : 'client.consent.no', { time: consentTime })
              : m('client.consent.none')}
          </dd>
        </div>
        <div>
          <dt>{m('client.guide')}</dt>
          <dd>
            {current
              ? m(current.state === Assignment_State.PAUSED ? 'client.guide.paused' : 'client.guide.since', {
                  guide: guidance.guideNames.get(current.guide) ?? '',
                  since: current.startTime ? formatDateTime(timestampDate(current.startTime)) : '',
                })
              : m('client.guide.none')}
          </dd>
        </div>
      </dl>
    </header>
  );
}
