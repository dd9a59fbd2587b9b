/** HftGateway against @tsgate/core's gateway conformance kit, through the real C simulation library. */
import { runHftConformance } from "./helpers/conformance.js";

runHftConformance("HFT on the mock servers");
