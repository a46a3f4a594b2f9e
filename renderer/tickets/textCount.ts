/** Count without cutting: a pasted log longer than the limit must stay visible (and be flagged), not be silently truncated. */
export const textCount = (max: number): { show: true; max: number } => ({ show: true, max });
