import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Alarm, type AlarmProps, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { REPO_ROOT } from './service-function.js';

export interface RunbookAlarmProps extends Omit<AlarmProps, 'alarmDescription'> {
  /** What the alarm means, in one line. */
  summary: string;
  /** Where to look first: a runbook in docs/runbooks, with a section (`alarms.md#api-errors`). */
  runbook: `${string}.md${'' | `#${string}`}`;
}

/**
 * An alarm that tells the alarm topic and names its runbook. No data is not a breach: a quiet queue or an idle
 * function is healthy, which is what most of these watch. A runbook or section that does not exist fails the
 * synthesis, so an alarm never points at nothing.
 */
export function alarmTo(topic: ITopic, scope: Construct, id: string, props: RunbookAlarmProps): Alarm {
  const { summary, runbook, ...alarmProps } = props;
  checkRunbook(runbook);
  const alarm = new Alarm(scope, id, {
    treatMissingData: TreatMissingData.NOT_BREACHING,
    ...alarmProps,
    alarmDescription: `${summary}. Runbook: docs/runbooks/${runbook}`,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}

/** The section anchors of each runbook, read once per synthesis (many alarms name the same file). */
const anchorsByRunbook = new Map<string, string[] | undefined>();

function anchorsOf(file: string): string[] | undefined {
  if (!anchorsByRunbook.has(file)) {
    const where = path.join(REPO_ROOT, 'docs/runbooks', file);
    const anchors = existsSync(where)
      ? [...readFileSync(where, 'utf8').matchAll(/^#+ (.+)$/gm)].map(([, heading = '']) =>
          // As GitHub makes a heading's anchor: lower case, punctuation dropped, spaces to hyphens.
          heading
            .trim()
            .toLowerCase()
            .replace(/[^\p{L}\p{N} _-]/gu, '')
            .replace(/ /g, '-'),
        )
      : undefined;
    anchorsByRunbook.set(file, anchors);
  }
  return anchorsByRunbook.get(file);
}

function checkRunbook(runbook: string): void {
  const [file = '', section] = runbook.split('#');
  const anchors = anchorsOf(file);
  if (!anchors) throw new Error(`alarm runbook docs/runbooks/${file} does not exist`);
  if (section && !anchors.includes(section)) {
    throw new Error(`alarm runbook docs/runbooks/${file} has no section "${section}"`);
  }
}
