/**
 * The zh-CN usage texts of the `tsgate` commands (`--help`) and their usage errors; this catalogue
 * defines the codes, `usage-en.ts` gives every one. Option and command names stay as typed, in
 * both languages: they are what the user types.
 *
 * @module
 */
export const usageZhCN = {
  "usage.main": `用法：tsgate <命令> [选项]

命令：
  trader [--settings f.json] [--no-browser] [--port n]
                 网页看板，连接内置模拟器（或 f.json 中的服务器）
  mock [--config f] [--trade-port n] [--market-port n]
                 只运行模拟交易和行情服务器（供其他交易程序或 vnpy 使用）
  status [--port n]
                 运行中的交易程序的连接状态
  halt [--port n] [--reason 原因]
                 运行中的交易程序的紧急停止：进入 HALTED，撤销所有活动委托
                 （访问令牌取自 \${tokenEnv}）
  doctor --settings f.json [--report 文件] [--language zh-CN|en]
                 逐步检查设置、接口库、网络、登录、数据和时钟

"tsgate <命令> --help" 说明各命令的选项。
`,
  "usage.trader": `用法：tsgate trader [选项]

启动网页看板。不给 --settings 时，通过真实的 HFT 接口和原生库连接内置模拟器（模拟交易和行情服务器，
带演示账户）。

  --settings <file.json>    连接此设置文件中的服务器（键 {firstKey} … {lastKey}），而不是内置模拟器
  --journal <file.db>       委托日志（SQLite）：重启后委托号接续，成交不重复推送，当天的委托会恢复
                            （用于真实服务器）
  --strategy <file.js>      运行此 ES 模块导出的 StrategyTemplate 类（可重复给出多个文件）；它们列在
                            看板的“策略”页，不会自动初始化
  --strategy-setting <file> 要添加哪些策略：{ "名称": { "className", "vtSymbols", "setting" } }；
                            不给时每个类添加一次，以类名命名，用第一个合约
  --strategy-store <file>   把策略的参数、变量和持仓保存在此 JSON 文件中，重启后保留（停止时保存，
                            初始化时恢复；默认只在内存中）
  --backtest-report <file>  在“回测报告”页显示此回测结果（resultToJson 的输出）（无法使用的文件会
                            报告出来，交易程序照常运行）
  --no-browser              终端模式：打印委托和成交，从标准输入读取命令
  --full                    终端模式：显示完整的委托号和成交号，而不是缩写
  --ticker <seconds>        终端模式：TICKS 行情行的间隔秒数（默认 {ticker}；0 = 关闭）
  --port <n>                看板端口（默认 {port}，或 \${portEnv}；0 = 任意空闲端口）
  --host <address>          看板监听的地址（默认 {host}；其他地址会打印警告）
  --language <zh-CN|en>     交易程序文字和接口日志的语言（默认取设置文件的 "language"，否则按
                            LC_ALL / LC_MESSAGES / LANG，否则 zh-CN）
  --subscribe <list>        要订阅的合约，例如 600000.SSE,000001.SZSE（默认：演示合约）
  --mock-config <file>      模拟器配置（默认：内置的演示配置）
  --trade-port <n>          模拟器交易端口（默认：任意空闲端口）
  --market-port <n>         模拟器行情端口（默认：任意空闲端口）
  --seed <n>                模拟器行情的随机种子
  -h, --help                显示此帮助
`,
  "usage.status": `用法：tsgate status [--port <n>] [--host <address>]

打印本机上运行的 tsgate 交易程序的连接状态。
有交易程序应答时退出码为 0，没有运行时为 1。

  --port <n>          它的看板端口（默认 {port}，或 \${portEnv}）
  --host <address>    它监听的地址（默认 {host}）
  -h, --help          显示此帮助
`,
  "usage.halt": `用法：tsgate halt [--port <n>] [--host <address>] [--reason <text>]

本机上运行的 tsgate 交易程序的紧急停止：交易状态变为 HALTED（不再接受新委托，只能撤单），
所有接口的活动委托全部撤销。

访问令牌（交易程序启动时打印的）取自 \${tokenEnv}
（或 --token <t>，但本机其他用户能在进程列表中看到它）。
交易程序已停止交易时退出码为 0，无应答或拒绝时为 1，用法有误时为 2。

  --port <n>          它的看板端口（默认 {port}，或 \${portEnv}）
  --host <address>    它监听的地址（默认 {host}）
  --reason <text>     原因，写入交易程序的日志（默认 "{reason}"）
  -h, --help          显示此帮助
`,
  "usage.doctor": `用法：tsgate doctor --settings <file.json> [选项]

用你连接时使用的设置逐步检查连接，每一步打印一行（通过、失败、警告、跳过），说明发现了什么、
下一步该做什么：设置、HFT 接口库、每个服务器的网络和协议、交易和行情登录、登录后的查询、
第一条行情、时钟偏差。没有失败的步骤时退出码为 0，有则为 1。

  --settings <file.json>    设置（键 {firstKey} … {lastKey}，与 tsgate trader 相同）
  --report <file>           另外写一份不含密码的报告，供券商技术支持使用：
                            文件名以 .json 结尾时为 JSON，否则为文本
  --language <zh-CN|en>     输出的语言（默认按 LC_ALL / LC_MESSAGES / LANG）
  --symbol <code>           行情检查订阅的代码，例如 600000.SSE（默认：第一个合约）
  --tick-timeout <ms>       等待行情的时间（默认 {tickTimeout}）
  -h, --help                显示此帮助
`,
  "usage.mock": `tsgate mock 运行 @tsgate/mock-server 的模拟交易和行情服务器（它的 tsgate-mock 命令），
所有选项原样传给它。下面是 tsgate-mock 自己打印的用法（英文）：
`,
  "usage.error": "tsgate {command}：{reason}",
  "usage.mainError": "tsgate：{reason}",
  "usage.unknownCommand": '未知命令 "{command}"',
  "usage.unknownOption": "未知选项 {option}",
  "usage.missingValue": "{option} 需要一个值",
  "usage.noValue": "{option} 不带值",
  "usage.ambiguousValue": "{option}：{value} 看起来像一个选项；如果它就是值，请写成 {option}={value}",
  "usage.unexpectedArgument": "多余的参数 {arg}（只接受选项）",
  "usage.integer": "{option}：应为 {min} 到 {max} 之间的整数，收到 {got}",
  "usage.language": "--language：应为 {languages} 之一，收到 {got}",
  "usage.portZero": "--port 0 不指向任何交易程序；请给出它监听的端口",
  "usage.noToken": "没有访问令牌：请把 {env} 设为交易程序启动时打印的令牌",
  "usage.settingsRequired": "必须给出 --settings <file.json>",
} as const;
