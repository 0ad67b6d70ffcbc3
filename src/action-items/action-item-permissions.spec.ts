import { ConflictException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { GroupStanding, requirePermission, requireResponsible } from './action-item-permissions';

const user = (over: Partial<AuthUser> = {}): AuthUser => ({
  id: 'u-1',
  email: 'u1@example.org',
  displayName: 'U1',
  organizationId: 'o-1',
  isAdmin: false,
  emailVerified: true,
  locale: 'en',
  sessionId: 's-1',
  ...over,
});
const standing = (role: GroupStanding['role'], archived = false): GroupStanding => ({ role, archived });
const item = (focal: string | null, lead: string | null) => ({
  focalPerson: focal ? { id: focal, displayName: 'F' } : null,
  leadOrganization: lead ? { id: lead, name: 'L' } : null,
});

describe('action item permissions, decided from the standing read with the item', () => {
  it('lets a facilitator and the admin outside the group manage', () => {
    expect(() => requirePermission(user(), standing('facilitator'), Permission.ActionManage)).not.toThrow();
    expect(() => requirePermission(user({ isAdmin: true }), standing(null), Permission.ActionManage)).not.toThrow();
  });

  it('answers 403 to a reader beyond their role, 409 to a write in an archived group, 404 to a non-reader', () => {
    expect(() => requirePermission(user(), standing('member'), Permission.ActionManage)).toThrow(ForbiddenException);
    expect(() => requirePermission(user(), standing('facilitator', true), Permission.ActionManage)).toThrow(
      ConflictException,
    );
    expect(() => requirePermission(user(), standing(null), Permission.ActionComment)).toThrow(NotFoundException);
  });

  it('lets the focal person and a member of the lead organization who may work move the item', () => {
    expect(() => requireResponsible(user(), standing('member'), item('u-1', null))).not.toThrow();
    expect(() => requireResponsible(user(), standing('member'), item(null, 'o-1'))).not.toThrow();
  });

  it('lets a facilitator move an item they do not answer for', () => {
    expect(() => requireResponsible(user(), standing('facilitator'), item('u-2', 'o-2'))).not.toThrow();
  });

  it('refuses a member who does not answer for the item, and an observer who does', () => {
    const refused = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        return (error as HttpException).getStatus();
      }
      return 'allowed';
    };
    expect(refused(() => requireResponsible(user(), standing('member'), item('u-2', 'o-2')))).toBe(403);
    expect(refused(() => requireResponsible(user(), standing('observer'), item('u-1', null)))).toBe(403);
  });

  it('refuses those responsible in an archived group with 409', () => {
    expect(() => requireResponsible(user(), standing('member', true), item('u-1', null))).toThrow(ConflictException);
  });
});
