// The social worker's clients: finding one, a client's header and tabs, scheduling and recording
// a joint meeting, goal attainment.
import type { SectionProps } from '../../section';
import { Attainment } from './attainment';
import { ClientList } from './client-list';
import { ClientScreen, type ClientTab } from './client-screen';
import { MeetingScreen } from './meeting-screen';
import { ScheduleMeeting } from './schedule-meeting';

export default function ClientsSection({ view, go }: SectionProps) {
  const client = typeof view.client === 'string' ? view.client : '';
  if (view.screen === 'client' && client) {
    return (
      <ClientScreen
        client={client}
        tab={(view.tab as ClientTab) ?? 'timeline'}
        onTab={(tab) => go({ ...view, tab }, true)}
        onMeeting={(meeting) => go({ screen: 'meeting', client, meeting })}
        onSchedule={() => go({ screen: 'schedule', client })}
        onAttainment={() => go({ screen: 'attainment', client })}
      />
    );
  }
  if (view.screen === 'schedule' && client) {
    return (
      <ScheduleMeeting
        client={client}
        assignment={typeof view.assignment === 'string' ? view.assignment : undefined}
        onBooked={(meeting) => go({ screen: 'meeting', client, meeting }, true)}
      />
    );
  }
  if (view.screen === 'attainment' && client) return <Attainment client={client} />;
  if (view.screen === 'meeting' && client && typeof view.meeting === 'string') {
    return <MeetingScreen client={client} meeting={view.meeting} />;
  }
  return <ClientList onOpen={(name) => go({ screen: 'client', client: name })} />;
}
