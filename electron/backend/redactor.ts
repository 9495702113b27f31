const MASK = '••••'

/**
 * Remembers every secret the backend has been handed (passwords) and blanks
 * them out of any text on its way to a log, an error message or a reply.
 * Defence in depth: messages are built not to contain secrets in the first place.
 */
export class Redactor {
  private readonly secrets = new Set<string>()

  add(secret: string | undefined | null): void {
    // Very short strings would blank out ordinary words; such passwords are
    // still never put into messages by construction.
    if (secret && secret.length >= 4) this.secrets.add(secret)
  }

  redact(text: string): string {
    let out = text
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(MASK)
      const encoded = encodeURIComponent(secret)
      if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(MASK)
    }
    return out
  }
}
