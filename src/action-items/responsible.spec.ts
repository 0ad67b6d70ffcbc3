import { isResponsible } from './responsible';

const FOCAL = { id: 'u-focal', displayName: 'Focal' };
const LEAD = { id: 'o-lead', name: 'Lead' };

describe('isResponsible', () => {
  it('holds for the focal person, whatever their organization', () => {
    expect(isResponsible({ focalPerson: FOCAL, leadOrganization: LEAD }, { id: 'u-focal', organizationId: null })).toBe(
      true,
    );
  });

  it('holds for a member of the lead organization', () => {
    expect(
      isResponsible({ focalPerson: FOCAL, leadOrganization: LEAD }, { id: 'u-other', organizationId: 'o-lead' }),
    ).toBe(true);
  });

  it('does not hold for anyone else', () => {
    expect(
      isResponsible({ focalPerson: FOCAL, leadOrganization: LEAD }, { id: 'u-other', organizationId: 'o-other' }),
    ).toBe(false);
  });

  it('does not hold for a user without organization on an item without focal person or lead', () => {
    expect(isResponsible({ focalPerson: null, leadOrganization: null }, { id: 'u-other', organizationId: null })).toBe(
      false,
    );
  });
});
