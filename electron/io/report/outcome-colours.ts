/** How each protection outcome looks in the exports: a strong colour and a light cell fill, as hex RGB. */
import type { Outcome } from '../../../shared/outcome';

export const OUTCOME_COLOUR: Readonly<Record<Outcome, { strong: string; fill: string }>> = {
  'at-risk': { strong: 'B71C1C', fill: 'F8BBD0' },
  broken: { strong: 'C62828', fill: 'FFCDD2' },
  'not-decided': { strong: '6A1B9A', fill: 'E1BEE7' },
  unprotected: { strong: 'EF6C00', fill: 'FFE0B2' },
  monitoring: { strong: 'F9A825', fill: 'FFF3C4' },
  protected: { strong: '2E7D32', fill: 'C8E6C9' },
  'no-mail': { strong: '9E9E9E', fill: 'EEEEEE' },
};
