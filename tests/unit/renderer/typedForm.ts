import { defaultFormValues, type TicketFormValues } from '../../../renderer/tickets/formModel.js';

/** A half-typed console ticket form: a blank organisation and description, a resolution, an assignee and a team. */
export const TYPED_FORM: TicketFormValues = {
  ...defaultFormValues(),
  customer: { name: '陈先生', phone: '021-5888 6666', organisation: '  ', address: '上海市浦东新区' },
  subject: '打印机卡纸',
  description: '',
  category: 'fault',
  resolution: '取出卡纸',
  assigneeId: 'li.agent',
  team: '二线',
};
