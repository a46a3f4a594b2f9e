import { z } from 'zod';

/**
 * The wallboard's numbers an admin may change (domain.md "The figures,
 * exactly": defaults). Kept as the synced `setting` row `reports`, like the
 * console configuration, so every PC of a center colours the same figure
 * the same way.
 */

/** Figures that carry a green / amber / red band, and which way is better. */
export const BANDED_FIGURES = {
  serviceLevel: 'higher',
  abandonRate: 'lower',
  asaSeconds: 'lower',
  fcr: 'higher',
  csat: 'higher',
  slaMet: 'higher',
  ticketsPastSla: 'lower',
  contactsOwed: 'lower',
  callbacksOverdue: 'lower',
} as const satisfies Record<string, 'higher' | 'lower'>;
export type BandedFigure = keyof typeof BANDED_FIGURES;
export const BANDED_FIGURE_NAMES = Object.keys(BANDED_FIGURES) as BandedFigure[];

/**
 * `green`: the value at which a figure is green (at least it when higher is
 * better, at most it when lower is better); `amber`: the same for amber;
 * past amber it is red. So amber always lies between green and red.
 */
export const ThresholdSchema = z.strictObject({ green: z.number().min(0).max(100_000), amber: z.number().min(0).max(100_000) });
export type Threshold = z.infer<typeof ThresholdSchema>;

const percentThreshold = ThresholdSchema.extend({ green: z.number().min(0).max(100), amber: z.number().min(0).max(100) });

export const ReportsConfigSchema = z
  .strictObject({
    /** rang and ended unanswered within this many seconds: a short abandon */
    shortAbandonSeconds: z.number().int().min(0).max(60),
    /** answered within this many seconds of ringing counts for service level */
    serviceLevelSeconds: z.number().int().min(1).max(600),
    thresholds: z.strictObject({
      serviceLevel: percentThreshold,
      abandonRate: percentThreshold,
      asaSeconds: ThresholdSchema,
      fcr: percentThreshold,
      csat: percentThreshold,
      slaMet: percentThreshold,
      ticketsPastSla: ThresholdSchema,
      contactsOwed: ThresholdSchema,
      callbacksOverdue: ThresholdSchema,
    }),
    agentRows: z
      .strictObject({
        /** not ready longer than this: amber */
        notReadyAmberMinutes: z.number().int().min(1).max(24 * 60),
        /** not ready longer than this: red */
        notReadyRedMinutes: z.number().int().min(1).max(24 * 60),
        /** a call ringing at the desk longer than this: red */
        ringingRedSeconds: z.number().int().min(1).max(600),
      })
      .refine((a) => a.notReadyAmberMinutes < a.notReadyRedMinutes, {
        message: 'Not ready turns amber before it turns red',
        path: ['notReadyRedMinutes'],
        params: { code: 'amber_before_red' },
      }),
  })
  .superRefine((config, ctx) => {
    for (const name of BANDED_FIGURE_NAMES) {
      const { green, amber } = config.thresholds[name];
      const ok = BANDED_FIGURES[name] === 'higher' ? amber <= green : amber >= green;
      if (!ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', name, 'amber'],
          message: BANDED_FIGURES[name] === 'higher' ? `${name}: amber (${amber}) must not be above green (${green}); higher is better` : `${name}: amber (${amber}) must not be below green (${green}); lower is better`,
          params: { code: 'amber_between' },
        });
      }
    }
  });
export type ReportsConfig = z.infer<typeof ReportsConfigSchema>;

/** domain.md's numbers. Past SLA, owed contacts and overdue callbacks: none is green, up to 3 amber. */
export const DEFAULT_REPORTS_CONFIG: ReportsConfig = {
  shortAbandonSeconds: 5,
  serviceLevelSeconds: 20,
  thresholds: {
    serviceLevel: { green: 80, amber: 70 },
    abandonRate: { green: 5, amber: 10 },
    asaSeconds: { green: 20, amber: 40 },
    fcr: { green: 95, amber: 90 },
    csat: { green: 99, amber: 95 },
    slaMet: { green: 95, amber: 90 },
    ticketsPastSla: { green: 0, amber: 3 },
    contactsOwed: { green: 0, amber: 3 },
    callbacksOverdue: { green: 0, amber: 3 },
  },
  agentRows: { notReadyAmberMinutes: 15, notReadyRedMinutes: 30, ringingRedSeconds: 20 },
};

/** An admin's change: any top-level part, validated again as a whole once merged. */
export const ReportsConfigPatchSchema = z.strictObject({
  shortAbandonSeconds: z.number().int().optional(),
  serviceLevelSeconds: z.number().int().optional(),
  thresholds: z.record(z.string(), ThresholdSchema).optional(),
  agentRows: z.record(z.string(), z.number()).optional(),
});
export type ReportsConfigPatch = z.infer<typeof ReportsConfigPatchSchema>;

/** The patch over the configuration in force; the caller validates the result with ReportsConfigSchema. */
export function mergeReportsConfig(current: ReportsConfig, patch: ReportsConfigPatch): unknown {
  return {
    ...current,
    ...(patch.shortAbandonSeconds !== undefined ? { shortAbandonSeconds: patch.shortAbandonSeconds } : {}),
    ...(patch.serviceLevelSeconds !== undefined ? { serviceLevelSeconds: patch.serviceLevelSeconds } : {}),
    thresholds: { ...current.thresholds, ...(patch.thresholds ?? {}) },
    agentRows: { ...current.agentRows, ...(patch.agentRows ?? {}) },
  };
}
