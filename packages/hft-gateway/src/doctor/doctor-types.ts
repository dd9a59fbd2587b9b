/**
 * The doctor's vocabulary: its steps, a step's result and the report.
 *
 * @module
 */
import type { Message } from "../i18n/catalogue.js";
import type { Language } from "../i18n/language.js";

/** The checklist's steps, in the order they run. */
export const DOCTOR_STEPS = [
  "settings",
  "library",
  "tradeNetwork",
  "marketNetwork",
  "tradeLogin",
  "marketLogin",
  "tradeData",
  "tick",
  "clock",
] as const;

/** One step of the checklist. */
export type DoctorStepId = (typeof DOCTOR_STEPS)[number];

/** passed; failed (the next action says what to do); warning (may be fine); skipped (an earlier step failed). */
export type DoctorStatus = "passed" | "failed" | "warning" | "skipped";

/** The result of one step. */
export interface DoctorStepResult {
  readonly step: DoctorStepId;
  readonly status: DoctorStatus;
  /** What was found and, when it failed, the next action; as a message code with parameters. */
  readonly message: Message;
  /** More lines (one per bad setting, the vendor SDK files), already rendered; never a secret. */
  readonly details: readonly string[];
  /** How long the step took, in ms. */
  readonly ms: number;
  /** Machine-readable facts of the step (error codes, errno names, timings); never a secret. */
  readonly facts: Readonly<Record<string, string | number | boolean>>;
}

/** Everything {@link runDoctor} found, free of secrets, ready to print or send to the broker. */
export interface DoctorReport {
  /** tsgate doctor report format. */
  readonly format: "tsgate-doctor/1";
  readonly startedAt: string;
  readonly ms: number;
  readonly language: Language;
  readonly versions: Readonly<Record<string, string>>;
  readonly os: { readonly platform: string; readonly release: string; readonly arch: string };
  /** The library as loaded (absent when it could not be). */
  readonly library?: {
    readonly path: string;
    readonly info: string;
    readonly abiVersion: number;
    readonly backend: string;
  };
  /** The settings with both passwords replaced by their length. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly steps: readonly DoctorStepResult[];
  /** True when no step failed. */
  readonly ok: boolean;
}
