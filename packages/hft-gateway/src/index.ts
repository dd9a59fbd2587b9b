/**
 * `@tsgate/hft-gateway`: {@link HftGateway}, the Guotai Junan HFT unified trading gateway for
 * China A-shares (SSE and SZSE, net positions) as a tsgate `BaseGateway`, over the
 * `@tsgate/hft-native` C library.
 *
 * - {@link HftGateway} and its settings ({@link HFT_DEFAULT_SETTING}, {@link parseHftSettings});
 * - local order ids ({@link OrderIdGeneratorOptions}, {@link OrderIdsExhaustedError});
 * - {@link runDoctor}, the connection checklist (`tsgate doctor`), and the zh-CN / en message
 *   catalogues ({@link CATALOGUES}, {@link resolveLanguage}).
 *
 * @packageDocumentation
 */

export type { HftApiFactory, MdApiPort, TraderApiPort } from "./api-ports.js";
export { nativeApiFactory } from "./api-ports.js";
export {
  DEFAULT_ACCOUNT_REFRESH_SECONDS,
  DEFAULT_MARKET_PORT,
  DEFAULT_TRADE_PORT,
  HFT_GATEWAY_NAME,
} from "./constants.js";
export {
  DOCTOR_STEPS,
  type DoctorReport,
  type DoctorStatus,
  type DoctorStepId,
  type DoctorStepResult,
} from "./doctor/doctor-types.js";
export { formatReportText, formatStep, formatSummary } from "./doctor/format-doctor.js";
export {
  type LoginCause,
  type LoginCauseEntry,
  loginCause,
  MARKET_LOGIN_CAUSES,
  TRADE_LOGIN_CAUSES,
} from "./doctor/login-causes.js";
export { DOCTOR_DEFAULTS, type DoctorOptions, runDoctor } from "./doctor/run-doctor.js";
export { HftGateway, type HftGatewayOptions } from "./hft-gateway.js";
export {
  CATALOGUES,
  type Message,
  type MessageCode,
  type MessageParams,
  message,
  renderMessage,
  serverReason,
  text,
} from "./i18n/catalogue.js";
export { DEFAULT_LANGUAGE, LANGUAGES, type Language, resolveLanguage } from "./i18n/language.js";
export { settingsIssueLines, settingsIssueMessage } from "./i18n/settings-issues.js";
export type { GatewayMessages } from "./messages.js";
export { type OrderIdGeneratorOptions, OrderIdsExhaustedError } from "./order-ids.js";
export { formatPrice } from "./order-validation.js";
export { DEFAULT_RETENTION, type RetentionLimits } from "./retention.js";
export {
  HFT_DEFAULT_SETTING,
  HFT_SETTING_RULES,
  type HftDefaultSetting,
  type HftSettings,
  parseHftSettings,
} from "./settings.js";
export { EVENT_SUBSCRIBE_FAILED, type SubscribeFailure } from "./subscribe-failure.js";
