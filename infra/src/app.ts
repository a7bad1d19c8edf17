import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { deploymentSettings } from './settings.js';
import { DataStack } from './stacks/data-stack.js';
import { ServiceStack } from './stacks/service-stack.js';
import { parseStage } from './stage.js';

/** Builds the whole app; used by `cdk synth` (main.ts) and by the tests. */
export function buildApp(app: App = new App()): { app: App; data: DataStack; service: ServiceStack } {
  const stage = parseStage(app.node.tryGetContext('stage'));
  const settings = deploymentSettings(app, stage);
  Tags.of(app).add('project', 'import-comms');
  Tags.of(app).add('stage', stage);
  // cdk-nag (AwsSolutions and Serverless) runs as validation plugins: an unacknowledged finding fails synthesis.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  const data = new DataStack(app, `import-comms-${stage}-data`, { stage, settings });
  const service = new ServiceStack(app, `import-comms-${stage}-service`, { stage, settings, data });
  return { app, data, service };
}
