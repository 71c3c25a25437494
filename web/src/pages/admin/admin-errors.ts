/** A failed admin request in the reader's language: known codes in our words, the rest with the server's text. */
import { ApiError } from "../../api/client.js";
import { t } from "../../i18n/i18n.js";
import { type AdminKey, ta } from "./admin-texts.js";

const OURS: Record<string, AdminKey> = {
  organization_exists: "admin.error.organizationExists",
  organization_inactive: "admin.error.organizationInactive",
  unknown_organization: "admin.error.unknownOrganization",
  unknown_user: "admin.error.unknownUser",
  cannot_deactivate_self: "admin.error.cannotDeactivateSelf",
};

export function adminProblem(error: unknown): string {
  if (error instanceof ApiError) {
    const key = OURS[error.code];
    if (key) return ta(key);
    // Already in the reader's words, naming the field (api/client.ts).
    if (error.code === "validation_failed") return error.message;
  }
  return t("error.generic", { message: (error as Error).message });
}
