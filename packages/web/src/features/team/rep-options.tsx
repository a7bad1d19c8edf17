import { useTeam } from './use-team';

/** The active reps as `<option>`s of a picker, by name, leaving out one (the rep it would hand to themselves). */
export function RepOptions({ except }: { except?: string | undefined }) {
  const { active } = useTeam();
  return (
    <>
      {active
        .filter((rep) => rep.id !== except)
        .map((rep) => (
          <option key={rep.id} value={rep.id}>
            {rep.name}
          </option>
        ))}
    </>
  );
}
