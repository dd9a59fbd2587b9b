import * as check from "./field-checks.js";

/** Cash of one account (vnpy `AccountData`). */
export interface AccountData {
  /** Name of the gateway that reported the account. */
  readonly gatewayName: string;
  /** Account id at the broker. */
  readonly accountid: string;
  /** `${gatewayName}.${accountid}`. */
  readonly vtAccountid: string;
  /** Total cash balance. */
  readonly balance: number;
  /** Cash frozen by working buy orders (including their estimated fees). */
  readonly frozen: number;
  /** `balance - frozen`, computed by {@link createAccount}. */
  readonly available: number;
}

/** Input of {@link createAccount}: `balance` and `frozen` default to 0; `available` and `vtAccountid` are computed. */
export type AccountInit = Pick<AccountData, "gatewayName" | "accountid"> &
  Partial<Pick<AccountData, "balance" | "frozen">>;

/**
 * Creates a frozen {@link AccountData}, computing `available = balance - frozen` and `vtAccountid`.
 *
 * Checks every field: non-empty `gatewayName` and `accountid`, `balance` finite, `frozen`
 * finite ≥ 0.
 *
 * @throws {@link InvalidFieldError} naming the first field that is wrong
 */
export function createAccount(init: AccountInit): AccountData {
  const where = "createAccount";
  const gatewayName = check.nonEmptyText(where, "gatewayName", init.gatewayName);
  const accountid = check.nonEmptyText(where, "accountid", init.accountid);
  const balance = check.finite(where, "balance", init.balance ?? 0);
  const frozen = check.nonNegative(where, "frozen", init.frozen ?? 0);
  return Object.freeze({
    gatewayName,
    accountid,
    vtAccountid: `${gatewayName}.${accountid}`,
    balance,
    frozen,
    available: balance - frozen,
  });
}
