/** A DNS record's data in presentation form (RFC 1035 §5.1 style), the same in the UI, the workbook and the PDF. */
import type { DnsRecord } from './types';

export function recordText(r: DnsRecord): string {
  switch (r.type) {
    case 'A':
    case 'AAAA': return r.address;
    case 'MX': return `${r.preference} ${r.exchange || '.'}`;
    // Each character-string quoted as sent; JSON escaping shows control characters instead of obeying them.
    case 'TXT': return r.strings.map((s) => JSON.stringify(s)).join(' ');
    case 'CNAME': return r.target;
    case 'TLSA': return `${r.usage} ${r.selector} ${r.matchingType} ${r.data}`;
    case 'SOA': return `${r.mname} ${r.rname} ${r.serial}`;
  }
}
