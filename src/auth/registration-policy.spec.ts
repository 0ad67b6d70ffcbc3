import { registrationRefusal } from './registration-policy';

const invited = (answer: boolean) => () => Promise.resolve(answer);

describe('registration policy', () => {
  it('lets anyone register when open, without asking about invitations', async () => {
    const ask = jest.fn(invited(false));
    expect(await registrationRefusal({ mode: 'open', domains: [] }, 'a@anywhere.example', ask)).toBeNull();
    expect(ask).not.toHaveBeenCalled();
  });

  it('matches the whole domain after the last @, case-insensitively, and nothing that only ends like it', async () => {
    const policy = { mode: 'domains' as const, domains: ['iom.int', 'mofa.gov.iq'] };
    expect(await registrationRefusal(policy, 'omar@IOM.int', invited(false))).toBeNull();
    expect(await registrationRefusal(policy, 'x@mofa.gov.iq', invited(false))).toBeNull();
    expect(await registrationRefusal(policy, 'x@evil-iom.int', invited(true))).toBe('registration-domain-not-allowed');
    expect(await registrationRefusal(policy, 'x@iom.int.evil.example', invited(true))).toBe(
      'registration-domain-not-allowed',
    );
  });

  it('lets an address register by invitation only while it holds a pending one', async () => {
    const policy = { mode: 'invite-only' as const, domains: [] };
    expect(await registrationRefusal(policy, 'a@b.example', invited(true))).toBeNull();
    expect(await registrationRefusal(policy, 'a@b.example', invited(false))).toBe('registration-invite-only');
  });
});
