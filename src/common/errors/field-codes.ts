import { getMetadataStorage, ValidationError } from 'class-validator';
import type { ErrorParams } from './error-text';
import type { FieldErrorCode } from './texts/en';

/** class-validator's rule names (its `constraints` keys) as the field codes clients read. */
const RULES: Record<string, FieldErrorCode> = {
  isString: 'not-a-string',
  isNumber: 'not-a-number',
  isInt: 'not-an-integer',
  isBoolean: 'not-a-boolean',
  isArray: 'not-an-array',
  isObject: 'not-an-object',
  nestedValidation: 'not-an-object',
  unknownValue: 'not-an-object',
  isNotEmpty: 'empty',
  isDefined: 'empty',
  arrayNotEmpty: 'empty-list',
  minLength: 'too-short',
  maxLength: 'too-long',
  isLength: 'wrong-length',
  min: 'too-small',
  max: 'too-large',
  arrayMaxSize: 'too-many-items',
  arrayUnique: 'duplicate-items',
  isUuid: 'invalid-uuid',
  isEmail: 'invalid-email',
  isDateString: 'invalid-date',
  isIso8601: 'invalid-date',
  isUrl: 'invalid-url',
  isFqdn: 'invalid-domain',
  timeZone: 'invalid-time-zone',
  matches: 'invalid-format',
  isIn: 'not-one-of',
  isEnum: 'not-one-of',
  whitelistValidation: 'unknown-field',
};

/** A rule's arguments as the code's params: `minLength(10)` → `{ min: 10 }`. */
function paramsOf(rule: string, constraints: unknown[]): ErrorParams | undefined {
  const [first, second] = constraints;
  switch (rule) {
    case 'minLength':
    case 'min':
      return { min: Number(first) };
    case 'maxLength':
    case 'max':
    case 'arrayMaxSize':
      return { max: Number(first) };
    case 'isLength':
      return { min: Number(first), max: Number(second) };
    case 'isIn':
      return Array.isArray(first) ? { values: first.join(', ') } : undefined;
    case 'isEnum':
      return Array.isArray(second) ? { values: second.join(', ') } : undefined;
    default:
      return undefined;
  }
}

/** The arguments a rule was declared with on the validated class (class-validator keeps them only in metadata). */
function constraintsOf(error: ValidationError, rule: string): unknown[] {
  const target = error.target?.constructor;
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((entry) => entry.propertyName === error.property && (entry.name ?? entry.type) === rule);
  return (metadata?.constraints as unknown[] | undefined) ?? [];
}

/**
 * What is wrong with one property, by rule: a code and its params. `minLength(1)` reads as "must not be empty". The
 * DTOs' own `message` options are not used: the catalogue says every code in both languages.
 */
export function fieldCodeOf(error: ValidationError, rule: string): { code: FieldErrorCode; params?: ErrorParams } {
  const code = RULES[rule] ?? 'invalid-value';
  const params = paramsOf(rule, constraintsOf(error, rule));
  if (code === 'too-short' && params?.min === 1) return { code: 'empty' };
  // Two patterns say more than "the expected form": an emoji, and a domain name (SSO's allowedDomains).
  if (rule === 'matches' && error.property === 'emoji') return { code: 'invalid-emoji' };
  if (rule === 'matches' && /domains?$/i.test(error.property)) return { code: 'invalid-domain' };
  return params ? { code, params } : { code };
}
