import { ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import { IsEmail, IsIn, MinLength, validate } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import { toErrorResponse } from './all-exceptions.filter';
import { fieldError, refusal } from './errors/refusal';
import { fieldErrors, ValidationFailed } from './validation.pipe';

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
  code: 'database-unavailable',
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
      code: 'internal-error',
      message: 'Internal server error',
    });
  });
});

class SignUp {
  @IsEmail()
  email!: string;

  @MinLength(10)
  password!: string;

  @IsIn(['en', 'ar'])
  locale!: string;
}

async function signUpErrors(body: Partial<SignUp>): Promise<ValidationFailed> {
  return new ValidationFailed(fieldErrors(await validate(Object.assign(new SignUp(), body))));
}

describe('toErrorResponse: codes and languages', () => {
  it('says a coded refusal in the language asked for, keeping status and code', () => {
    const error = new NotFoundException(refusal('thread-not-found'));
    expect(toErrorResponse(error)).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'thread-not-found',
      message: 'Thread not found',
    });
    expect(toErrorResponse(error, 'ar')).toMatchObject({
      statusCode: 404,
      code: 'thread-not-found',
      message: 'النقاش غير موجود',
    });
  });

  it("fills a code's params in either language and hands them on", () => {
    const error = new HttpException(refusal('two-factor-locked', { minutes: 15 }), 429);
    expect(toErrorResponse(error)).toMatchObject({ code: 'two-factor-locked', params: { minutes: 15 } });
    expect(toErrorResponse(error).message).toMatch(/15 more minute/);
    expect(toErrorResponse(error, 'ar').message).toContain('15 دقيقة');
  });

  it('gives a refusal without a code the code of its status, in Arabic its status text', () => {
    const throttled = new HttpException('ThrottlerException: Too Many Requests', 429);
    expect(toErrorResponse(throttled)).toMatchObject({
      code: 'too-many-requests',
      message: 'ThrottlerException: Too Many Requests',
    });
    expect(toErrorResponse(throttled, 'ar').message).toBe('طلبات كثيرة جدًا: انتظر قليلًا ثم أعد المحاولة');
    expect(toErrorResponse(new ConflictException(), 'ar').code).toBe('conflict');
  });

  it('says a code the catalogue does not know by its status in Arabic, keeping the code', () => {
    const foreign = new ConflictException({ code: 'from-elsewhere', message: 'Something in English' });
    expect(toErrorResponse(foreign)).toMatchObject({ code: 'from-elsewhere', message: 'Something in English' });
    expect(toErrorResponse(foreign, 'ar')).toMatchObject({
      code: 'from-elsewhere',
      message: 'يتعارض الطلب مع الحالة الراهنة',
    });
  });

  it('codes each broken rule of a DTO with its numbers, naming the field in the language asked for', async () => {
    const failed = await signUpErrors({ email: 'nadia@ministry.example.org', password: 'short', locale: 'fr' });
    const english = toErrorResponse(failed);
    expect(english).toMatchObject({ statusCode: 400, code: 'validation-failed', params: { count: 2 } });
    expect(english.message).toBe('2 fields are invalid');
    expect(english.details).toEqual([
      { field: 'password', code: 'too-short', params: { min: 10 }, message: 'password must be at least 10 characters' },
      { field: 'locale', code: 'not-one-of', params: { values: 'en, ar' }, message: 'locale must be one of: en, ar' },
    ]);
    const arabic = toErrorResponse(failed, 'ar');
    expect(arabic.message).toBe('عدد الحقول غير الصالحة: 2');
    expect(arabic.details?.[0].message).toBe('يجب ألا يقل طول الحقل «كلمة المرور» عن 10 حرفًا');
  });

  it("answers one broken field with that field's message", async () => {
    const failed = await signUpErrors({ email: 'not an address', password: 'long enough now', locale: 'ar' });
    expect(toErrorResponse(failed, 'ar')).toMatchObject({
      code: 'validation-failed',
      message: 'يجب أن يكون الحقل «البريد الإلكتروني» عنوان بريد إلكتروني',
      details: [{ field: 'email', code: 'invalid-email' }],
    });
  });

  it("renders a service's own field codes", () => {
    const failed = new ValidationFailed([fieldError('status', 'status-transition', { from: 'open', to: 'done' })]);
    expect(toErrorResponse(failed).details).toEqual([
      {
        field: 'status',
        code: 'status-transition',
        params: { from: 'open', to: 'done' },
        message: 'cannot go from Open to Done',
      },
    ]);
    // The statuses stay machine values in params and are named in the sentence's language.
    expect(toErrorResponse(failed, 'ar').message).toBe('لا يمكن الانتقال من الحالة مفتوحة إلى الحالة منجزة');
  });

  it('codes body-parser refusals', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
      expose: true,
    });
    const malformed = Object.assign(new Error('Unexpected token'), {
      type: 'entity.parse.failed',
      status: 400,
      expose: true,
    });
    expect(toErrorResponse(tooLarge, 'ar')).toMatchObject({ statusCode: 413, code: 'payload-too-large' });
    // Nest's Express adapter hands them on wrapped, with body-parser's own text (which may quote the body).
    const wrapped = new HttpException('Unexpected token } in JSON at position 9', 400, { cause: malformed });
    expect(toErrorResponse(wrapped, 'ar')).toMatchObject({ statusCode: 400, code: 'malformed-json' });
    expect(toErrorResponse(wrapped).message).toBe('Malformed JSON body');
    expect(toErrorResponse(malformed)).toMatchObject({
      statusCode: 400,
      code: 'malformed-json',
      message: 'Malformed JSON body',
    });
  });
});
