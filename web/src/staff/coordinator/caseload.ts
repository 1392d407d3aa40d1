// Each guide's caseload as the coordinator reads it: places taken against the cap, and whether
// the guide is on a break, full, near the cap (one place or a fifth of the cap left) or has room.
import type { Guide } from '../../gen/rinnalla/v1/directory_pb';
import { Guide_State } from '../../gen/rinnalla/v1/directory_pb';

export type CaseloadStatus = 'ON_BREAK' | 'FULL' | 'NEAR' | 'ROOM' | 'NOT_GUIDING';

export interface CaseloadRow {
  guide: Guide;
  taken: number;
  capacity: number;
  free: number;
  status: CaseloadStatus;
}

export function caseloadStatus(guide: Guide): CaseloadStatus {
  if (guide.state === Guide_State.ON_BREAK) return 'ON_BREAK';
  if (guide.state !== Guide_State.ACTIVE) return 'NOT_GUIDING';
  const free = guide.maxActiveClients - guide.activeClientCount;
  if (free <= 0) return 'FULL';
  if (free <= Math.max(1, Math.floor(guide.maxActiveClients / 5))) return 'NEAR';
  return 'ROOM';
}

const ORDER: CaseloadStatus[] = ['FULL', 'NEAR', 'ON_BREAK', 'ROOM', 'NOT_GUIDING'];

/** The rows, those who need the coordinator's eye first (full, near the cap, on a break). */
export function caseloadRows(guides: Guide[]): CaseloadRow[] {
  return guides
    .map((guide) => ({
      guide,
      taken: guide.activeClientCount,
      capacity: guide.maxActiveClients,
      free: Math.max(0, guide.maxActiveClients - guide.activeClientCount),
      status: caseloadStatus(guide),
    }))
    .sort(
      (a, b) =>
        ORDER.indexOf(a.status) - ORDER.indexOf(b.status) ||
        b.taken / b.capacity - a.taken / a.capacity ||
        a.guide.displayName.localeCompare(b.guide.displayName),
    );
}

export function caseloadTotals(rows: CaseloadRow[]) {
  const count = (status: CaseloadStatus) => rows.filter((row) => row.status === status).length;
  const guiding = rows.filter((row) => row.status !== 'NOT_GUIDING' && row.status !== 'ON_BREAK');
  return {
    taken: rows.reduce((sum, row) => sum + row.taken, 0),
    capacity: guiding.reduce((sum, row) => sum + row.capacity, 0),
    free: guiding.reduce((sum, row) => sum + row.free, 0),
    full: count('FULL'),
    near: count('NEAR'),
    onBreak: count('ON_BREAK'),
  };
}
