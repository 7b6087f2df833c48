/**
 * The IPC contract between the renderer and the main process, written once: every request channel with the
 * zod schema of its input and the type of its output, and every push event with its payload type.
 * The backend process parses each input with its schema (electron/handlers.ts); the renderer's `invoke<K>` /
 * `on<K>` are typed from here. Channel names are `noun:verb` and listed in ./ipc-names.ts (zod-free, for the
 * preload, which passes only those names); `requests` and `Events` are checked against those lists by `tsc`.
 *
 * Output types are declared here rather than imported from electron/ so the renderer project type-checks
 * without Node types; the handlers map store/engine types onto them, so a drift fails `npm run typecheck`.
 */
import { z } from 'zod';
import type { VerifyOutcome, VerifyReport } from './bundle-verify';
import type { ChangeClass, DomainComparison } from './changes';
import type { DomainActions, EstateAction } from './actions';
import { OUTCOMES, type OutcomeVerdict } from './outcome';
import { DNSSEC_CONTROL_HINT, isDnssecControlName } from './dnssec-control';
import type { ReportImportTally, ReportsDomainView, ReportsEstateView } from './tlsrpt';
import type { AuditSettings, DomainResult, FindingCode, Outcome, Posture, RunProgress, RunRecord, Severity, StoredRunState } from './types';
import type { DomainsFile, ImportErrorCode } from './domains-file';
import { EVENT_NAMES, REQUEST_NAMES, isEventName, isRequestName, type EventName, type RequestName } from './ipc-names';

export { EVENT_NAMES, REQUEST_NAMES, isEventName, isRequestName, type EventName, type RequestName };
export { ALL_SHEETS } from './import-sheets';

// ---------------------------------------------------------------------------------------------- envelope

/** Stable, machine-readable failure codes; the message is for people. */
export type IpcErrorCode =
  | 'BAD_REQUEST' | 'UNKNOWN_CHANNEL' | 'FORBIDDEN_SENDER' | 'NOT_FOUND' | 'CONFLICT' | 'EXPIRED'
  | 'PATH_NOT_ALLOWED' | 'IMPORT_FAILED' | 'EXPORT_FAILED' | 'INTERNAL'
  /** The backend process is not running (it failed to start, crashed, or the app is closing). */
  | 'BACKEND_UNAVAILABLE';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  /** IMPORT_FAILED only: the importer's own code (shared/domains-file.ts), so the app can tell the cases apart. */
  reason?: ImportErrorCode;
}

/** Errors cross IPC as data: a thrown error would reach the renderer with its message only. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// ---------------------------------------------------------------------------------------------- views

/** A stored state, or `interrupted`: stored as running but no audit is executing (the app was closed or crashed): resumable. */
export type RunState = StoredRunState | 'interrupted';

/**
 * A run as the app sees it: the stored RunRecord (shared/types.ts, its one home), with absent values as
 * undefined rather than SQL's null, the state as the user should read it, and whether it is executing.
 */
export type RunSummary = Omit<RunRecord, 'client' | 'source' | 'finishedAt' | 'state'> & {
  client?: string;
  source?: string;
  finishedAt?: string;
  state: RunState;
  /** True while this process is auditing it. */
  active: boolean;
};

/** What `bundle:open` answers: the new run, or why the bundle was refused (nothing is stored then). */
export type BundleOpened =
  | { ok: true; run: RunSummary; report: VerifyReport }
  | { ok: false; bundle: string; refused: string; report?: VerifyReport };

/** The runner's progress, as pushed over IPC (`run:progress`). */
export type RunProgressView = RunProgress;

/**
 * What the importer read (DomainsFile, shared/domains-file.ts), as the preview shows it: `rows` and `rejects`
 * hold the first ones only, enough to check the column choice; the counts say how many there are.
 */
export type ImportPreview = DomainsFile & {
  /** Keeps the parsed rows in the backend process; `run:start` sends this instead of the rows. */
  token: string;
  fileName: string;
  rowCount: number;
  rejectCount: number;
  /** Tag columns to show; the tag naming each row's sheet is left out when `sheet` already says it. */
  tagNames: string[];
};

export interface ResultRow {
  /** The run's entry for this row (its import position): opens the row even when `domain` is '' or listed twice. */
  runDomainId: number;
  /** '' when the input was not a domain name. */
  domain: string;
  input: string;
  posture: Posture;
  outcome: Outcome;
  findingCount: number;
  worstSeverity?: Severity;
  codes: FindingCode[];
  mxCount: number;
  durationMs: number;
  tags: Record<string, string>;
}

export const RESULT_SORTS = ['domain', 'outcome', 'posture', 'severity', 'findings', 'duration'] as const;
export type ResultSort = (typeof RESULT_SORTS)[number];

/**
 * One domain's result as the domain page shows it: the stored result, the outcome the backend decided from it,
 * and the ordered actions with the exact values to publish (electron/engine/actions/).
 */
export type DomainView = DomainResult & { verdict: OutcomeVerdict; actions: DomainActions };

/** The estate's actions grouped by root cause, first things first; `total` root causes in all. */
export interface RunActionsView { total: number; actions: EstateAction[] }

/** One value of an imported tag: how many audited domains hold it, per outcome. '' stands for rows without the tag. */
export interface TagValueCount { value: string; count: number; outcomeCounts: Partial<Record<Outcome, number>> }
/** The run's domains grouped by one tag; `more` values were left out (most domains first). */
export interface TagGroup { name: string; values: TagValueCount[]; more: number }

export interface FindingCount { code: FindingCode; severity: Severity; count: number }

/** One domain across two audits, with its change class (shared/changes.ts, CHECKS §7.3). */
export type ComparisonRow = DomainComparison;

export interface ComparisonView {
  /** The earlier audit by date, whichever order the two were asked in. */
  runA: RunSummary;
  runB: RunSummary;
  /** Domains in any class but unchanged, and unchanged ones whose settings changed (a new id); the rest are only counted. */
  rows: ComparisonRow[];
  /** Domains per change class, and all compared. */
  counts: Record<ChangeClass, number> & { compared: number };
}

export interface AppSettings {
  /** Printed on the PDF evidence pack. */
  auditorName: string;
  concurrency: number;
  /** Defaults for new audits (resolvers, time-outs, probes...); merged over the built-in defaults. */
  audit: Partial<AuditSettings>;
}

export interface ExportDone { path: string; bytes: number }

// ---------------------------------------------------------------------------------------------- inputs

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const runId = int(1, Number.MAX_SAFE_INTEGER);
const rowId = int(1, Number.MAX_SAFE_INTEGER);
const text = (max: number) => z.string().trim().max(max);
/** `host`, `host:port`, `[v6]:port` or a bare IPv6 address: letters, digits and separators only. */
const resolverSpec = z.string().trim().min(1).max(260).regex(/^[A-Za-z0-9.:[\]_-]+$/, 'a resolver is host or host:port');
const cidr = z.string().trim().max(50).regex(/^[0-9A-Fa-f.:]+\/\d{1,3}$/, 'a range is address/prefix');
const filePath = z.string().min(1).max(4096);
// Tag names and values are the client's column headers and cells: any text, bounded (not trimmed: matched
// exactly). The same filter for the results table and the exports (DECISIONS "tag filter semantics").
const tagFilter = z.strictObject({ name: z.string().min(1).max(255), value: z.string().max(1000) });

/** Network settings a request may set; anything else is refused rather than silently ignored. */
export const auditSettingsInput = z.strictObject({
  resolvers: z.array(resolverSpec).max(8),
  dnsTimeoutMs: int(100, 60_000),
  dnsRetries: int(0, 5),
  dnsQps: int(1, 100_000),
  // null: none (clears a saved one); absent or undefined: unchanged (shared/settings-patch.ts).
  extraCaPem: z.string().max(512_000).regex(/-----BEGIN CERTIFICATE-----/, 'extra CA must be PEM').nullable(),
  httpsPort: int(1, 65_535),
  smtpPort: int(1, 65_535),
  allowPrivate: z.boolean(),
  privateAllowlist: z.array(cidr).max(64),
  dnssecControlName: z.string().trim().max(253).refine(isDnssecControlName, `DNSSEC control name must be ${DNSSEC_CONTROL_HINT}`),
  smtpProbes: z.boolean(),
  httpTimeoutMs: int(100, 300_000),
  httpIdleTimeoutMs: int(100, 300_000),
  httpSlowMs: int(1, 300_000),
  smtpConnectTimeoutMs: int(100, 300_000),
  smtpReplyTimeoutMs: int(100, 300_000),
  smtpPerIpConcurrency: int(1, 64),
  httpsPerIpConcurrency: int(1, 512),
  ehloName: z.string().trim().max(253).regex(/^$|^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f.:]+\]$/, 'EHLO name is a host name or an address literal'),
  retries: int(0, 5),
}).partial();

const importSource = z.discriminatedUnion('kind', [
  /** A path returned by `dialog:openFile` in this session. */
  z.strictObject({ kind: z.literal('path'), path: filePath }),
  /** A dropped file's bytes. */
  z.strictObject({ kind: z.literal('bytes'), name: text(255).min(1), bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= 200 * 1024 * 1024, 'file larger than 200 MB') }),
  /** Re-read an earlier preview with another sheet or column. */
  z.strictObject({ kind: z.literal('token'), token: text(64).min(1) }),
]);

const empty = z.strictObject({});
const postures = z.enum(['enforce', 'testing', 'none', 'absent', 'invalid', 'no-mail', 'error']);
const severities = z.enum(['critical', 'high', 'medium', 'low', 'info']);

/** Phantom marker carrying an output type; never read at run time. */
const out = <T>(): T => undefined as T;

/** Every request channel: its input schema and (type-only) output. */
export const requests = {
  'run:list': { input: empty, output: out<RunSummary[]>() },
  'run:get': { input: z.strictObject({ runId }), output: out<RunSummary>() },
  'run:delete': { input: z.strictObject({ runId }), output: out<null>() },
  'run:compare': { input: z.strictObject({ runA: runId, runB: runId }), output: out<ComparisonView>() },
  'import:preview': {
    input: z.strictObject({ source: importSource, sheet: text(255).optional(), column: text(255).optional() }),
    output: out<ImportPreview>(),
  },
  'run:start': {
    input: z.strictObject({
      token: text(64).min(1), name: text(200).min(1, 'give the audit a name'), client: text(200).optional(),
      concurrency: int(1, 256), settings: auditSettingsInput,
    }),
    output: out<RunSummary>(),
  },
  /** A new audit of the same list (tags included), client and settings as `runId`. */
  'run:again': { input: z.strictObject({ runId, name: text(200).min(1, 'give the audit a name') }), output: out<RunSummary>() },
  'run:pause': { input: z.strictObject({ runId }), output: out<RunSummary>() },
  'run:cancel': { input: z.strictObject({ runId }), output: out<RunSummary>() },
  'run:resume': { input: z.strictObject({ runId, concurrency: int(1, 256).optional() }), output: out<RunSummary>() },
  'result:list': {
    input: z.strictObject({
      runId, offset: int(0, 10_000_000), limit: int(1, 1000), posture: postures.optional(), outcome: z.enum(OUTCOMES).optional(), severity: severities.optional(),
      code: z.string().regex(/^[A-Z0-9_]{1,80}$/).optional(), search: text(255).optional(), sort: z.enum(RESULT_SORTS).optional(), desc: z.boolean().optional(),
      tag: tagFilter.optional(),
    }),
    output: out<{ total: number; rows: ResultRow[] }>(),
  },
  'run:actions': { input: z.strictObject({ runId, limit: int(1, 1000).optional() }), output: out<RunActionsView>() },
  'result:worstCounts': { input: z.strictObject({ runId }), output: out<Partial<Record<Severity | 'none', number>>>() },
  'result:tagGroups': { input: z.strictObject({ runId }), output: out<TagGroup[]>() },
  'result:findingCounts': { input: z.strictObject({ runId }), output: out<FindingCount[]>() },
  'domain:get': {
    /** By the table row's `runDomainId` (any row), or by normalised domain name (the first entry with it). */
    input: z.strictObject({ runId, runDomainId: rowId.optional(), domain: text(300).min(1).optional() })
      .refine((q) => (q.runDomainId === undefined) !== (q.domain === undefined), 'give either runDomainId or domain (one of them)'),
    output: out<DomainView>(),
  },
  /** `tag`: only the domains whose tag holds that value (one owner's workbook), as the results table filters them. */
  'export:workbook': { input: z.strictObject({ runId, path: filePath, tag: tagFilter.optional() }), output: out<ExportDone>() },
  'export:pdf': { input: z.strictObject({ runId, path: filePath, summaryOnly: z.boolean(), tag: tagFilter.optional() }), output: out<ExportDone>() },
  'export:comparison': { input: z.strictObject({ runA: runId, runB: runId, path: filePath }), output: out<ExportDone>() },
  'export:bundle': { input: z.strictObject({ runId, path: filePath, tag: tagFilter.optional() }), output: out<ExportDone>() },
  /** TLS-RPT reports (RFC 8460 §4): files or folders chosen in `dialog:openReports`, or dropped files' bytes. */
  'reports:import': {
    input: z.strictObject({
      paths: z.array(filePath).max(1000).optional(),
      files: z.array(z.strictObject({ name: text(255).min(1), bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= 64 * 1024 * 1024, 'file larger than 64 MB') })).max(1000).optional(),
    }).refine((q) => (q.paths?.length ?? 0) + (q.files?.length ?? 0) > 0, 'give at least one file or folder'),
    output: out<ReportImportTally>(),
  },
  /** The run's domains next to the reports of the last `days` days (default 30). */
  'reports:estate': { input: z.strictObject({ runId, days: int(1, 3660).optional() }), output: out<ReportsEstateView>() },
  'reports:domain': { input: z.strictObject({ runId, domain: text(300).min(1), days: int(1, 3660).optional() }), output: out<ReportsDomainView>() },
  /** Checks an evidence bundle the user chose in the open dialog: hashes, signature, signer (shared/bundle-verify.ts). */
  'bundle:verify': { input: z.strictObject({ path: filePath }), output: out<VerifyOutcome>() },
  /**
   * Opens a bundle chosen in the open dialog into its own read-only run (offline review): verified first, and
   * refused (with the verify report when there is one) unless everything holds.
   */
  'bundle:open': { input: z.strictObject({ path: filePath }), output: out<BundleOpened>() },
  'dialog:openFile': { input: empty, output: out<{ path: string } | null>() },
  /** An evidence bundle (.zip) to verify or open; the path is granted for reading. */
  'dialog:openBundle': { input: empty, output: out<{ path: string } | null>() },
  /** Report files (several) or one folder of them; every path chosen may then be imported. */
  'dialog:openReports': { input: z.strictObject({ folder: z.boolean() }), output: out<{ paths: string[] } | null>() },
  'dialog:saveFile': { input: z.strictObject({ defaultName: text(255).min(1).regex(/^[^/\\]+$/, 'a file name, not a path') }), output: out<{ path: string } | null>() },
  'shell:showItem': { input: z.strictObject({ path: filePath }), output: out<null>() },
  'settings:get': { input: empty, output: out<AppSettings>() },
  'settings:set': {
    input: z.strictObject({ auditorName: text(200).optional(), concurrency: int(1, 256).optional(), audit: auditSettingsInput.optional() }),
    output: out<AppSettings>(),
  },
} as const satisfies Record<RequestName, { input: z.ZodType; output: unknown }>;

export type RequestInput<K extends RequestName> = z.input<(typeof requests)[K]['input']>;
/** The input after parsing (defaults applied, strings trimmed). */
export type ParsedInput<K extends RequestName> = z.output<(typeof requests)[K]['input']>;
export type RequestOutput<K extends RequestName> = (typeof requests)[K]['output'];

/** Push events from main to renderer and their payloads. */
export interface Events {
  'run:progress': { runId: number; progress: RunProgressView };
  'run:state': { runId: number; state: RunState; message?: string };
}

/** Type-level: the event payloads and EVENT_NAMES list the same names (a mismatch fails `tsc` here). */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
export type EventNamesMatch = Expect<SameKeys<keyof Events, EventName>>;

/** What the preload exposes as `window.auditor`. */
export interface AuditorApi {
  invoke<K extends RequestName>(channel: K, input: RequestInput<K>): Promise<Reply<RequestOutput<K>>>;
  /** Returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
