/** The desktop shell's messages in the page: tel: hand-over and a restarted data service. */
export const desktopZhCN = {
  coreRestarted: '数据服务意外停止，已在同一数据文件夹上自动重启。已保存的数据没有丢失，请重新登录。',
  coreStopped: '数据服务意外停止且无法重启（{{message}}）。请关闭并重新打开工作台；已保存的数据没有丢失。',
  dismiss: '知道了',
};
