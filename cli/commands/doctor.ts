import type { Command } from 'commander';
import { runDoctor, type CheckStatus } from '../../app/doctor.ts';
import { emit, type OutputOptions } from '../output.ts';

const MARK: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

export function registerDoctor(program: Command, output: () => OutputOptions): void {
  program
    .command('doctor')
    .description('check the environment: Node.js, configuration, data folder, database, migrations')
    .action(async () => {
      const report = await runDoctor();
      emit(report, output(), (r) =>
        [...r.checks.map((c) => `${MARK[c.status]}  ${c.name.padEnd(12)} ${c.detail}`), '', r.ok ? 'all checks passed' : 'some checks failed'].join('\n'),
      );
      if (!report.ok) process.exitCode = 1;
    });
}
