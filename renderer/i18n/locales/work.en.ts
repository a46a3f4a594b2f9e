import type { Catalogue } from './zh-CN.js';

/** English for work.zh-CN.ts. */
export const workEn: Catalogue['work'] = {};
