import { z } from 'zod';
import { parsePhone } from '../phone.js';

export const PhoneInputSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine((v) => parsePhone(v) !== null, { message: 'Not a valid phone number (mobile, landline with area code, or +country code)', params: { code: 'invalid_phone' } });

export const CustomerInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  phone: PhoneInputSchema,
  organisation: z.string().trim().max(200).optional(),
  address: z.string().trim().max(500).optional(),
});
export type CustomerInput = z.infer<typeof CustomerInputSchema>;

export const CustomerPhoneSchema = z.object({
  /** as the agent typed it, for display */
  raw: z.string(),
  /** E.164 match key */
  key: z.string(),
  ext: z.string().optional(),
});

export const CustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  phones: z.array(CustomerPhoneSchema),
  organisation: z.string().nullable(),
  address: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const CustomerSearchSchema = z.strictObject({
  q: z.string().trim().min(1).max(100),
  limit: z.number().int().min(1).max(50).default(10),
});
export type CustomerSearch = z.infer<typeof CustomerSearchSchema>;
