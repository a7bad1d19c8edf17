/**
 * AWS on-demand unit prices used to price a benchmark run (USD; ap-southeast-2 where it differs from
 * us-east-1). Checked on 2026-11-25 against the public price pages; update the date with the figures.
 */
export const PRICES = {
  checkedOn: '2026-11-25',
  eventBridgePerMillionEvents: 1.0,
  sqsPerMillionRequests: 0.4,
  lambdaPerMillionRequests: 0.2,
  /** arm64, per GB-second. */
  lambdaPerGbSecond: 0.0000133334,
  dynamoDbPerMillionWriteUnits: 0.625,
  dynamoDbPerMillionReadUnits: 0.125,
} as const;

/** Memory the CDK app gives each function (infra/src/constructs/service-function.ts), in GB. */
export const FUNCTION_MEMORY_GB = 0.5;
