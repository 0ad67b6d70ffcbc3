import { EmailReader, mayReadEmail } from './email-visibility';

const reader = (overrides: Partial<EmailReader> = {}): EmailReader => ({
  id: 'reader',
  isAdmin: false,
  organizationId: 'org-a',
  role: 'member',
  ...overrides,
});
const member = { userId: 'someone', organizationId: 'org-b' };

describe('mayReadEmail', () => {
  it('hides another organization’s member from members and observers', () => {
    expect(mayReadEmail(reader(), member)).toBe(false);
    expect(mayReadEmail(reader({ role: 'observer' }), member)).toBe(false);
  });

  it('shows it to facilitators of the group and the workspace admin', () => {
    expect(mayReadEmail(reader({ role: 'facilitator' }), member)).toBe(true);
    expect(mayReadEmail(reader({ isAdmin: true, role: null }), member)).toBe(true);
  });

  it('shows it to the same organization, and to the member themselves', () => {
    expect(mayReadEmail(reader({ organizationId: 'org-b' }), member)).toBe(true);
    expect(mayReadEmail(reader({ id: 'someone', organizationId: null }), member)).toBe(true);
  });

  it('does not treat two accounts without an organization as colleagues', () => {
    expect(mayReadEmail(reader({ organizationId: null }), { userId: 'someone', organizationId: null })).toBe(false);
  });
});
