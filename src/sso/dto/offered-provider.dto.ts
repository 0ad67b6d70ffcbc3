/** An organization whose people may sign in with its identity provider: a button on the sign-in screen. */
export class OfferedProviderDto {
  organizationId: string;
  organizationName: string;
}
