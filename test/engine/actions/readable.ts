/** Texts a person reads carry no placeholder, markup, section sign, posture tag or finding code. */
export const UNREADABLE = /<[^<>]*>|`|§|\[P:|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;
/** Published values may hold anything the record needs, but never a placeholder or markup. */
export const PLACEHOLDER = /<[^<>]*>|`|§/;
