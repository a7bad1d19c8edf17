import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoConfig {
  /** Override for local emulators (dynalite); absent in AWS. */
  endpoint?: string;
  region?: string;
}

export function createDynamoClient(config: DynamoConfig = {}): DynamoDBClient {
  const options: DynamoDBClientConfig = {
    ...(config.region ? { region: config.region } : {}),
    ...(config.endpoint
      ? {
          endpoint: config.endpoint,
          // Emulators accept any credentials; never let the default chain look for real ones.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          region: config.region ?? 'us-east-1',
        }
      : {}),
  };
  return new DynamoDBClient(options);
}

export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
