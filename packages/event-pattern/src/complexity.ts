/**
 * How AWS bounds wildcards: Event Ruler compiles every wildcard of a field into one byte machine over the value's
 * JSON text (quotes included) and refuses a rule when some input keeps too many pattern states of that machine
 * active at once — many stars, or a sequence that repeats after a star, multiply them.
 */
export const WILDCARD_COMPLEXITY_LIMIT = 10;

export const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

/** One alternative of a field that holds wildcards: its identity (equal alternatives are one) and its operands. */
export interface WildcardTerm {
  identity: string;
  wildcards: readonly string[];
}

/** A byte of the value, or a star. */
const STAR = -1;
const QUOTE = 0x22;

/** The operand as the machine reads it: its UTF-8 bytes between quotes, stars apart, escapes resolved. */
function tokensOf(wildcard: string): number[] {
  const tokens = [QUOTE];
  const encoder = new TextEncoder();
  for (let index = 0; index < wildcard.length; index++) {
    const char = wildcard[index] as string;
    if (char === '*') tokens.push(STAR);
    else {
      // Validation has refused any escape but `\*` and `\\`.
      const literal = char === '\\' ? (wildcard[++index] as string) : char;
      tokens.push(...encoder.encode(literal));
    }
  }
  tokens.push(QUOTE);
  return tokens;
}

interface MachineState {
  /** Byte → the states it leads to. */
  readonly on: Map<number, number[]>;
  /** States any byte leads to (a star's loop, or the way into one). */
  readonly any: number[];
  /** Which alternatives pass through this state. */
  readonly weight: Set<string>;
  /** Shared states of the part before the first star: byte → state, and the first star's state. */
  readonly prefix: Map<number, number>;
  star?: number;
}

const newState = (): MachineState => ({ on: new Map(), any: [], weight: new Set(), prefix: new Map() });

function addEdge(state: MachineState, byte: number, target: number): void {
  const targets = state.on.get(byte);
  if (targets) targets.push(target);
  else state.on.set(byte, [target]);
}

/**
 * The most alternatives' states one input keeps active in the field's machine. States before the first star are
 * shared as a trie; after it each alternative has its own, and a star both loops and may match nothing (its next
 * byte is also reachable from the state before it). Each set of active states is reached by subset construction
 * over the bytes the machine names, plus one byte it does not.
 */
export function wildcardComplexity(terms: readonly WildcardTerm[]): number {
  const states: MachineState[] = [newState()];
  const accepting = new Map<string, number>();
  const alphabet = new Set<number>();
  for (const term of terms) {
    for (const wildcard of term.wildcards) {
      const tokens = tokensOf(wildcard);
      let current = 0;
      let previous = -1;
      let determinate = true;
      tokens.forEach((token, index) => {
        const last = index === tokens.length - 1;
        const here = states[current] as MachineState;
        let next: number | undefined;
        if (last) next = accepting.get(term.identity);
        else if (token === STAR) next = determinate ? here.star : undefined;
        else if (determinate) next = here.prefix.get(token);
        const created = next === undefined;
        if (next === undefined) {
          next = states.length;
          states.push(newState());
          if (last) accepting.set(term.identity, next);
          else if (token === STAR && determinate) here.star = next;
          else if (determinate) here.prefix.set(token, next);
        }
        const target = states[next] as MachineState;
        if (token === STAR) {
          determinate = false;
          if (target.any.length === 0) {
            here.any.push(next);
            target.any.push(next);
          }
        } else if (last || created) {
          alphabet.add(token);
          addEdge(here, token, next);
          if (index > 0 && tokens[index - 1] === STAR) addEdge(states[previous] as MachineState, token, next);
        }
        target.weight.add(term.identity);
        previous = current;
        current = next;
      });
    }
  }
  if (states.length === 1) return 0;
  const inputs = [STAR, ...alphabet];
  const seen = new Set<string>();
  const pending: number[][] = [[0]];
  let highest = 0;
  while (pending.length > 0) {
    const active = pending.pop() as number[];
    for (const input of inputs) {
      const reached = new Set<number>();
      for (const id of active) {
        const state = states[id] as MachineState;
        for (const next of state.any) reached.add(next);
        if (input !== STAR) for (const next of state.on.get(input) ?? []) reached.add(next);
      }
      if (reached.size === 0) continue;
      let complexity = 0;
      for (const id of reached) {
        const state = states[id] as MachineState;
        complexity += state.weight.size;
        // A star a state leads into is live already: it matches the empty string.
        for (const star of state.any)
          if (!reached.has(star)) complexity += (states[star] as MachineState).weight.size;
      }
      if (complexity > WILDCARD_COMPLEXITY_LIMIT) return complexity;
      highest = Math.max(highest, complexity);
      const key = [...reached].sort((a, b) => a - b).join(',');
      if (!seen.has(key)) {
        seen.add(key);
        pending.push([...reached]);
      }
    }
  }
  return highest;
}
