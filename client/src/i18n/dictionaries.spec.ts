import { describe, expect, it } from '@jest/globals';
import { ar as sharedAr } from '../../../src/notifications/texts/ar';
import { en as sharedEn } from '../../../src/notifications/texts/en';
import { ar } from './ar';
import { en } from './en';

describe('client dictionaries', () => {
  it('say notifications exactly as the shared texts (and the emails) do', () => {
    for (const key of Object.keys(sharedEn) as (keyof typeof sharedEn)[]) {
      expect([key, en[key]]).toEqual([key, sharedEn[key]]);
      expect([key, ar[key]]).toEqual([key, sharedAr[key]]);
    }
  });

  it('translate every English key into Arabic', () => {
    expect(Object.keys(en).filter((key) => !(key in ar))).toEqual([]);
  });
});
