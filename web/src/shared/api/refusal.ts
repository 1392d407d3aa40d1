// Why the server did not do something: the gRPC code, the ErrorInfo reason and the fields named
// by a BadRequest, from a Connect error, a REST error body or a SyncVisits result. The app words
// it in the user's language by its reason; the server's English message is the fallback.
import { fromJson, createRegistry, type JsonValue } from '@bufbuild/protobuf';
import { anyUnpack } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError } from '@connectrpc/connect';
import { BadRequestSchema, ErrorInfoSchema } from '../../gen/google/rpc/error_details_pb';
import { StatusSchema, type Status } from '../../gen/google/rpc/status_pb';
import { hasMessage, t } from '../i18n/i18n';

export interface Refusal {
  /** The gRPC code in UPPER_SNAKE, e.g. FAILED_PRECONDITION. */
  code: string;
  /** The ErrorInfo reason, e.g. VISIT_OUTSIDE_ASSIGNMENT; empty when the server gave none. */
  reason: string;
  /** The server's message (English). */
  message: string;
  fields: string[];
  /** The ErrorInfo's facts (codes and numbers only), e.g. GUIDE_AT_CAPACITY's max_active_clients. */
  metadata?: Record<string, string>;
}

const CODE_NAMES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND',
  'ALREADY_EXISTS', 'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED',
  'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
];
const details = createRegistry(ErrorInfoSchema, BadRequestSchema);

export function codeName(code: number): string {
  return CODE_NAMES[code] ?? 'UNKNOWN';
}

/** From a google.rpc.Status message (a SyncVisits result, a parsed REST error body). */
export function refusalFromStatus(status: Status): Refusal {
  let reason = '';
  let metadata: Record<string, string> = {};
  const fields: string[] = [];
  for (const detail of status.details) {
    const info = anyUnpack(detail, ErrorInfoSchema);
    if (info) {
      reason = info.reason;
      metadata = { ...info.metadata };
    }
    const badRequest = anyUnpack(detail, BadRequestSchema);
    if (badRequest) fields.push(...badRequest.fieldViolations.map((violation) => violation.field));
  }
  return {
    code: codeName(status.code),
    reason,
    message: status.message,
    fields,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

/**
 * From the JSON of a google.rpc.Status (a REST error body, a SyncVisits result) with `@type`d
 * details. A detail of a type this app does not know is passed over: the code and the ErrorInfo
 * reason still come through.
 */
export function refusalFromStatusJson(json: JsonValue): Refusal {
  try {
    return refusalFromStatus(fromJson(StatusSchema, json, { registry: details, ignoreUnknownFields: true }));
  } catch {
    const status = (json ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    const known = Array.isArray(status.details)
      ? status.details.filter((detail): detail is JsonValue => {
          const type = (detail as { '@type'?: unknown } | null)?.['@type'];
          return typeof type === 'string' && details.getMessage(type.replace(/^.*\//, '')) !== undefined;
        })
      : [];
    return refusalFromStatus(
      fromJson(
        StatusSchema,
        { code: typeof status.code === 'number' ? status.code : 2, message: String(status.message ?? ''), details: known },
        { registry: details, ignoreUnknownFields: true },
      ),
    );
  }
}

export function refusalFromError(error: unknown): Refusal {
  const connectError = ConnectError.from(error);
  const info = connectError.findDetails(ErrorInfoSchema)[0];
  const fields = connectError
    .findDetails(BadRequestSchema)
    .flatMap((badRequest) => badRequest.fieldViolations.map((violation) => violation.field));
  return {
    code: codeName(connectError.code),
    reason: info?.reason ?? '',
    message: connectError.rawMessage,
    fields,
    metadata: { ...info?.metadata },
  };
}

/** Refusals that sending again later may cure: the item stays waiting, not refused. */
export function isTransient(refusal: Refusal): boolean {
  return ['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'RESOURCE_EXHAUSTED', 'ABORTED', 'INTERNAL', 'UNKNOWN', 'CANCELLED']
    .includes(refusal.code);
}

export function isUnauthenticated(refusal: Refusal): boolean {
  return refusal.code === 'UNAUTHENTICATED';
}

/** The refusal in the user's language. */
export function describeRefusal(refusal: Refusal): string {
  const byReason = `reason.${refusal.reason}`;
  if (refusal.reason && hasMessage(byReason)) return t(byReason);
  if (refusal.message) return refusal.message;
  const byCode = `code.${refusal.code}`;
  return hasMessage(byCode) ? t(byCode) : t('code.OTHER');
}

export { Code };
