/**
 * What a vnpy-ratio child process loads of ours: the EventEngine module and what it imports, no
 * more, as the vnpy driver loads `vnpy/event/engine.py` alone and not the vnpy package.
 * `vnpy-ratio.bench.ts` builds it to JavaScript with tsup (the package's own bundler and target).
 */
export { EventEngine } from "../src/event-engine.js";
export { EVENT_TICK } from "../src/event-types.js";
