/** A held batch run: `reached` once it has priced `at` contracts; it goes on after `release()`. */
export type Held = { reached: Promise<void>; release(): void };

/**
 * The platform's `onBatchProgress` seam, to stop a batch run of the gateway mid-way once and watch
 * its progress from outside; runs go straight through when nothing is held.
 */
export const createBatchHold = () => {
  let hold: { at: number; reached: () => void; released: Promise<void> } | undefined;
  return {
    onBatchProgress: async (done: number) => {
      const here = hold;
      if (here === undefined || done !== here.at) return;
      hold = undefined;
      here.reached();
      await here.released;
    },
    /** Holds the next run that reaches `at` contracts priced. */
    holdAt: (at: number): Held => {
      let reached!: () => void;
      let release!: () => void;
      const held: Held = {
        reached: new Promise((resolve) => (reached = resolve)),
        release: () => release(),
      };
      hold = { at, reached, released: new Promise((resolve) => (release = resolve)) };
      return held;
    },
  };
};
