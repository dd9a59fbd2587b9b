/**
 * The zh-CN texts of the native library's causes (`library.*`): disconnects, connect failures
 * and failed calls, found by `library-causes.ts`; spread into `catalogue-zh-cn.ts`. Peers, errno
 * names and protocol codes stay verbatim so they can be searched.
 *
 * @module
 */

export const libraryZhCN = {
  "library.heartbeat": (p: { peer: string; ms: number }) =>
    `心跳超时：${p.ms} ms 内没有收到 ${p.peer} 的任何数据`,
  "library.oneWay": (p: { peer: string; request: string; ms: number }) =>
    `${p.peer} 仍在发送数据，但 ${p.ms} ms 内没有回应 ${p.request} 请求：我方请求到不了服务器（单向丢包）`,
  "library.peerClosed": (p: { peer: string }) => `对方 ${p.peer} 关闭了连接`,
  "library.socketFailed": (p: { peer: string; errno: string }) => `与 ${p.peer} 的连接读写出错 (${p.errno})`,
  "library.protocolError": (p: { peer: string; code: number }) =>
    `${p.peer} 发来的数据不符合协议（错误码 ${p.code}，见 docs/protocol.md）`,
  "library.sessionClosed": (p: { peer: string; type: string }) =>
    `服务器 ${p.peer} 在类型 ${p.type} 的消息之后关闭了会话`,
  "library.loginFailed": (p: { peer: string; code: number }) => `登录 ${p.peer} 失败（错误码 ${p.code}）`,
  "library.noMemory": () => "内存不足",
  "library.dns": (p: { host: string; text: string }) => `无法解析主机名 '${p.host}'（系统原文 "${p.text}"）`,
  "library.connectTimeout": (p: { peer: string; ms: number }) => `连接 ${p.peer} 超时（${p.ms} ms）`,
  "library.connectRefused": (p: { peer: string }) => `连接 ${p.peer} 被拒绝`,
  "library.unreachable": (p: { peer: string; errno: string }) => `${p.peer} 不可达 (${p.errno})`,
  "library.connectFailed": (p: { peer: string; errno: string }) => `连接 ${p.peer} 失败 (${p.errno})`,
  /** A text no pattern knows: the library's own, quoted as data. */
  "library.unknown": (p: { text: string }) => `接口库原文 "${p.text}"`,

  "library.callFailed": (p: { func: string; returnCode: number; meaning: string }) =>
    `接口库调用 ${p.func} 失败 (${p.returnCode})：${p.meaning}`,
  "library.callFailedSaying": (p: { func: string; returnCode: number; meaning: string; text: string }) =>
    `接口库调用 ${p.func} 失败 (${p.returnCode})：${p.meaning}（接口库原文 "${p.text}"）`,
  "library.call.INVALID_ARG": () => "参数无效（空指针、字符串过长或数值越界）",
  "library.call.STATE": () => "当前状态下不能调用（例如尚未登录，或句柄已释放）",
  "library.call.QUEUE_FULL": () => "请求队列已满，请稍后重试",
  "library.call.SYSTEM": () => "创建线程或套接字失败",
  "library.call.UNSUPPORTED": () => "此接口库不支持该功能",
  "library.call.UNKNOWN": () => "未知错误码",
  "library.argument": (p: { field: string; text: string }) =>
    `请求字段 ${p.field} 无法编码（接口库原文 "${p.text}"）`,
} as const;
