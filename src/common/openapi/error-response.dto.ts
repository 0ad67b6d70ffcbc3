import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import type { ErrorResponse, FieldError } from '../error-response';

/** A code's or a field's `params`: the values its text is filled with. */
const PARAMS: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  description: 'The values the text is filled with (`{ "minutes": 15 }`)',
};

/** One broken field of a 400 (or a header, `If-Match`; or a dependency, in a 503). */
export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'title', description: 'Dotted path in the body or query (`members.0.role`), or a header' })
  field: string;

  @ApiPropertyOptional({ example: 'too-short', description: 'Stable code of the problem (`enField` in the catalogue)' })
  code?: string;

  @ApiPropertyOptional(PARAMS)
  params?: Record<string, string | number>;

  @ApiProperty({ description: 'The problem in the request’s language' })
  message: string;
}

/** The body of every error the API answers (AllExceptionsFilter / toErrorResponse), documented once. */
export class ErrorResponseDto implements ErrorResponse {
  @ApiProperty({ example: 404 })
  statusCode: number;

  @ApiProperty({ example: 'Not Found', description: 'The status’s reason phrase' })
  error: string;

  @ApiProperty({ example: 'Thread not found', description: 'What went wrong, in the request’s language' })
  message: string;

  // Always set by toErrorResponse; optional in ErrorResponse only for the shapes built before it.
  @ApiProperty({ example: 'thread-not-found', description: 'Stable code (the keys of src/common/errors/texts/en.ts)' })
  code: string;

  @ApiPropertyOptional(PARAMS)
  params?: Record<string, string | number>;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Which fields are wrong and why (400, 503)' })
  details?: FieldErrorDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'On a stale version (409, 412): the resource as it is now, to merge and retry',
  })
  current?: unknown;
}
