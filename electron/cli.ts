/**
 * The command-line interface: a thin layer over the engine, the store and the exporters (no IPC, no
 * Electron). Usage errors exit 2; a domain that fails to audit still gets a result.
 */
import { runCheck } from './cli/check';
import { runLint } from './cli/lint';
import { runDemo } from './cli/demo';
import { UsageError } from './cli/args';
import { runAudit, runCompare, runExport, runResume, runRuns } from './cli/batch';

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
  export <run> [--db F] [--xlsx F] [--pdf F] [--bundle F.zip] [--summary-only] [--domain-pages all|with-defects] [--auditor NAME]
                                                 write the workbook, the PDF evidence pack, the ZIP bundle
                                                 (the same export flags work on audit and resume)

network options (check, audit, resume):
  --resolver HOST:PORT   DNS resolver to use (repeatable; default: the system's)
  --ca FILE              extra trust anchor, PEM (added to the system roots)
  --https-port N         port of the policy hosts (default 443)
  --smtp-port N          port of the MX hosts (default 25)
  --allow-private        allow policy and MX hosts on any private or loopback address
  --allow-private-range CIDR   allow only this non-global range (repeatable), e.g. 10.20.0.0/16
  --timeout MS           network time-out per step
  --no-smtp              skip the STARTTLS probes of the MX hosts
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
  lint: async (args, out) => {
    if (args.length !== 1 || args[0] !== '--jsonl') throw new UsageError('lint takes exactly --jsonl and reads stdin');
    return runLint(process.stdin, out);
  },
};

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
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
    err.write(`error: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // After Ctrl-C the audits left pending may still hold sockets until their own time-outs: do not wait for
    // them. The timer does not itself keep the process alive, so a clean finish exits at once.
    setTimeout(() => process.exit(code), 2000).unref();
  });
}
