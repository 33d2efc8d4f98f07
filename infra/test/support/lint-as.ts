import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const workspaceRoot = resolve(__dirname, '../../..');

export interface LintMessage {
  ruleId: string | null;
  message: string;
  severity: number;
  line: number;
}

/** Lints `source` as if it were the file at `filePath`, with the workspace's real ESLint config. */
export function lintAs(filePath: string, source: string): LintMessage[] {
  const result = spawnSync(
    process.execPath,
    [join(workspaceRoot, 'node_modules/eslint/bin/eslint.js'), '-c', '.config/eslint.config.mjs', '--format', 'json', '--stdin', '--stdin-filename', filePath],
    { cwd: workspaceRoot, input: source, encoding: 'utf8' },
  );
  if (!result.stdout) throw new Error(`eslint produced no report: ${result.stderr}`);
  const [report] = JSON.parse(result.stdout) as Array<{ messages: LintMessage[] }>;
  return report?.messages ?? [];
}
