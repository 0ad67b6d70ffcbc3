import { etagOf, parseIfMatch } from './action-item-changes';

describe("an action item's ETag", () => {
  it('is its version, strong and quoted, and If-Match reads it back', () => {
    expect(etagOf({ version: 7 })).toBe('"7"');
    expect(parseIfMatch(etagOf({ version: 7 }))).toBe(7);
  });

  it('is not a number If-Match would take for another version', () => {
    expect(etagOf({ version: 12 })).not.toBe(etagOf({ version: 1 }));
    expect(parseIfMatch('W/"12"')).toBe(12);
  });
});
