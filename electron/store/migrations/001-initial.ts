/**
 * The first schema. Every table of a run hangs off `runs` with ON DELETE CASCADE, so deleting a run is one
 * statement. Summary columns on `results` carry what the results table filters and sorts on; the full
 * DomainResult lives, compressed, in `result_evidence`, with its SMTP probes moved to `mx_probes` (shared
 * by every domain of the run that uses the host).
 */
import type { Migration } from './migration';

const SQL = `
CREATE TABLE runs (
  -- AUTOINCREMENT: a deleted run's id is never handed out again, so an id seen in the UI or a report
  -- always means the same audit, and a larger id is always a later audit (previousRunOf relies on it).
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT NOT NULL,
  client        TEXT,
  source        TEXT,
  created_at    TEXT NOT NULL,
  finished_at   TEXT,
  state         TEXT NOT NULL CHECK (state IN ('pending', 'running', 'paused', 'cancelled', 'completed', 'failed')),
  settings_json TEXT NOT NULL,
  tool_version  TEXT NOT NULL,
  resolver      TEXT NOT NULL,
  total         INTEGER NOT NULL,
  -- Maintained by saveResult in the transaction that saves each result.
  done          INTEGER NOT NULL DEFAULT 0
);

-- Per-run tallies kept incrementally (postures count domains, severities count findings), so listing
-- runs never aggregates results.
CREATE TABLE run_counts (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  kind   TEXT NOT NULL CHECK (kind IN ('posture', 'severity')),
  name   TEXT NOT NULL,
  count  INTEGER NOT NULL,
  PRIMARY KEY (run_id, kind, name)
) WITHOUT ROWID;

-- The imported rows of a run; id order is import order (inserted in order, in one transaction).
CREATE TABLE run_domains (
  id        INTEGER PRIMARY KEY,
  run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  input     TEXT NOT NULL,
  domain    TEXT NOT NULL,
  tags_json TEXT NOT NULL,
  done      INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
);
CREATE INDEX run_domains_by_run ON run_domains (run_id);
CREATE INDEX run_domains_by_domain ON run_domains (run_id, domain);

CREATE TABLE results (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  -- UNIQUE: the last line of defence against a domain saved twice.
  run_domain_id INTEGER NOT NULL UNIQUE REFERENCES run_domains(id) ON DELETE CASCADE,
  domain        TEXT NOT NULL,
  input         TEXT NOT NULL,
  posture       TEXT NOT NULL,
  -- Index of posture in POSTURES (shared/findings.ts): the sort and filter key. posture stays the truth,
  -- so a later change of that list is a migration that recomputes this column.
  posture_rank  INTEGER NOT NULL,
  mode          TEXT,
  policy_id     TEXT,
  max_age       INTEGER,
  -- severityRank of the worst finding (0 = critical); 5 (past info) when the domain has no finding.
  worst_rank    INTEGER NOT NULL,
  finding_count INTEGER NOT NULL,
  mx_count      INTEGER NOT NULL,
  duration_ms   REAL NOT NULL
);
CREATE INDEX results_by_domain ON results (domain, run_id);
-- One index per sort of the results table, each ending in the stable tie-break (domain, import order).
-- Directions follow the UI's default for each column (worst first, most findings first, slowest first).
CREATE INDEX results_sort_domain ON results (run_id, domain, run_domain_id);
CREATE INDEX results_sort_posture ON results (run_id, posture_rank, domain, run_domain_id);
CREATE INDEX results_sort_severity ON results (run_id, worst_rank, domain, run_domain_id);
CREATE INDEX results_sort_findings ON results (run_id, finding_count DESC, domain, run_domain_id);
CREATE INDEX results_sort_duration ON results (run_id, duration_ms DESC, domain, run_domain_id);

-- Kept apart from the summary row so scans of results stay small: this is several KB per domain.
CREATE TABLE result_evidence (
  result_id INTEGER PRIMARY KEY REFERENCES results(id) ON DELETE CASCADE,
  -- The DomainResult as JSON, raw-deflated, with each SMTP probe replaced by its {host, address, port} key.
  json      BLOB NOT NULL
);

-- A copy of the result's findings to filter and count on; the evidence JSON stays the source of truth.
CREATE TABLE findings (
  result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  run_id    INTEGER NOT NULL,
  code      TEXT NOT NULL,
  severity  TEXT NOT NULL,
  message   TEXT NOT NULL,
  subject   TEXT,
  line      INTEGER,
  PRIMARY KEY (result_id, seq)
) WITHOUT ROWID;
CREATE INDEX findings_by_code ON findings (run_id, code, severity);
CREATE INDEX findings_by_severity ON findings (run_id, severity);

-- One STARTTLS probe per host/address/port and run; a provider MX serves thousands of domains and each
-- probe carries a certificate chain, so it is stored once. The first save wins: the engine probes each
-- host/address once per run, so later copies are identical.
CREATE TABLE mx_probes (
  id      INTEGER PRIMARY KEY,
  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  host    TEXT NOT NULL,
  address TEXT NOT NULL,
  port    INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  -- The SmtpProbe as JSON, raw-deflated.
  probe   BLOB NOT NULL,
  UNIQUE (run_id, host, address, port)
);

-- Which domain uses which MX host, for "domains behind this MX".
CREATE TABLE result_mx_hosts (
  run_id    INTEGER NOT NULL,
  host      TEXT NOT NULL,
  result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
  PRIMARY KEY (run_id, host, result_id)
) WITHOUT ROWID;
CREATE INDEX result_mx_hosts_by_result ON result_mx_hosts (result_id);
`;

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(SQL);
  },
};
