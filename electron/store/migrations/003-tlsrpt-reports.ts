/**
 * Imported TLS-RPT reports (RFC 8460 §4): what sending MTAs observed, kept apart from runs (a report is not
 * part of an audit; the correlation joins them by domain and time). A report is identified by its
 * organisation and report-id (§4.3 makes the id unique per reporter), so importing it again stores nothing.
 */
import type { Migration } from './migration';

const SQL = `
CREATE TABLE tlsrpt_reports (
  id           INTEGER PRIMARY KEY,
  organization TEXT NOT NULL,
  report_id    TEXT NOT NULL,
  contact      TEXT,
  -- ISO 8601 UTC, as normalised on import, so text order is time order.
  start_at     TEXT NOT NULL,
  end_at       TEXT NOT NULL,
  source       TEXT NOT NULL,
  imported_at  TEXT NOT NULL,
  UNIQUE (organization, report_id)
);
CREATE INDEX tlsrpt_reports_by_end ON tlsrpt_reports (end_at);

CREATE TABLE tlsrpt_policies (
  id             INTEGER PRIMARY KEY,
  report         INTEGER NOT NULL REFERENCES tlsrpt_reports(id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  policy_type    TEXT NOT NULL CHECK (policy_type IN ('sts', 'tlsa', 'no-policy-found')),
  -- A-label, lower case, no trailing dot: the same form as results.domain.
  policy_domain  TEXT NOT NULL,
  -- JSON arrays of strings, as the report gave them.
  policy_strings TEXT NOT NULL,
  mx_hosts       TEXT NOT NULL,
  success_count  INTEGER NOT NULL CHECK (success_count >= 0),
  failure_count  INTEGER NOT NULL CHECK (failure_count >= 0),
  UNIQUE (report, seq)
);
CREATE INDEX tlsrpt_policies_by_domain ON tlsrpt_policies (policy_domain, report);

CREATE TABLE tlsrpt_failures (
  policy                 INTEGER NOT NULL REFERENCES tlsrpt_policies(id) ON DELETE CASCADE,
  seq                    INTEGER NOT NULL,
  result_type            TEXT NOT NULL,
  sending_mta_ip         TEXT,
  receiving_mx_hostname  TEXT,
  receiving_mx_helo      TEXT,
  receiving_ip           TEXT,
  failed_session_count   INTEGER NOT NULL CHECK (failed_session_count >= 0),
  additional_information TEXT,
  failure_reason_code    TEXT,
  PRIMARY KEY (policy, seq)
) WITHOUT ROWID;
`;

export const migration003: Migration = {
  version: 3,
  name: 'tlsrpt-reports',
  up(db) {
    db.exec(SQL);
  },
};
