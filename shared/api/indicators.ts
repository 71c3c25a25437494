/** REST payloads for entering an indicator's values (issue 19). */
import { z } from "zod";
import { itemIdSchema } from "../boards/fields.js";

export const indicatorValueBody = z.strictObject({
  unitId: itemIdSchema,
  occasionId: itemIdSchema,
  value: z.number().finite(),
  /** How many answered; null or left out when not known. */
  respondents: z.number().int().min(0).max(10_000_000).nullable().optional(),
});
export type IndicatorValueBody = z.infer<typeof indicatorValueBody>;
