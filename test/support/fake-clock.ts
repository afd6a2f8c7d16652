/** A clock whose time and timers the test moves by hand. */
export function fakeClock() {
  let time = 0;
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => time,
    setTimeout(run: () => void, ms: number) {
      timers.push({ at: time + ms, run });
    },
    advance(ms: number) {
      time += ms;
      for (const timer of timers.filter((t) => t.at <= time)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
      }
    },
    pending: () => timers.length,
  };
}
