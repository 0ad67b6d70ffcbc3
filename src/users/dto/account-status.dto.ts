/** Whether an account may sign in, as the workspace admin set it. */
export class AccountStatusDto {
  id: string;
  active: boolean;
  deactivatedAt: string | null;
}

export function toAccountStatusDto(id: string, deactivatedAt: Date | null): AccountStatusDto {
  return {
    id,
    active: deactivatedAt === null,
    deactivatedAt: deactivatedAt ? new Date(deactivatedAt).toISOString() : null,
  };
}
