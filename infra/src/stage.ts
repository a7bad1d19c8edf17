export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

export function parseStage(value: unknown): Stage {
  const stage = value ?? 'dev';
  if (typeof stage !== 'string' || !(STAGES as readonly string[]).includes(stage)) {
    throw new Error(`unknown stage "${String(stage)}": pass -c stage=dev or -c stage=prod`);
  }
  return stage as Stage;
}
