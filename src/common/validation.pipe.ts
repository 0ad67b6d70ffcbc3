import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError } from './error-response';
import { fieldCodeOf } from './errors/field-codes';
import { fieldError, refusal } from './errors/refusal';

/** Flattens class-validator's tree into dotted field paths (`members.0.role`), one coded problem per broken rule. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    // A whole-body error (an array where an object belongs) has no property: name the body itself.
    const field = (parent ? `${parent}.${error.property}` : error.property) || '(body)';
    const own = Object.keys(error.constraints ?? {}).map((rule) => {
      const { code, params } = fieldCodeOf(error, rule);
      return fieldError(field, code, params);
    });
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** The 400 for fields that break a rule: `details` say which and why, each with its own code. */
export class ValidationFailed extends BadRequestException {
  constructor(readonly details: FieldError[]) {
    super(details.length === 1 ? details[0].message : refusal('validation-failed', { count: details.length }).message);
  }
}

/** Whitelisted, unknown properties rejected, payloads turned into DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // The target stays on the errors so a rule's arguments (minLength's 10) can be read back for the field's params;
    // the factory below passes on only field, code and params, never the object or its values.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new ValidationFailed(fieldErrors(errors)),
  });
}
