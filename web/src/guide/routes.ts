/** The guide's screens; a client is named only in the history's state, never in the URL. */
export type GuideRoute =
  | { screen: 'clients' }
  | { screen: 'client'; client: string; flash?: 'visit.saved' | 'note.saved' }
  | { screen: 'visit'; client: string; draft?: string }
  | { screen: 'note'; client: string; draft?: string }
  | { screen: 'outbox' };

export const HOME: GuideRoute = { screen: 'clients' };
