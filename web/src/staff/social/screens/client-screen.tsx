// A client: the header and the tabs (timeline, goals, meetings, visits, notes).
import { meetings } from '../../../shared/api/clients';
import { t } from '../../../shared/i18n/i18n';
import { clientByName } from '../../shared/client-search';
import { guidanceOf } from '../guidance';
import { m } from '../messages';
import { useCall } from '../../shared/use-call';
import { ClientHeader } from './client-header';
import { GoalsTab } from './goals-tab';
import { MeetingsTab } from './meetings-tab';
import { NotesTab } from './notes-tab';
import { Tabs } from './tabs';
import { TimelineTab } from './timeline-tab';
import { VisitsTab } from './visits-tab';

export const CLIENT_TABS = ['timeline', 'goals', 'meetings', 'visits', 'notes'] as const;
export type ClientTab = (typeof CLIENT_TABS)[number];

export function ClientScreen(props: {
  client: string;
  tab: ClientTab;
  onTab: (tab: ClientTab) => void;
  onMeeting: (meeting: string) => void;
  onSchedule: () => void;
  onAttainment: () => void;
}) {
  const data = useCall(async () => {
    const [client, guidance, consents] = await Promise.all([
      clientByName(props.client),
      guidanceOf(props.client),
      meetings.listInformationSharingConsents({ parent: props.client, pageSize: 500 }),
    ]);
    return { client, guidance, consent: consents.consents[0] };
  }, [props.client]);
  return (
    <>
      {data.problem && <p role="alert">{data.problem}</p>}
      {!data.value && !data.problem && <p role="status">{t('app.loading')}</p>}
      {data.value?.client && <ClientHeader client={data.value.client} guidance={data.value.guidance} consent={data.value.consent} />}
      <Tabs
        label={m('client.tabs')}
        tabs={CLIENT_TABS.map((id) => ({ id, label: m(`tab.${id}`) }))}
        current={props.tab}
        onSelect={(id) => props.onTab(id as ClientTab)}
      >
        {props.tab === 'timeline' && <TimelineTab client={props.client} />}
        {props.tab === 'goals' && <GoalsTab client={props.client} onAttainment={props.onAttainment} />}
        {props.tab === 'meetings' && (
          <MeetingsTab
            client={props.client}
            guided={data.value && data.value.guidance.current !== undefined}
            onOpen={props.onMeeting}
            onSchedule={props.onSchedule}
          />
        )}
        {props.tab === 'visits' && <VisitsTab client={props.client} />}
        {props.tab === 'notes' && <NotesTab client={props.client} />}
      </Tabs>
    </>
  );
}
