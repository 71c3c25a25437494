/** The meeting's details: type, start and end, place, convener and approvers (justerare). */
import { html, nothing } from "lit";
import { MEETING_TYPES, type Meeting, type MeetingType, setMeeting } from "../../../../shared/boards/minutes.js";
import { keepTyping } from "../../collab/keep-typing.js";
import { formatDate, t } from "../../i18n/i18n.js";
import { dateTimeField } from "../date-field/date-field.js";
import { fromLocalInput, toLocalInput } from "./meeting-time.js";
import { inputValue, type MinutesView, memberName } from "./minutes-view.js";

const MAX_APPROVERS = 10;

export function meetingDetails(view: MinutesView, meeting: Meeting) {
  return html`<section aria-labelledby="meeting-h">
    <h2 id="meeting-h">${t("minutes.meeting")}</h2>
    ${view.readOnly ? meetingText(view, meeting) : meetingEditor(view, meeting)}
  </section>`;
}

function meetingText(view: MinutesView, m: Meeting) {
  const approvers = m.approverIds.map((id) => memberName(view, id) ?? "?");
  return html`<dl class="details">
    <dt>${t("minutes.type")}</dt>
    <dd>${t(`minutes.type.${m.type}`)}</dd>
    <dt>${t("minutes.startsAt")}</dt>
    <dd>${m.startsAt ? formatDate(m.startsAt, true) : t("minutes.none")}</dd>
    <dt>${t("minutes.endsAt")}</dt>
    <dd>${m.endsAt ? formatDate(m.endsAt, true) : t("minutes.none")}</dd>
    <dt>${t("minutes.place")}</dt>
    <dd>${m.place || t("minutes.none")}</dd>
    <dt>${t("minutes.convener")}</dt>
    <dd>${memberName(view, m.convenerId) ?? t("minutes.none")}</dd>
    <dt>${t("minutes.approvers")}</dt>
    <dd>${approvers.length ? approvers.join(", ") : t("minutes.none")}</dd>
  </dl>`;
}

function meetingEditor(view: MinutesView, m: Meeting) {
  const set = (patch: Partial<Meeting>) => view.write(() => setMeeting(view.doc, patch));
  const endsBeforeStart = m.startsAt !== null && m.endsAt !== null && Date.parse(m.endsAt) < Date.parse(m.startsAt);
  return html`<div class="fields">
      <label
        >${t("minutes.type")}
        <select aria-label=${t("minutes.type")} @change=${(e: Event) => set({ type: inputValue(e) as MeetingType })}>
          ${MEETING_TYPES.map((type) => html`<option value=${type} ?selected=${type === m.type}>${t(`minutes.type.${type}`)}</option>`)}
        </select></label
      >
      <label
        >${t("minutes.startsAt")}
        ${dateTimeField({ value: toLocalInput(m.startsAt), describedBy: "time-hint", onChange: (v) => set({ startsAt: fromLocalInput(v) }) })}</label
      >
      <label
        >${t("minutes.endsAt")}
        ${dateTimeField({
          value: toLocalInput(m.endsAt),
          invalid: endsBeforeStart,
          describedBy: endsBeforeStart ? "time-hint ends-error" : "time-hint",
          onChange: (v) => set({ endsAt: fromLocalInput(v) }),
        })}</label
      >
      <label
        >${t("minutes.place")}
        <input .value=${keepTyping(m.place)} maxlength="200" @change=${(e: Event) => set({ place: inputValue(e).trim() })}
      /></label>
      ${
        view.governs
          ? html`<label
              >${t("minutes.convener")}
              <select aria-label=${t("minutes.convener")} @change=${(e: Event) => set({ convenerId: inputValue(e) || null })}>
                <option value="">${t("minutes.nobody")}</option>
                ${view.members.map((p) => html`<option value=${p.userId} ?selected=${p.userId === m.convenerId}>${p.name}</option>`)}
              </select></label
            >`
          : nothing
      }
    </div>
    <p id="time-hint" class="hint">${t("minutes.timeHint")}</p>
    ${endsBeforeStart ? html`<p id="ends-error" class="field-error">${t("minutes.endBeforeStart")}</p>` : nothing}
    ${view.governs ? approversEditor(view, m, set) : rolesText(view, m)}`;
}

/** Who runs the meeting and who approves, as text, for a member who does not run it. */
function rolesText(view: MinutesView, m: Meeting) {
  const approvers = m.approverIds.map((id) => memberName(view, id) ?? "?");
  return html`<dl class="details roles" aria-describedby="roles-hint">
      <dt>${t("minutes.convener")}</dt>
      <dd>${memberName(view, m.convenerId) ?? t("minutes.none")}</dd>
      <dt>${t("minutes.approvers")}</dt>
      <dd>${approvers.length ? approvers.join(", ") : t("minutes.none")}</dd>
    </dl>
    <p id="roles-hint" class="hint">${t("governance.readOnlyRoles")}</p>`;
}

function approversEditor(view: MinutesView, m: Meeting, set: (patch: Partial<Meeting>) => void) {
  const full = m.approverIds.length >= MAX_APPROVERS;
  const toggleApprover = (userId: string, on: boolean) =>
    set({
      approverIds: on
        ? [...m.approverIds.filter((id) => id !== userId), userId].slice(0, MAX_APPROVERS)
        : m.approverIds.filter((id) => id !== userId),
    });
  return html`<fieldset class="checks" aria-describedby="approvers-hint">
      <legend>${t("minutes.approvers")}</legend>
      <p id="approvers-hint" class="hint">${t("minutes.approversHint", { max: MAX_APPROVERS })}</p>
      ${view.members.map((p) => {
        const checked = m.approverIds.includes(p.userId);
        return html`<label
          ><input
            type="checkbox"
            .checked=${checked}
            ?disabled=${full && !checked}
            @change=${(e: Event) => toggleApprover(p.userId, (e.target as HTMLInputElement).checked)}
          />
          ${p.name}</label
        >`;
      })}
    </fieldset>`;
}
