/**
 * `@tsgate/safe-json`: what is wrong with a JSON text `JSON.parse` refused, said by line and
 * column only, so a settings file or simulator config that holds passwords never leaks a piece of
 * itself into an error message or a log ({@link describeJsonError}; as data to word in another
 * language, {@link jsonErrorParts}). No dependencies, browser-safe.
 *
 * @packageDocumentation
 */
export { describeJsonError, type JsonErrorParts, jsonErrorParts } from "./json-error.js";
