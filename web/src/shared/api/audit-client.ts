// The Audit service's client, apart from the others so that only the auditor's screens load it.
import { createClient } from '@connectrpc/connect';
import { Audit } from '../../gen/rinnalla/v1/audit_pb';
import { transport } from './transport';

export const audit = createClient(Audit, transport);
