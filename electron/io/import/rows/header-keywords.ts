/**
 * Header texts that announce a column of domains, e-mail addresses or URLs, in English as clients write them:
 * "Domain", "Primary Domain", "E-mail address", "Website URL", "FQDN", "DNS zone". Matching is by word, so
 * "Hosting provider" is not "host".
 */

export interface HeaderMatch {
  /** 3 domain/host words, 2 web words, 1 mail words: a "Domain" column beats a contact "Email" column. */
  rank: 1 | 2 | 3;
  /** The header is the keyword alone ("Domain", not "Domain owner"). */
  exact: boolean;
}

const RANKS = new Map<string, 1 | 2 | 3>([
  ...['domain', 'domains', 'domainname', 'domainnames', 'fqdn', 'fqdns', 'zone', 'zones', 'hostname', 'hostnames', 'host', 'hosts'].map((w) => [w, 3] as const),
  ...['website', 'websites', 'site', 'sites', 'url', 'urls', 'web', 'homepage', 'webaddress'].map((w) => [w, 2] as const),
  ...['email', 'emails', 'mail', 'emailaddress', 'mailbox'].map((w) => [w, 1] as const),
]);

export function matchHeader(header: string): HeaderMatch | undefined {
  const words = header.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.length === 0 || words.length > 8) return undefined;
  // Two-word spellings ("e mail", "host name", "web site") count as the one-word keyword.
  const terms = [...words, ...words.slice(1).map((w, i) => words[i] + w)];
  let best: 1 | 2 | 3 | undefined;
  for (const t of terms) {
    const rank = RANKS.get(t);
    if (rank && (!best || rank > best)) best = rank;
  }
  if (!best) return undefined;
  const exact = words.length === 1 || (words.length === 2 && RANKS.has(words.join('')));
  return { rank: best, exact };
}
