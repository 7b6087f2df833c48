/** Every schema step, in order. Add new steps at the end; a database is at the version of the last one applied. */
import type { Migration } from './migration';
import { migration001 } from './001-initial';
import { migration002 } from './002-outcome';
import { migration003 } from './003-tlsrpt-reports';
import { migration004 } from './004-run-inputs';
import { migration005 } from './005-imported-runs';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005];
