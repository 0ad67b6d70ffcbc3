import { seal, unseal } from '../common/sealed-secret';

/**
 * An identity provider's client secret at rest: AES-256-GCM under a key derived from JWT_SECRET for this purpose only
 * (the outbox's sealed tokens use another). A database dump alone does not give it away.
 */
const PURPOSE = 'identity-provider' as const;

export function sealClientSecret(serverSecret: string, clientSecret: string): string {
  return seal(serverSecret, clientSecret, PURPOSE);
}

/** Throws when sealed under another server secret (JWT_SECRET changed): the admin enters the secret again. */
export function openClientSecret(serverSecret: string, sealed: string): string {
  return unseal(serverSecret, sealed, PURPOSE);
}
