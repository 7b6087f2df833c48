/**
 * The command-line interface: a thin layer over the engine, the store and the exporters (no IPC, no
 * Electron). Usage errors exit 2; a domain that fails to audit still gets a result. Any other failure (a file
 * that cannot be imported, a missing run) prints one line and exits 1; the JavaScript stack trace is for
 * developers and shown only with --debug or MTA_STS_DEBUG=1.
 */
import { runCheck } from './cli/check';
import { runLint } from './cli/lint';
import { runDemo } from './cli/demo';
import { runReports } from './cli/reports';
import { UsageError } from './cli/args';
import { runAudit, runCompare, runExport, runResume, runRuns } from './cli/batch';
import { verifyCommand } from './cli/verify';
import { runImportBundle } from './cli/import-bundle';

const USAGE = `usage: mta-sts-audit <command> [options]

commands:
  check <domain...> [--json] [--concurrency N]   audit domains now and print verdicts
  lint --jsonl                                   lint JSON lines from stdin (policy, sts_txt, tlsrpt_txt, mx_match)
  demo [--json] [--serve]                        start the loopback lab and audit its whole estate
                                                 (--serve: keep it running and print how to audit it yourself)
  audit <file.csv|xlsx> [--db F] [--name N] [--client C] [--concurrency N] [--column COL] [--sheet S] [--json]
                                                 import a domain list, audit it into the database
  runs [--db F] [--json]                         list stored runs with their ids
  resume <run> [--db F] [--concurrency N]        finish a run that was interrupted
  compare <runA> <runB> [--db F] [--json] [--all]  what changed between two runs
  export <run> [--db F] [--xlsx F] [--pdf F] [--bundle F.zip] [--signing-key F.pem] [--summary-only] [--domain-pages all|with-defects] [--auditor NAME]
         [--tag NAME=VALUE]                      write the workbook, the PDF evidence pack, the ZIP bundle
                                                 (the same export flags work on audit and resume);
                                                 --tag: only the domains whose tag NAME holds VALUE exactly
                                                 (NAME= for the domains without that tag);
                                                 --signing-key F.pem: sign the bundle with this Ed25519 key
                                                 instead of the one in the app's data folder
  verify <bundle.zip> [--json] [--signer FINGERPRINT] [--no-rejudge]
                                                 check a bundle: every file against the signed manifest, the
                                                 signature, who signed and when, and every domain's verdict
                                                 judged again from its recorded evidence; exit 0 only when
                                                 all holds
  import-bundle <bundle.zip> [--db F] [--json]   offline review: verify a bundle, then open it into a new
                                                 read-only run (runs, compare and export treat it like any
                                                 run; it cannot be resumed); refused unless it verifies
  reports import <path...> [--db F] [--json]     store TLS-RPT reports (RFC 8460): .json, .json.gz, .eml, mbox,
                                                 or folders of them; exits 1 if any file was rejected
  reports summary [--run N] [--days 30] [--db F] [--json]
                                                 the audit's prediction per domain and MX next to what senders
                                                 reported over the last N days (default: the newest run)

network options (check, audit, resume):
  --resolver HOST:PORT   DNS resolver to use (repeatable; several share the load; default: the system's)
  --dns-qps N            DNS questions per second to each resolver at most (default 500)
  --ca FILE              extra trust anchor, PEM (added to the system roots)
  --https-port N         port of the policy hosts (default 443)
  --smtp-port N          port of the MX hosts (default 25)
  --allow-private        allow policy and MX hosts on any private or loopback address
  --allow-private-range CIDR   allow only this non-global range (repeatable), e.g. 10.20.0.0/16
  --timeout MS           network time-out per step
  --dnssec-control NAME  a signed name the resolver must answer with AD if it validates DNSSEC (default ".",
                         the root; name an internal signed zone where the root is unreachable)
  --no-smtp              skip the STARTTLS probes of the MX hosts

  --debug                (any command) on failure, also print the stack trace; or set MTA_STS_DEBUG=1
`;

type Command = (args: string[], out: NodeJS.WritableStream) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  check: runCheck,
  demo: runDemo,
  audit: runAudit,
  runs: runRuns,
  resume: runResume,
  compare: runCompare,
  export: runExport,
  verify: verifyCommand(),
  'import-bundle': runImportBundle,
  reports: runReports,
  lint: async (args, out) => {
    if (args.length !== 1 || args[0] !== '--jsonl') throw new UsageError('lint takes exactly --jsonl and reads stdin');
    return runLint(process.stdin, out);
  },
};

/** `--debug` anywhere on the line, or MTA_STS_DEBUG=1 in the environment. */
function debugWanted(argv: string[], env: NodeJS.ProcessEnv): { debug: boolean; args: string[] } {
  const args = argv.filter((a) => a !== '--debug');
  return { debug: args.length !== argv.length || env.MTA_STS_DEBUG === '1', args };
}

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { debug, args } = debugWanted(argv, env);
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out.write(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(`unknown command "${command}"`);
    return await run(rest, out);
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`error: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    err.write(failureText(e, debug));
    return 1;
  }
}

/** One line for the person at the terminal; the stack (and causes) only when asked for. */
function failureText(e: unknown, debug: boolean): string {
  const message = e instanceof Error ? e.message : String(e);
  // A programming error's message means little on its own: say how to get what a bug report needs.
  const bug = e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError;
  const line = `error: ${message.split('\n')[0]!.trim() || 'unexpected failure'}${bug && !debug ? ' (run again with --debug for details)' : ''}\n`;
  if (!debug) return line;
  let detail = '';
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) detail += `${depth ? 'caused by: ' : ''}${c.stack ?? c.message}\n`;
  return line + detail;
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  // A library's stray 'error' event (exceljs reading a damaged workbook can emit one after the import already
  // failed) must not end in Node's stack dump either: the same one line, then exit 1.
  const debug = debugWanted(process.argv.slice(2), process.env).debug;
  const fatal = (e: unknown) => {
    process.stderr.write(failureText(e, debug));
    process.exit(1);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // After Ctrl-C the audits left pending may still hold sockets until their own time-outs: do not wait for
    // them. The timer does not itself keep the process alive, so a clean finish exits at once.
    setTimeout(() => process.exit(code), 2000).unref();
  });
}
