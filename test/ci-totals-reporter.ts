/**
 * Prints the plain closing line CI reads ("N passed, N failed") after vitest's own summary (skips on the
 * line before),
 * counting individual test cases. Files that fail to load count as one failure each, so a broken import can
 * never look green.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class CiTotalsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const mod of testModules) {
      let cases = 0;
      for (const test of mod.children.allTests()) {
        cases++;
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (cases === 0 && mod.state() === 'failed') failed++;
    }
    process.stdout.write(`\n${skipped} skipped\n${passed} passed, ${failed} failed\n`);
  }
}
