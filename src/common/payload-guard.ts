import { FieldError } from './error-response';
import { fieldError } from './errors/refusal';

/** Deeper than any DTO goes; far below where recursive transformers run out of stack. */
export const MAX_DEPTH = 32;

/** Keys that reach the prototype machinery: never legitimate in a request, whatever the DTO. */
const FORBIDDEN_KEYS = new Set([
  '__proto__',
  'constructor',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/**
 * Checks a parsed payload before any transformation touches it: nesting depth, property names that shadow
 * Object.prototype (which validators would otherwise let through), and strings PostgreSQL cannot store
 * (U+0000, lone surrogates). Iterative, so a hostile depth cannot exhaust the stack here either.
 * Returns the first problem, naming the field by its dotted path.
 */
export function checkPayload(value: unknown, root: string): FieldError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000') || !current.isWellFormed()) {
        return fieldError(path, 'invalid-text');
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_DEPTH) return fieldError(path, 'too-deep', { max: MAX_DEPTH });
    for (const key of Object.keys(current)) {
      const child = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return fieldError(child, 'unknown-field');
      if (!key.isWellFormed() || key.includes('\u0000')) return fieldError(path, 'invalid-property-name');
      stack.push({ value: (current as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return null;
}
