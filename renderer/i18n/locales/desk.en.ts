import type { Catalogue } from './zh-CN.js';

/** English for desk.zh-CN.ts. */
export const deskEn: Catalogue['desk'] = {};
