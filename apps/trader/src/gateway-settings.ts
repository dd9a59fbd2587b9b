/**
 * The gateway settings the trader connects with: built from the embedded simulator's demo
 * config, read from a vnpy-style JSON file, masked before they reach a page, and merged with the
 * stored passwords when the connect form leaves a password empty.
 *
 * @module
 */
import { type GatewaySetting, isSecretSettingKey, type SettingDefaults } from "@tsgate/core";
import type { MockConfig } from "@tsgate/mock-server";
import { InputError } from "./errors.js";
import { fileName, readJsonFile } from "./json-file.js";
import type { MaskedSettings } from "./shared/protocol.js";

/** The HftGateway keys of the connect form, exactly as vnpy_hft names them. */
export const CONNECT_FORM_KEYS = [
  "交易用户名",
  "交易密码",
  "交易服务器",
  "交易端口",
  "机构代号",
  "营业部代号",
  "网关",
  "行情用户名",
  "行情密码",
  "行情服务器",
  "行情端口",
] as const;

/** Settings that connect to servers started from `config` on `host` and the two ports. */
export function simulatorSetting(
  config: MockConfig,
  host: string,
  tradePort: number,
  marketPort: number,
): GatewaySetting {
  const account = config.accounts[0];
  const mdUser = config.mdUsers[0];
  if (account === undefined || mdUser === undefined) {
    throw new InputError("the simulator config needs at least one account and one market-data user");
  }
  return {
    交易用户名: account.accountId,
    交易密码: account.password,
    交易服务器: host,
    交易端口: tradePort,
    机构代号: account.orgCode,
    营业部代号: account.branchCode,
    行情用户名: mdUser.user,
    行情密码: mdUser.password,
    行情服务器: host,
    行情端口: marketPort,
  };
}

/** Reads a settings JSON file (a flat object of setting keys, as vnpy's `connect_hft.json`). */
export function readSettingFile(path: string): GatewaySetting {
  const json = readJsonFile(path, "settings");
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new InputError({
      label: "file.notSettingsObject",
      params: { file: fileName("settings", path), example: "交易服务器" },
    });
  }
  return json as GatewaySetting;
}

/** The settings as a page may see them: form keys only, passwords blanked. */
export function maskSetting(setting: GatewaySetting, defaults: SettingDefaults): MaskedSettings {
  const keys = CONNECT_FORM_KEYS.filter((key) => Object.hasOwn(defaults, key));
  const values: Record<string, string | number | boolean> = {};
  const secretKeys: string[] = [];
  const secretsSet: string[] = [];
  for (const key of keys) {
    const value = setting[key] ?? defaults[key];
    if (isSecretSettingKey(key)) {
      secretKeys.push(key);
      if (typeof value === "string" && value !== "") secretsSet.push(key);
      values[key] = "";
    } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      values[key] = value;
    }
  }
  return { keys, values, secretKeys, secretsSet };
}

/**
 * The settings to connect with after the connect form was submitted: the current settings
 * (including advanced keys the form does not show), overridden by the form's values, except that
 * an empty password keeps the stored one.
 */
export function mergeSetting(current: GatewaySetting, submitted: unknown): GatewaySetting {
  if (typeof submitted !== "object" || submitted === null || Array.isArray(submitted)) {
    throw new InputError("setting: expected an object of setting keys");
  }
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(submitted as Record<string, unknown>)) {
    if (isSecretSettingKey(key) && (value === "" || value === undefined || value === null)) continue;
    merged[key] = value;
  }
  return merged;
}
