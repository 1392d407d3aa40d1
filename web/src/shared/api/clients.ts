// One typed client per service, generated from the protos at build time.
import { createClient } from '@connectrpc/connect';
import { Audit } from '../../gen/rinnalla/v1/audit_pb';
import { Directory } from '../../gen/rinnalla/v1/directory_pb';
import { Matching } from '../../gen/rinnalla/v1/matching_pb';
import { Meetings } from '../../gen/rinnalla/v1/meetings_pb';
import { Notes } from '../../gen/rinnalla/v1/notes_pb';
import { Visits } from '../../gen/rinnalla/v1/visits_pb';
import { transport } from './transport';

export const audit = createClient(Audit, transport);
export const directory = createClient(Directory, transport);
export const matching = createClient(Matching, transport);
export const meetings = createClient(Meetings, transport);
export const notes = createClient(Notes, transport);
export const visits = createClient(Visits, transport);
