import { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { isFieldErrorCode } from '../common/errors/error-text';
import { fieldError } from '../common/errors/refusal';
import type { FieldErrorCode } from '../common/errors/texts/en';
import { ValidationFailed } from '../common/validation.pipe';

/**
 * zxcvbn's score: 3 is "safely unguessable" (about 10^8 guesses and more: an online attack never gets there, and an
 * offline one against argon2id is slow). Below it are common and breached passwords (zxcvbn ships the most common
 * leaked passwords), dictionary words with predictable changes, keyboard walks, repeats, sequences and dates.
 */
export const MIN_SCORE = 3;

/** Parts of a name or an address shorter than this are too common to count as personal (Al, Li, org, ...). */
const MIN_PERSONAL_PART = 3;

const WARNING_KEYS = Object.fromEntries(
  Object.keys(en.translations.warnings).map((key) => [key, key]),
) as typeof en.translations.warnings;

// Built on first use (about 150 ms and 35 MB of dictionaries), not at startup: most nodes rarely see a password set.
let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    // Each warning as its own key: the answer names it by a code the catalogue says in the reader's language.
    translations: { ...en.translations, warnings: WARNING_KEYS },
  });
  return estimator;
}

/** The user's name and email, whole and in parts, as zxcvbn's user inputs: a password built from them is weak. */
export function personalWords(personal: string[]): string[] {
  const words = new Set<string>();
  for (const value of personal) {
    const lower = value.trim().toLowerCase();
    if (!lower) continue;
    words.add(lower);
    const [local] = lower.split('@');
    words.add(local);
    for (const part of lower.split(/[^\p{L}\p{N}]+/u)) if (part.length >= MIN_PERSONAL_PART) words.add(part);
  }
  return [...words];
}

/** The password with every personal word taken out: what would be left for an attacker who knows the user. */
function withoutPersonal(password: string, words: string[]): string {
  let rest = password.toLowerCase();
  for (const word of [...words].sort((a, b) => b.length - a.length)) {
    if (word.length >= MIN_PERSONAL_PART) rest = rest.split(word).join('');
  }
  return rest;
}

/** zxcvbn's warning keys are camelCase (`topHundred`); codes are kebab-case (`password-weak-top-hundred`). */
export const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

function reason(result: ZxcvbnResult, personal: boolean): FieldErrorCode {
  if (personal) return 'password-personal';
  const code = `password-weak-${kebab(result.feedback.warning ?? '')}`;
  return isFieldErrorCode(code) ? code : 'password-weak';
}

/**
 * Why a password may not be used (a field code), or null. Scored by zxcvbn with the user's name and email as user inputs; then
 * what is left once those are taken out is scored again, so `karimi-nadia-99` is refused for Nadia Karimi even
 * where zxcvbn's best split of the whole string misses it.
 */
export function passwordProblem(password: string, personal: string[]): FieldErrorCode | null {
  const words = personalWords(personal);
  const whole = zxcvbn().check(password, words);
  if (whole.score < MIN_SCORE) {
    const usesPersonal = whole.sequence.some(
      (match) => match.pattern === 'dictionary' && match.dictionaryName === 'userInputs',
    );
    return reason(whole, usesPersonal);
  }
  const rest = withoutPersonal(password, words);
  if (rest.length < password.length && zxcvbn().check(rest, words).score < MIN_SCORE) return reason(whole, true);
  return null;
}

/** Throws the 400 the API answers for a password that may not be used, naming the field it came in. */
export function requireStrongPassword(password: string, personal: string[], field = 'password'): void {
  const problem = passwordProblem(password, personal);
  if (problem) throw new ValidationFailed([fieldError(field, problem)]);
}
