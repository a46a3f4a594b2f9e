/**
 * Working a ticket and the records people read (issue 14, points 5-6):
 * resolving with the resolution, internal notes, assign to me, the closed
 * ticket's read-only state, hand-offs to teams, the history in words.
 */
export const ticketworkZhCN = {
  resolve: {
    prefilled: '已填入工单当前的解决方案，请核对或补充后再解决。客户回访和知识库都用这段文字。',
    empty: '写清楚问题是怎么解决的：客户回访和知识库都用这段文字。',
  },
  close: {
    hintUnconfirmed: '客户还没确认就关闭：请写明原因（如：三次联系不上客户）。关闭后工单只读，客户再反映问题时可重新打开。',
    hintConfirmed: '客户已确认解决。关闭后工单只读，客户再反映问题时可重新打开。',
  },
  reopen: { hint: '写明重新打开的原因（如：客户回电说问题依旧）。' },
  readOnly: '工单已关闭，只读。要修改、加备注或交接，请先重新打开。',
  assign: {
    toMe: '指派给我',
    mine: '已由你处理',
    done: '已指派给你：{{no}}',
    hint: '把这张工单指派给自己（Ctrl+Shift+M）',
    key: 'Ctrl+Shift+M',
  },
  notes: {
    title: '内部备注',
    explain: '只有团队成员能看到，客户看不到。',
    placeholder: '写一条备注：给同事的提醒、排查进展……',
    add: '添加备注',
    addKey: 'Ctrl+Enter',
    empty: '还没有备注',
    added: '备注已添加',
    meta: '{{name}} · {{at}}',
    label: '备注内容',
    closed: '工单已关闭，不能再加备注。',
  },
  handoff: {
    teamPlaceholder: '选择班组',
    noTeam: '没有这个班组（班组来自账号设置）',
    ownTeam: '（本组）',
  },
  queue: {
    team: '班组',
    allTeams: '全部班组',
    ofTeam: '{{team}} 的队列',
    allOf: '全部班组的队列',
  },
  history: {
    created: '创建工单 {{no}}',
    updated: '修改了 {{fields}}',
    status: '{{from}} → {{to}}',
    handedOff: {
      escalate: '升级给 {{to}} · 需 {{due}} 前答复',
      transfer: '转派给 {{to}} · 需 {{due}} 前答复',
      dispatch: '派单给 {{to}} · 需 {{due}} 前答复',
    },
    ask: '请求',
    scope: '范围',
    answered: '{{who}} 答复了交接',
    contact: '通过{{channel}}联系客户，告知进展',
    callLinked: '关联通话 {{call}}',
    callLinkedUnknown: '关联了一个通话',
    followUp: {
      done: '完成{{kind}}：满意度 {{score}} 分',
      doneNoScore: '完成{{kind}}',
      unreachable: '{{kind}}未联系上客户',
    },
    resolvedWith: '解决方案',
    otherCustomer: '另一位客户',
    listSep: '、',
    by: '{{name}}',
    answerLabel: '答复',
  },
  draft: {
    saved: '草稿已自动保存 {{at}}',
    restored: '已恢复上次未提交的草稿（{{at}}）',
    discard: '丢弃草稿',
    linkedCall: '将关联当前通话：{{number}}',
  },
};

export type TicketworkCatalogue = typeof ticketworkZhCN;
