import { QueryFailedError } from 'typeorm';
import { toErrorResponse } from './all-exceptions.filter';

/** A failed query as TypeORM reports it, with PostgreSQL's SQLSTATE and message. */
function pgError(code: string, message: string): QueryFailedError {
  return new QueryFailedError('INSERT …', [], Object.assign(new Error(message), { code }));
}

describe('toErrorResponse for database failures', () => {
  it('answers a full disk with 503 and says so', () => {
    const response = toErrorResponse(
      pgError('53100', 'could not extend file "base/16384/16400": No space left on device'),
    );
    expect(response.statusCode).toBe(503);
    expect(response.message).toMatch(/disk is full/);
  });

  it('answers a disk gone read-only (PostgreSQL: insufficient privilege on a file) with 503', () => {
    const response = toErrorResponse(pgError('42501', 'could not open file "base/16384/16400": Read-only file system'));
    expect(response.statusCode).toBe(503);
  });

  it('keeps a permission error that is not about a file a 500 (a bug to see, not an outage)', () => {
    expect(toErrorResponse(pgError('42501', 'permission denied for table users')).statusCode).toBe(500);
  });

  it('answers an I/O error as unavailable', () => {
    expect(toErrorResponse(pgError('58030', 'could not write to file "pg_wal/x": Input/output error')).statusCode).toBe(
      503,
    );
  });
});
