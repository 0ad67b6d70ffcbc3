import { createHash, randomBytes } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * Ten codes of 80 random bits each (16 base32 letters, shown in groups of four). At 80 bits a fast hash is enough
 * to store them: nobody can try 2^80 candidates against a stolen table.
 */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const letters = [...randomBytes(10)]
      .map((byte) => byte.toString(2).padStart(8, '0'))
      .join('')
      .match(/.{5}/g)!
      .map((bits) => ALPHABET[parseInt(bits, 2)])
      .join('');
    return letters.match(/.{4}/g)!.join('-');
  });
}

/** What a typed code is compared as: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');
}
