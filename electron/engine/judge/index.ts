/**
 * Judging recorded evidence (issue 15, `verify` point 2): the same rules the audit applies, run on what a
 * result recorded, with no network. judge-domain.ts is the judging the audit itself uses; rejudge.ts rebuilds
 * the collected evidence from a stored result; differences.ts names what differs from the recorded verdict;
 * evidence-file.ts walks a whole evidence.json.
 */
export { judgeDomain, decidePosture, type DomainEvidence, type Judged } from './judge-domain';
export { rejudgeDomain, recordedVerdict, evidenceOfResult, type RecordedDomain, type RecordedRun, type Rejudged, type Verdict } from './rejudge';
export { verdictDifferences, type DomainDifference } from './differences';
export { rejudgeEvidence, rejudgeEvidenceLines, type RejudgeReport } from './evidence-file';
