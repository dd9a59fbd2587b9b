// One process of ours for bench/vnpy-ratio.bench.ts: prints the events/s of the last of <rounds>
// rounds. Plain JavaScript run by plain `node` on the engine module built to JavaScript, because
// that is what users run: a TypeScript loader in the process (tsx) changes how V8's garbage
// collector treats the million events alive at once (under `--import tsx` V8 often decides not to
// pretenure them, so every round pays for scavenges copying them; the bare loop with no engine ran
// at 6-8M events/s under the loader and 15-28M without), which measures the loader, not the engine.
const [enginePath, eventsArg, roundsArg] = process.argv.slice(2);
const events = Number(eventsArg);
const rounds = Number(roundsArg);
if (enginePath === undefined || !(events > 0 && rounds > 0))
  throw new Error("usage: vnpy-ratio-child.mjs <engine module> <events> <rounds>");
const { EVENT_TICK, EventEngine } = await import(enginePath);

/** One round: put `events` events back to back, resolve when both handlers have seen all. */
async function once() {
  const engine = new EventEngine();
  let typeCount = 0;
  let generalCount = 0;
  engine.register(EVENT_TICK, () => {
    typeCount++;
  });
  engine.registerGeneral((event) => {
    if (event.type === EVENT_TICK) generalCount++; // not the engine's own eTimer events
  });
  engine.start();
  const data = { lastPrice: 7.31 };
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < events; i++) engine.put({ type: EVENT_TICK, data });
  await engine.flush();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  engine.stop();
  if (typeCount !== events || generalCount !== events)
    throw new Error(`delivered ${typeCount}/${generalCount} of ${events}`);
  return events / seconds;
}

let rate = 0;
for (let round = 0; round < rounds; round++) rate = await once();
console.log(rate);
