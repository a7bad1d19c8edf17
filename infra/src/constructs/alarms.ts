import { Alarm, type AlarmProps, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * An alarm that tells the alarm topic. No data is not a breach: a quiet queue or an idle function is healthy,
 * which is what most of these watch.
 */
export function alarmTo(topic: ITopic, scope: Construct, id: string, props: AlarmProps): Alarm {
  const alarm = new Alarm(scope, id, { treatMissingData: TreatMissingData.NOT_BREACHING, ...props });
  alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}
