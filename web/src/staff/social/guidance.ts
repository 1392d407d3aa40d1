// A client's guidance as the social worker sees it: the current (or latest) assignment and its
// guide's name.
import type { Assignment } from '../../gen/rinnalla/v1/matching_pb';
import { Assignment_State } from '../../gen/rinnalla/v1/matching_pb';
import { session } from '../../shared/auth/session';
import { directory, matching } from '../../shared/api/clients';

export interface Guidance {
  assignments: Assignment[];
  /** The ACTIVE or PAUSED one, if any. */
  current?: Assignment;
  guideNames: Map<string, string>;
}

export async function guidanceOf(client: string): Promise<Guidance> {
  const { assignments } = await matching.listAssignments({
    parent: `organizations/${session()!.org}`,
    filter: `client = "${client}"`,
    pageSize: 500,
  });
  const guideNames = new Map<string, string>();
  await Promise.all(
    [...new Set(assignments.map((assignment) => assignment.guide))].map(async (guide) => {
      const found = await directory.getGuide({ name: guide }).catch(() => null);
      guideNames.set(guide, found?.displayName ?? '');
    }),
  );
  const current = assignments.find((a) => a.state === Assignment_State.ACTIVE || a.state === Assignment_State.PAUSED);
  return { assignments, current, guideNames };
}
