// The organization's guides, every page of them (a county has a few hundred).
import type { Guide } from '../../gen/rinnalla/v1/directory_pb';
import { directory } from '../../shared/api/clients';
import { session } from '../../shared/auth/session';

export async function allGuides(): Promise<Guide[]> {
  const guides: Guide[] = [];
  let pageToken = '';
  do {
    const page = await directory.listGuides({ parent: `organizations/${session()!.org}`, pageSize: 500, pageToken });
    guides.push(...page.guides);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return guides;
}
