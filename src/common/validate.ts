import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { checkPayload } from './payload-guard';
import { fieldError } from './errors/refusal';
import { fieldErrors, ValidationFailed } from './validation.pipe';

/**
 * The validation of the global pipe, for payloads that do not come through it (socket events):
 * same DTOs, same rules, same 400 naming the field.
 */
export async function validatePayload<T extends object>(type: new () => T, payload: unknown): Promise<T> {
  if (
    payload === null ||
    typeof payload !== 'object' ||
    Array.isArray(payload) ||
    Buffer.isBuffer(payload) ||
    ArrayBuffer.isView(payload)
  ) {
    throw new ValidationFailed([fieldError('(payload)', 'not-an-object')]);
  }
  const problem = checkPayload(payload, '');
  if (problem) throw new ValidationFailed([problem]);
  const dto = plainToInstance(type, payload);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ValidationFailed(fieldErrors(errors));
  return dto;
}
