import { acceptedLocale, requestLocale } from './request-locale';

describe('acceptedLocale', () => {
  it.each([
    ['ar', 'ar'],
    ['ar-EG,ar;q=0.9,en;q=0.8', 'ar'],
    ['fr-FR, en;q=0.5, ar;q=0.7', 'ar'],
    ['EN-gb', 'en'],
    ['de, fr', null],
    ['ar;q=0, en', 'en'],
    ['*', null],
    ['', null],
  ])('reads %j as %j', (header, expected) => {
    expect(acceptedLocale(header)).toBe(expected);
  });

  it('reads a header given more than once', () => {
    expect(acceptedLocale(['de', 'ar'])).toBe('ar');
  });
});

describe('requestLocale', () => {
  it('prefers the header to the user setting', () => {
    expect(requestLocale({ headers: { 'accept-language': 'en' }, user: { locale: 'ar' } })).toBe('en');
  });

  it('falls back to the user setting, then English', () => {
    expect(requestLocale({ headers: { 'accept-language': 'de' }, user: { locale: 'ar' } })).toBe('ar');
    expect(requestLocale({ headers: {} })).toBe('en');
  });
});
