/** The partnership home page's links to the follow-up reports and the steering view (issue 19). */
import { textArea } from "../i18n/area.js";

export const { t: tlink } = textArea(
  { "reports.open": "Uppföljningsrapporter", "steering.open": "Styrgruppsvy" },
  { "reports.open": "Follow-up reports", "steering.open": "Steering view" },
);
