/**
 * Actions on the MTA-STS policy itself (RFC 8461 §3.1–3.3, §5, §8.3): serve the proposed file, publish or
 * correct the _mta-sts record, switch testing to enforce, give the record a new id after a change, retire.
 * The file always goes live before the record that points senders at it, and the id changes after the file.
 */
import type { Action, Publish } from '../../../shared/actions';
import type { FindingCode } from '../../../shared/findings';
import { makeAction, policyUrl, stsTxt, txtAt, type ActionContext } from './action-context';
import { hostPasses, policyHosts, receivesMail } from './mx-state';
import { coveredBy, proposePolicy, sameAsServed, TESTING_MAX_AGE, type ProposedPolicy } from './propose-policy';
import { inlineTitles, listWords, unique } from './plain';

/** Record defects a fresh, exact record ends (CHECKS §1.1). */
const RECORD_CODES: FindingCode[] = [
  'MTASTS_DNS_RECORD_MISSING', 'MTASTS_DNS_MULTIPLE_RECORDS', 'MTASTS_DNS_VERSION_INVALID', 'MTASTS_DNS_SYNTAX_INVALID', 'MTASTS_DNS_ID_MISSING',
  'MTASTS_DNS_ID_INVALID', 'MTASTS_DNS_DUPLICATE_FIELD', 'MTASTS_DNS_NON_ASCII', 'MTASTS_DNS_SPACE_BEFORE_SEMICOLON', 'MTASTS_DNS_UNRELATED_TXT',
  'MTASTS_DNS_RECORD_AT_APEX', 'MTASTS_HTTPS_POLICY_WITHOUT_RECORD',
];

/** Defects of the file's content that a freshly written file ends (CHECKS §1.3). */
const CONTENT_CODES: FindingCode[] = [
  'MTASTS_POLICY_NOT_A_POLICY', 'MTASTS_POLICY_SYNTAX_INVALID', 'MTASTS_POLICY_VERSION_INVALID', 'MTASTS_POLICY_MODE_INVALID',
  'MTASTS_POLICY_MAX_AGE_INVALID', 'MTASTS_POLICY_MAX_AGE_TOO_LARGE', 'MTASTS_POLICY_MAX_AGE_SHORT', 'MTASTS_POLICY_MX_MISSING',
  'MTASTS_POLICY_MX_INVALID', 'MTASTS_POLICY_MX_TOO_BROAD', 'MTASTS_POLICY_MX_DUPLICATE', 'MTASTS_POLICY_MX_UNUSED',
  'MTASTS_POLICY_DUPLICATE_FIELD', 'MTASTS_POLICY_EXTENSION_INVALID', 'MTASTS_POLICY_KEY_CASE', 'MTASTS_POLICY_WHITESPACE_MISPLACED',
  'MTASTS_POLICY_BLANK_LINE', 'MTASTS_POLICY_BOM', 'MTASTS_POLICY_CONTROL_CHARS', 'MTASTS_POLICY_MIXED_LINE_ENDINGS',
  'MTASTS_HTTPS_BODY_TOO_LARGE', 'MTASTS_HTTPS_BODY_NOT_UTF8',
];
const COVERAGE_CODES: FindingCode[] = ['MTASTS_MX_NOT_COVERED', 'MTASTS_MX_NONE_COVERED', 'MTASTS_MX_WILDCARD_DEPTH'];
/** What enforce alone raises: gone once the policy is in testing. */
const ENFORCE_ONLY: FindingCode[] = ['MTASTS_MX_NOT_COVERED', 'MTASTS_MX_NONE_COVERED', 'MTASTS_MX_UNDELIVERABLE', 'MTASTS_MX_NONE_DELIVERABLE', 'DANE_MTASTS_CONFLICT'];

/** A charset complaint is the file's when no charset was declared (the body was not ASCII), else the server's. */
export function charsetIsContent(ctx: ActionContext): boolean {
  const type = ctx.r.evidence.policyFetch?.headers?.['content-type'] ?? '';
  return !/charset=/i.test(type);
}

function days(seconds: number): string {
  const d = seconds / 86_400;
  return Number.isInteger(d) ? `${d} ${d === 1 ? 'day' : 'days'}` : `${seconds} seconds`;
}

function modeStep(p: ProposedPolicy): string {
  if (p.mode === 'enforce') return `Mode enforce: senders refuse to deliver to a mail server that fails the checks; max_age ${p.maxAge} keeps the policy cached for ${days(p.maxAge)}.`;
  if (p.mode === 'testing') {
    const short = p.maxAge === TESTING_MAX_AGE ? ', short so that a mistake ages out quickly' : '';
    return `Mode testing: senders report failures but still deliver; max_age ${p.maxAge} (${days(p.maxAge)}${short}). Move to enforce once the reports are clean.`;
  }
  return `Mode none: senders drop the policy they cached; max_age ${p.maxAge} (${days(p.maxAge)}) keeps this short.`;
}

function mxStep(ctx: ActionContext, p: ProposedPolicy): string {
  const hosts = policyHosts(ctx.r).map((h) => h.host);
  const wildcards = p.mx.filter((m) => m.startsWith('*.'));
  if (wildcards.length === 0) return `One mx line per mail server the domain uses: ${listWords(p.mx)}.`;
  return `The mx lines cover every mail server the domain uses (${listWords(hosts)}); the ${wildcards.length === 1 ? 'wildcard' : 'wildcards'} ${listWords(wildcards)} ${wildcards.length === 1 ? 'stays: it matches' : 'stay: they match'} mail servers the domain uses.`;
}

/** The new id goes out with a changed file only when the record is otherwise sound (else the record action carries it). */
function idBump(ctx: ActionContext, recordAction: boolean): { publish: Publish[]; steps: string[] } {
  if (recordAction || !ctx.r.stsRecord?.valid) return { publish: [], steps: [] };
  const txt = stsTxt(ctx);
  return { publish: [txt], steps: [`Once the new file is live, change the record at ${txt.name} to read exactly: ${txt.value} (a new id makes senders fetch the new file).`] };
}

export function recordAction(ctx: ActionContext): Action[] {
  const resolves = ctx.present(RECORD_CODES);
  if (resolves.length === 0 || ctx.r.posture === 'no-mail') return [];
  const txt = stsTxt(ctx);
  // The mail servers are unknown (the MX lookup failed): the policy file can only be proposed once they resolve.
  const blind = !receivesMail(ctx.r) || policyHosts(ctx.r).length === 0;
  const others = txtAt(ctx.r, txt.name).filter((t) => t !== txt.value);
  const apex = [ctx.domain, `mta-sts.${ctx.domain}`].flatMap((n) => txtAt(ctx.r, n).filter((t) => /^v=STSv1/i.test(t)).map((t): Publish => ({ kind: 'dns-delete', name: n, value: t })));
  const deletes: Publish[] = [...others.map((t): Publish => ({ kind: 'dns-delete', name: txt.name, value: t })), ...(ctx.has('MTASTS_DNS_RECORD_AT_APEX') ? apex : [])];
  const missing = ctx.has('MTASTS_DNS_RECORD_MISSING');
  const steps = [
    ...(blind ? ['First give the domain mail servers that senders can look up by name (the actions above) and audit again: the policy file to serve is proposed from them.'] : []),
    ...(missing ? ['Serve the policy file first: the record tells senders to fetch it.'] : []),
    `Publish one TXT record at ${txt.name} that reads exactly: ${txt.value}`,
    ...(others.length > 0 ? [`Delete the other TXT ${others.length === 1 ? 'record' : 'records'} at ${txt.name}, so this is the only one.`] : []),
    ...(deletes.length > others.length ? [`Delete the misplaced record at ${listWords(unique(deletes.slice(others.length).map((d) => d.name)))}: senders only look at ${txt.name}.`] : []),
    `The id ${ctx.id} is the audit time; any new value of letters and digits works, as long as it changes whenever the policy file changes.`,
  ];
  const why = missing
    ? 'No MTA-STS record is published, so senders never look for a policy and mail can be read or diverted in transit.'
    : `The MTA-STS record has problems (${inlineTitles(resolves)}), so some or all senders see no policy.`;
  return [makeAction({
    kind: 'sts-record', rootCause: `sts-record:${ctx.domain}`, title: missing ? 'Publish the MTA-STS record' : 'Correct the MTA-STS record',
    why, steps, publish: [txt, ...deletes], resolves, stage: missing ? 'protect' : undefined,
  })];
}

function fileResolves(ctx: ActionContext, p: ProposedPolicy): FindingCode[] {
  const hosts = policyHosts(ctx.r);
  const out: FindingCode[] = [...ctx.present(CONTENT_CODES), ...ctx.present(COVERAGE_CODES)];
  if (ctx.has('MTASTS_HTTPS_CHARSET_UNEXPECTED') && charsetIsContent(ctx)) out.push('MTASTS_HTTPS_CHARSET_UNEXPECTED');
  if (ctx.r.posture === 'absent') out.push(...ctx.present(['MTASTS_DNS_RECORD_MISSING', 'MTASTS_HTTPS_POLICY_WITHOUT_RECORD']));
  if (ctx.r.posture === 'enforce' && p.mode === 'testing') out.push(...ctx.present(ENFORCE_ONLY));
  if (p.mode === 'enforce' && hosts.some((h) => coveredBy(h, p.mx) && hostPasses(h))) out.push(...ctx.present(['MTASTS_MX_NONE_DELIVERABLE']));
  if (hosts.every(hostPasses)) out.push(...ctx.present(['MTASTS_MX_TESTING_WOULD_FAIL']));
  if (ctx.r.posture === 'none' && p.mode !== 'none') out.push(...ctx.present(['MTASTS_MODE_NONE']));
  return out;
}

function fileWhy(ctx: ActionContext, p: ProposedPolicy, resolves: FindingCode[]): string {
  if (ctx.r.posture === 'absent') return 'No policy file is served, so there is nothing senders could apply.';
  if (ctx.r.posture === 'enforce' && p.mode === 'testing') return 'The policy enforces, but no mail server passes its checks: senders that apply it queue and then bounce mail for this domain.';
  if (ctx.r.posture === 'none') return 'The policy is in mode none, so senders apply no protection.';
  const uncovered = policyHosts(ctx.r).filter((h) => h.covered === false).map((h) => h.host);
  if (uncovered.length > 0) return `The policy does not list the mail ${uncovered.length === 1 ? 'server' : 'servers'} ${listWords(uncovered)}, so enforcing senders refuse to deliver there.`;
  return `The policy file has problems (${inlineTitles(resolves)}), so it protects less than it should or some senders ignore it.`;
}

export function policyFileAction(ctx: ActionContext, opts: { recordAction: boolean; modeChange: boolean }): Action[] {
  const r = ctx.r;
  if (!receivesMail(r) || opts.modeChange) return [];
  // Not fetched: the policy-host action comes first and the content is judged after; a body too large or not
  // UTF-8 was fetched but not parsed, and a fresh file is the fix.
  if (r.posture !== 'absent' && !r.policy && !ctx.has('MTASTS_HTTPS_BODY_TOO_LARGE') && !ctx.has('MTASTS_HTTPS_BODY_NOT_UTF8')) return [];
  if (policyHosts(r).length === 0) return [];
  const p = proposePolicy(r);
  const resolves = fileResolves(ctx, p);
  if (sameAsServed(r, p) && resolves.length === 0) return [];
  const url = policyUrl(ctx.domain);
  const bump = idBump(ctx, opts.recordAction);
  const dropping = r.posture === 'enforce' && p.mode === 'testing';
  const steps = [
    ...(dropping ? ['Do this first, it takes minutes: senders fetch the new file as soon as the id changes, and stop bouncing. Then fix the mail servers (the next actions) and switch back to enforce.'] : []),
    `Serve the file below at ${url}, exactly as written, with status 200 and Content-Type text/plain.`,
    mxStep(ctx, p),
    modeStep(p),
    ...bump.steps,
    ...(r.posture === 'none' ? ['If the domain is retiring MTA-STS on purpose, keep mode none instead until the previous max_age has passed, then remove the record and the file.'] : []),
  ];
  return [makeAction({
    kind: 'policy-file', rootCause: `policy-file:${ctx.domain}`,
    title: r.posture === 'absent' ? 'Serve an MTA-STS policy file' : dropping ? 'Switch the policy to testing to stop the bounces' : r.posture === 'none' ? 'Publish the policy again in mode testing' : 'Correct the MTA-STS policy file',
    why: fileWhy(ctx, p, resolves), steps, publish: [{ kind: 'policy-file', name: url, value: p.text }, ...bump.publish], resolves,
    hosts: policyHosts(r).map((h) => h.host), stage: r.posture === 'absent' || r.posture === 'none' ? 'protect' : undefined,
  })];
}

/** testing → enforce, only when nothing blocks it (readiness). */
export function modeEnforceAction(ctx: ActionContext): Action[] {
  const p = proposePolicy(ctx.r, 'enforce');
  const url = policyUrl(ctx.domain);
  const txt = stsTxt(ctx);
  return [makeAction({
    kind: 'mode-enforce', rootCause: `mode-enforce:${ctx.domain}`, title: 'Switch the policy to enforce',
    why: 'The policy is in testing mode: senders report failures but still deliver without protection. Every mail server passes, so enforce is safe now.',
    steps: [
      `Serve the file below at ${url}, exactly as written.`,
      mxStep(ctx, p),
      modeStep(p),
      `Then change the record at ${txt.name} to read exactly: ${txt.value}`,
      'Keep reading the TLS reports: a mail server that starts failing will now refuse mail from enforcing senders.',
    ],
    publish: [{ kind: 'policy-file', name: url, value: p.text }, txt],
    resolves: ['MTASTS_MODE_TESTING', ...ctx.present(CONTENT_CODES)], hosts: policyHosts(ctx.r).map((h) => h.host), stage: 'protect',
  })];
}

/** Run comparison: the file changed but the id did not, so caches keep the old policy (RFC 8461 §3.1). */
export function idBumpAction(ctx: ActionContext, alreadyBumped: boolean): Action[] {
  if (!ctx.has('MTASTS_DNS_ID_NOT_UPDATED') || alreadyBumped) return [];
  const txt = stsTxt(ctx);
  return [makeAction({
    kind: 'id-bump', rootCause: `sts-record:${ctx.domain}`, title: 'Give the MTA-STS record a new id',
    why: 'The policy file changed but the record kept its id, so senders that cached the old policy keep applying it.',
    steps: [`Change the record at ${txt.name} to read exactly: ${txt.value}`, 'Change the id every time the policy file changes, after the new file is live.'],
    publish: [txt], resolves: ['MTASTS_DNS_ID_NOT_UPDATED'],
  })];
}

/** Withdrawal done properly (RFC 8461 §8.3): mode none with a short max_age, wait out the old one, then remove. */
export function retireAction(ctx: ActionContext): Action[] {
  const resolves = ctx.present(['MTASTS_MX_NULL_MX_POLICY', 'MTASTS_DNS_REMOVED_WITHOUT_NONE']);
  if (resolves.length === 0) return [];
  const p = proposePolicy(ctx.r, 'none');
  const url = policyUrl(ctx.domain);
  const txt = stsTxt(ctx);
  const old = ctx.r.policy?.maxAge;
  const wait = old !== undefined ? `the old max_age (${days(old)})` : 'the max_age of the last policy senders saw';
  return [makeAction({
    kind: 'retire', rootCause: `retire:${ctx.domain}`, title: 'Withdraw MTA-STS properly',
    why: ctx.has('MTASTS_MX_NULL_MX_POLICY')
      ? 'The domain receives no mail but still publishes a policy that senders cache.'
      : 'The policy was removed without publishing mode none first, so senders keep applying the old one until it expires.',
    steps: [
      `Serve the file below at ${url}, exactly as written.`,
      `Change the record at ${txt.name} to read exactly: ${txt.value}`,
      `Wait at least ${wait}, then remove the record and the file.`,
    ],
    publish: [{ kind: 'policy-file', name: url, value: p.text }, txt], resolves,
  })];
}
