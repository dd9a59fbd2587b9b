/**
 * Prices as a person reads them: with as many decimals as the instrument's tick has (0.01 → 2,
 * 0.001 → 3), the same in the dashboard, the terminal and the order checks' messages. One rule for
 * the gateway and both UIs, from the browser-safe rules module.
 *
 * @module
 */
export { decimalsOf, formatPrice } from "@tsgate/ashare-rules";
