import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

/**
 * The emails a server without SMTP_URL wrote as .eml files under `<DATA_DIR>/mail/<day>/`, to one address: what
 * its owner would find in their mailbox. Parsed, so quoted-printable line breaks do not split links.
 */
export async function mailFilesTo(dataDir: string, address: string): Promise<{ subject: string; text: string }[]> {
  const root = join(dataDir, 'mail');
  const files = readdirSafe(root).flatMap((day) =>
    readdirSafe(join(root, day))
      .filter((name) => name.endsWith('.eml'))
      .map((name) => join(root, day, name)),
  );
  const found: { subject: string; text: string }[] = [];
  for (const file of files) {
    const parsed = await simpleParser(readFileSync(file));
    const to = [parsed.to ?? []].flat().flatMap((group) => group.value.map((a) => a.address?.toLowerCase()));
    if (to.includes(address.toLowerCase())) found.push({ subject: parsed.subject ?? '', text: parsed.text ?? '' });
  }
  return found;
}

/** The token of the link `<path>/<token>` in the first email to `address` that has one, once it was written. */
export async function linkTokenFromMail(dataDir: string, address: string, path: string): Promise<string> {
  const pattern = new RegExp(`${path.replace(/\//g, '\\/')}\\/([A-Za-z0-9_%-]+)`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const mail of await mailFilesTo(dataDir, address)) {
      const found = pattern.exec(mail.text);
      if (found) return decodeURIComponent(found[1]);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for an email to ${address} with a ${path} link`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function readdirSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
