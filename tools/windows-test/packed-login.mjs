// Runs in Windows node.exe inside a directory holding only the unpacked @tsgate/hft-native tarball
// and its dependencies: the default library must be the DLL the package ships, and it must log in.
import { loadHftLibrary, TraderApi } from "@tsgate/hft-native";

const lib = loadHftLibrary();
console.log(`library ${lib.path} (${lib.pathSource}), ${lib.info}`);
if (lib.pathSource !== "bundled" || !/\.dll$/i.test(lib.path)) {
  console.log("FAIL: expected the bundled DLL");
  process.exit(1);
}
const api = new TraderApi({ host: "127.0.0.1", port: Number(process.env.TSGATE_WIN_TRADE_PORT) });
const login = api.next("login");
api.login({
  accountId: "demo",
  password: "demo123",
  custOrgid: "0000",
  custBranchid: "9999",
  clSystemId: "HFT",
});
const timer = setTimeout(() => {
  console.log("FAIL: no login answer within 60 s");
  process.exit(1);
}, 60_000);
const ev = await login;
clearTimeout(timer);
await api.close();
console.log(
  ev.ok
    ? `PASS: logged in as ${ev.accountId}, trading day ${ev.tradingDay}`
    : `FAIL: login refused ${ev.errorCode} ${ev.errorMsg}`,
);
process.exit(ev.ok ? 0 : 1);
