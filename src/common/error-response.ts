/** The one JSON shape of every error the API returns. */
export interface ErrorResponse {
  statusCode: number;
  error: string;
  /** What went wrong, in the request's language (Accept-Language, else the user's setting, else English). */
  message: string;
  /**
   * A stable code for what went wrong (`registration-invite-only`, `thread-not-found`), one of the keys of
   * src/common/errors/texts/en.ts: the client says it in the reader's language.
   */
  code?: string;
  /** The values the code's text is filled with (`{ minutes: 15 }`), when it has any. */
  params?: Record<string, string | number>;
  details?: FieldError[];
  /** On a 409 for a stale version: the resource as it is now, so the client can merge and retry. */
  current?: unknown;
}

export interface FieldError {
  field: string;
  /** A stable code for the field's problem (`too-short`), one of the keys of `enField` in the same catalogue. */
  code?: string;
  params?: Record<string, string | number>;
  message: string;
}
