/**
 * Archiving (归档), issue 18 point 3: older tickets kept on the server, named
 * in search and screen-pop and fetched on demand; what a PC holds for
 * reports. Merged into zh-CN.ts as `archive`.
 */
export const archiveZhCN = {
  hint: {
    title: '较早的工单在服务器上（{{count}} 张）',
    search: '本机只保存 {{date}} 之后关闭的工单；与搜索相符的较早工单保存在服务器上，需要时可取回查看。',
    caller: '该来电客户还有较早的工单保存在服务器上，需要时可取回查看。',
    more: '另有 {{count}} 张未列出，请缩小搜索范围',
    listLabel: '服务器上的较早工单',
    view: '查看',
    viewLabel: '从服务器取回并查看工单 {{no}}',
    closedAt: '关闭于 {{date}}',
  },
  view: {
    title: '较早的工单 {{no}}（服务器上，只读）',
    loading: '正在从服务器取回…',
    offline: '此电脑现在连不上服务器，暂时无法取回这张较早的工单。请检查网络或登录后再试。',
    failed: '无法取回这张工单：{{error}}',
    retry: '重试',
    close: '关闭',
    readOnly: '这张工单已归档，只在服务器上保存；此处只读。客户再次来电如需跟进，可在任一电脑上重新打开。',
    fetchedAt: '取回时间 {{time}}',
    customer: '客户',
    phones: '电话',
    status: '状态',
    closedAt: '关闭时间',
    description: '问题描述',
    resolution: '解决方案',
    history: '处理记录',
    notes: '内部备注（{{count}}）',
    calls: '关联通话 {{count}} 次',
  },
  horizon: {
    title: '本机数据不完整',
    text: '此电脑只保存 {{date}} 之后关闭的工单及其通话；所选时段（或对比时段）早于该日期，其中的数字不完整。完整数字请在服务器端或仍保存该时段数据的电脑上查看。',
  },
};
