import { create, type JsonValue } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { ErrorInfoSchema } from '../src/gen/google/rpc/error_details_pb';
import {
  describeRefusal,
  isTransient,
  refusalFromError,
  refusalFromStatusJson,
} from '../src/shared/api/refusal';
import { setLanguage } from '../src/shared/i18n/i18n';

describe('refusals', () => {
  const statusJson: JsonValue = {
    code: 9,
    message: 'visit starts before the assignment',
    details: [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'VISIT_OUTSIDE_ASSIGNMENT', domain: 'rinnalla' },
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [{ field: 'visit.start_time', description: 'too early' }],
      },
    ],
  };

  it('read the code, the reason and the fields from a REST error body', () => {
    expect(refusalFromStatusJson(statusJson)).toEqual({
      code: 'FAILED_PRECONDITION',
      reason: 'VISIT_OUTSIDE_ASSIGNMENT',
      message: 'visit starts before the assignment',
      fields: ['visit.start_time'],
    });
  });

  it('pass over details of a type the app does not know', () => {
    const withUnknown: JsonValue = {
      code: 9,
      message: 'late',
      details: [
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '5s' },
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'LATE_SYNC_WINDOW_CLOSED' },
      ],
    };
    expect(refusalFromStatusJson(withUnknown)).toEqual({
      code: 'FAILED_PRECONDITION',
      reason: 'LATE_SYNC_WINDOW_CLOSED',
      message: 'late',
      fields: [],
    });
  });

  it('read the reason from a Connect error', () => {
    const error = new ConnectError('not yours', Code.PermissionDenied, undefined, [
      { desc: ErrorInfoSchema, value: create(ErrorInfoSchema, { reason: 'NOT_PERMITTED' }) },
    ]);
    expect(refusalFromError(error)).toMatchObject({ code: 'PERMISSION_DENIED', reason: 'NOT_PERMITTED' });
  });

  it('are worded by their reason in the user language, the server message as fallback', () => {
    const refusal = refusalFromStatusJson(statusJson);
    setLanguage('en');
    expect(describeRefusal(refusal)).toMatch(/outside your guidance/);
    setLanguage('sv');
    expect(describeRefusal(refusal)).toMatch(/utanför din handledning/);
    setLanguage('fi');
    expect(describeRefusal(refusal)).toMatch(/ohjauksesi ulkopuolella/);
    expect(describeRefusal({ ...refusal, reason: 'SOMETHING_NEW' })).toBe('visit starts before the assignment');
    expect(describeRefusal({ code: 'UNAVAILABLE', reason: '', message: '', fields: [] })).toMatch(/yhteyttä/);
  });

  it('tell waiting (transient) from refused', () => {
    const of = (code: string) => ({ code, reason: '', message: '', fields: [] });
    expect(isTransient(of('UNAVAILABLE'))).toBe(true);
    expect(isTransient(of('DEADLINE_EXCEEDED'))).toBe(true);
    expect(isTransient(of('FAILED_PRECONDITION'))).toBe(false);
    expect(isTransient(of('PERMISSION_DENIED'))).toBe(false);
    expect(isTransient(of('INVALID_ARGUMENT'))).toBe(false);
  });
});
