/** The one JSON shape of every error the API returns. */
export interface ErrorResponse {
  statusCode: number;
  error: string;
  message: string;
  /** A stable code for a refusal the client explains in the reader's language (e.g. `registration-invite-only`). */
  code?: string;
  details?: FieldError[];
  /** On a 409 for a stale version: the resource as it is now, so the client can merge and retry. */
  current?: unknown;
}

export interface FieldError {
  field: string;
  message: string;
}
