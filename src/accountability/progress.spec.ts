import { claimedProgress, ProgressSource, verifiedProgress } from './progress';

const item = (over: Partial<ProgressSource>): ProgressSource => ({
  status: 'open',
  progress: null,
  verifiedProgress: null,
  milestonesDone: 0,
  milestonesTotal: 0,
  ...over,
});

describe('progress of one action item', () => {
  it('takes the status default while nobody claimed and there are no milestones', () => {
    expect(claimedProgress(item({ status: 'open' }))).toBe(0);
    expect(claimedProgress(item({ status: 'in-progress' }))).toBe(50);
    expect(claimedProgress(item({ status: 'blocked' }))).toBe(50);
  });

  it('counts milestones done (1 of 3 → 33) before the status default', () => {
    expect(claimedProgress(item({ status: 'in-progress', milestonesDone: 1, milestonesTotal: 3 }))).toBe(33);
  });

  it('prefers a standing claim to milestones', () => {
    expect(claimedProgress(item({ progress: 70, milestonesDone: 1, milestonesTotal: 3 }))).toBe(70);
  });

  it('says 100 for a done item whatever was claimed, and verifies nothing by itself', () => {
    expect(claimedProgress(item({ status: 'done', progress: 40 }))).toBe(100);
    expect(verifiedProgress(item({ status: 'done', progress: 40 }))).toBe(0);
    expect(verifiedProgress(item({ status: 'done', verifiedProgress: 90 }))).toBe(90);
  });

  it('has no figures for a cancelled item', () => {
    expect(claimedProgress(item({ status: 'cancelled', progress: 60 }))).toBeNull();
    expect(verifiedProgress(item({ status: 'cancelled', verifiedProgress: 60 }))).toBeNull();
  });
});
