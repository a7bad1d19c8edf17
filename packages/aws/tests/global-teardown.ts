export default async function globalTeardown(): Promise<void> {
  await (globalThis as { stopDynalite?: () => Promise<void> }).stopDynalite?.();
}
