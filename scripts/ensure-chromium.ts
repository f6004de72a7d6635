// First step of `npm test`: a browser for the end-to-end journeys, found or provided before anything
// spends minutes (see scripts/lib/chromium.ts). Exits 1 with one line when there is none to be had.
import { requireChromium } from "./lib/chromium";

requireChromium();
