import { ledger, LedgerItem, LedgerPosition } from './ledger';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));
const positions: LedgerPosition[] = [
  { recommendationId: 'R1', organizationId: 'O1', position: 'endorse', updatedAt: at(1) },
  { recommendationId: 'R1', organizationId: 'O1', position: 'object', updatedAt: at(2) }, // a later colleague
  { recommendationId: 'R2', organizationId: 'O2', position: 'endorse', updatedAt: at(3) },
  { recommendationId: 'R1', organizationId: 'O2', position: 'endorse', updatedAt: at(4) },
  { recommendationId: 'R2', organizationId: 'O3', position: 'endorse-with-reservations', updatedAt: at(5) },
  { recommendationId: 'R5', organizationId: 'O4', position: 'object', updatedAt: at(6) }, // R5 was not adopted
];
const item = (
  id: string,
  recommendationId: string,
  lead: string,
  supporting: string[],
  claimed: number,
  verified: number,
): LedgerItem => ({
  id,
  recommendationId,
  leadOrganizationId: lead,
  supportingOrganizationIds: supporting,
  weight: 1,
  claimed,
  verified,
});
const items = [
  item('A1', 'R1', 'O1', ['O3'], 80, 50),
  item('A2', 'R1', 'O2', [], 20, 20),
  item('B1', 'R2', 'O2', [], 100, 100),
];
const entries = ledger(['O1', 'O2', 'O3', 'O4'], ['R1', 'R2'], positions, items);
const entry = (id: string) => entries.find((e) => e.organizationId === id);

describe('commitment ledger', () => {
  it('takes an organization’s latest word and says when its members were divided', () => {
    expect(entry('O1')!.positions).toEqual([{ recommendationId: 'R1', position: 'object', divided: true }]);
    expect(entry('O2')!.positions).toEqual([
      { recommendationId: 'R1', position: 'endorse', divided: false },
      { recommendationId: 'R2', position: 'endorse', divided: false },
    ]);
  });

  it('finds "objected, leads an action" with the actions it leads', () => {
    expect(entry('O1')!.contradictions).toEqual([
      { kind: 'objected-leads-action', recommendationId: 'R1', actionIds: ['A1'] },
    ]);
  });

  it('finds "endorsed, leads nothing" (with reservations counts as endorsing)', () => {
    expect(entry('O3')!.contradictions).toEqual([
      { kind: 'endorsed-leads-nothing', recommendationId: 'R2', actionIds: [] },
    ]);
  });

  it('finds no contradiction where an endorser leads actions', () => {
    expect(entry('O2')!.contradictions).toEqual([]);
  });

  it('lists what each leads and supports, and what it delivered, claimed and verified', () => {
    expect(entry('O2')).toMatchObject({ leads: ['A2', 'B1'], supports: [], delivered: { claimed: 60, verified: 60 } });
    expect(entry('O3')).toMatchObject({ leads: [], supports: ['A1'], delivered: { claimed: null, verified: null } });
  });

  it('leaves out positions on recommendations that were not adopted', () => {
    expect(entry('O4')).toBeUndefined();
  });
});
