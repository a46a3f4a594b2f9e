import { z } from 'zod';
import { inputText } from '../bidi.js';
import { normalisePhoneText, parsePhone } from '../phone.js';

/** Stored normalised (normalisePhoneText): what the agent sees again is ASCII digits. */
export const PhoneInputSchema = z
  .string()
  .overwrite(normalisePhoneText)
  .min(1)
  .max(40)
  .refine((v) => parsePhone(v) !== null, { message: 'Not a valid phone number (mobile, landline with area code, or +country code)', params: { code: 'invalid_phone' } });

export const CustomerInputSchema = z.strictObject({
  name: inputText().min(1).max(100),
  phone: PhoneInputSchema,
  organisation: inputText().max(200).optional(),
  address: inputText().max(500).optional(),
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
  q: inputText().min(1).max(100),
  limit: z.number().int().min(1).max(50).default(10),
});
export type CustomerSearch = z.infer<typeof CustomerSearchSchema>;
