import { isTimeZone } from '../common/time-zone';
import { isWorkingTime, nextWorkingTime, weeklyDigestDay, WorkingWeek } from './working-hours';

const cairo: WorkingWeek = { timeZone: 'Africa/Cairo', weekendDays: [5, 6], workStartHour: 9, workEndHour: 17 };

describe('working hours', () => {
  it('counts a Sunday morning in Cairo as working time when the weekend is Friday–Saturday', () => {
    // 2026-12-06 is a Sunday; 08:00 UTC is 10:00 in Cairo (UTC+2).
    expect(isWorkingTime(new Date('2026-12-06T08:00:00Z'), cairo)).toBe(true);
  });

  it('holds a Friday email in Cairo until Sunday 09:00 local', () => {
    const friday = new Date('2026-12-04T10:00:00Z');
    expect(nextWorkingTime(friday, cairo).toISOString()).toBe('2026-12-06T07:00:00.000Z');
  });

  it('holds an evening email until the next morning, in the reader’s zone not the server’s', () => {
    const evening = new Date('2026-12-07T18:30:00Z'); // Monday 20:30 in Cairo
    expect(nextWorkingTime(evening, cairo).toISOString()).toBe('2026-12-08T07:00:00.000Z');
    const kolkata: WorkingWeek = { timeZone: 'Asia/Kolkata', weekendDays: [6, 7], workStartHour: 9, workEndHour: 18 };
    // Monday 2026-12-07 02:00 UTC is 07:30 in Kolkata (UTC+5:30): work starts 03:30 UTC.
    expect(nextWorkingTime(new Date('2026-12-07T02:00:00Z'), kolkata).toISOString()).toBe('2026-12-07T03:30:00.000Z');
  });

  it('sends at once during working hours', () => {
    const now = new Date('2026-12-07T10:00:00Z');
    expect(nextWorkingTime(now, cairo)).toBe(now);
  });

  it('puts the weekly digest on the first working day after the weekend', () => {
    expect(weeklyDigestDay([6, 7])).toBe(1);
    expect(weeklyDigestDay([5, 6])).toBe(7);
    expect(weeklyDigestDay([5])).toBe(6);
  });

  it('knows IANA time zones and refuses made-up ones', () => {
    expect(isTimeZone('Asia/Amman')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
