import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError } from './error-response';

/** Flattens class-validator's tree into dotted field paths (`members.0.role`). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    // A whole-body error (an array where an object belongs) has no property: name the body itself.
    const field = (parent ? `${parent}.${error.property}` : error.property) || '(body)';
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export class ValidationFailed extends BadRequestException {
  constructor(readonly details: FieldError[]) {
    super(details.length === 1 ? details[0].message : `${details.length} fields are invalid`);
  }
}

/** Whitelisted, unknown properties rejected, payloads turned into DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailed(fieldErrors(errors)),
  });
}
