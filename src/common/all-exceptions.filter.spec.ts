import { QueryFailedError } from 'typeorm';
import { toErrorResponse } from './all-exceptions.filter';

/** A failed query as TypeORM reports it, with PostgreSQL's SQLSTATE and message. */
function failedQuery(code: string, message: string): QueryFailedError {
  return new QueryFailedError('INSERT …', [], Object.assign(new Error(message), { code }));
}

describe('toErrorResponse for database failures', () => {
  it('answers a full disk with 503 and says so', () => {
    const response = toErrorResponse(
      failedQuery('53100', 'could not extend file "base/16384/16400": No space left on device'),
    );
    expect(response.statusCode).toBe(503);
    expect(response.message).toMatch(/disk is full/);
  });

  it('answers a disk gone read-only (PostgreSQL: insufficient privilege on a file) with 503', () => {
    const response = toErrorResponse(
      failedQuery('42501', 'could not open file "base/16384/16400": Read-only file system'),
    );
    expect(response.statusCode).toBe(503);
  });

  it('keeps a permission error that is not about a file a 500 (a bug to see, not an outage)', () => {
    expect(toErrorResponse(failedQuery('42501', 'permission denied for table users')).statusCode).toBe(500);
  });

  it('answers an I/O error as unavailable', () => {
    expect(
      toErrorResponse(failedQuery('58030', 'could not write to file "pg_wal/x": Input/output error')).statusCode,
    ).toBe(503);
  });
});

const UNAVAILABLE = {
  statusCode: 503,
  error: 'Service Unavailable',
  message: 'The database is unavailable; try again shortly',
};

/** What pg reports when the server refuses a new connection, as thrown by pool.connect(). */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

describe('toErrorResponse: PostgreSQL unavailability', () => {
  it.each([
    ['53300', 'sorry, too many clients already'],
    ['53300', 'too many connections for role "tansiq"'],
    ['53300', 'too many connections for database "tansiq"'],
    ['57P03', 'the database system is starting up'],
    ['57014', 'canceling statement due to statement timeout'],
    ['55000', 'database "tansiq" is not currently accepting connections'],
  ])('answers 503 for SQLSTATE %s (%s) thrown by a connect', (code, message) => {
    expect(toErrorResponse(pgError(code, message))).toEqual(UNAVAILABLE);
  });

  it('answers 503 for 53300 wrapped in a QueryFailedError', () => {
    const error = new QueryFailedError('SELECT 1', [], pgError('53300', 'sorry, too many clients already'));
    expect(toErrorResponse(error)).toEqual(UNAVAILABLE);
  });

  it('still answers a bare 500 for a query error that is not about availability', () => {
    const error = new QueryFailedError('SELECT 1', [], pgError('22P02', 'invalid input syntax for type integer'));
    expect(toErrorResponse(error)).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
  });
});
