import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

/** What each documented refusal means in this API (the body is always ErrorResponseDto). */
const MEANING = {
  400: 'Invalid input: `details` names each field (or header) and its problem',
  401: 'Not signed in, or the token is expired or revoked',
  403: 'Signed in but not allowed (also `two-factor-required` until an account that must enrol has)',
  404: 'Not found, or not visible to the caller (the same answer for both)',
  409: 'Conflicts with the current state (archived, closed, taken, or a stale `version`: see `current`)',
  410: 'No longer available',
  412: 'If-Match names a version the resource has moved past: `current` is the resource as it is now',
  413: 'Body or file too large',
  415: 'Unsupported body type',
  422: 'Understood but refused as a whole (a workbook with a wrong row: the body also carries the import result)',
  429: 'Too many requests: wait and try again',
  503: 'Unavailable (database away, disk full, node draining): try again shortly',
} as const;

export type ErrorStatus = keyof typeof MEANING;

/**
 * The refusals an operation (or every operation of a controller) may answer, each with the one error body: always
 * JSON, also where the success is a file or CSV (which @ApiProduces would otherwise claim for every answer).
 */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  const content = { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } };
  return applyDecorators(
    ApiExtraModels(ErrorResponseDto),
    ...statuses.map((status) => ApiResponse({ status, description: MEANING[status], content })),
  );
}

/** Documented on every operation: any query or body may be refused field by field, and any node may be away. */
export const GLOBAL_ERRORS = ([400, 503] as const).map((status) => ({
  status,
  description: MEANING[status],
  type: ErrorResponseDto,
}));
