/** The one JSON shape of every error the API returns. */
export interface ErrorResponse {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldError[];
}

export interface FieldError {
  field: string;
  message: string;
}
