/**
 * Who attended, grouped by organisation, each present or absent (a checkbox with its words, never
 * a colour); members are added by picking them (name and organisation come from the member),
 * guests by typing their name, organisation and role.
 */
import { html, nothing } from "lit";
import { type Attendee, addAttendee, removeAttendee, setPresence } from "../../../../shared/boards/minutes.js";
import { t } from "../../i18n/i18n.js";
import type { MinutesView } from "./minutes-view.js";

export function attendeeList(view: MinutesView, attendees: Attendee[]) {
  const present = attendees.filter((a) => a.present).length;
  return html`<section aria-labelledby="attendees-h">
    <h2 id="attendees-h">${t("minutes.attendees")}</h2>
    ${
      attendees.length === 0
        ? html`<p>${t("minutes.noAttendees")}</p>`
        : html`<p>${t("minutes.attendeeCount", { present, absent: attendees.length - present })}</p>`
    }
    ${byOrganization(attendees).map(
      ([organization, people]) => html`<h3>${organization}</h3>
        <ul class="attendees">
          ${people.map((a) => attendeeRow(view, a))}
        </ul>`,
    )}
    ${view.readOnly ? nothing : addForms(view, attendees)}
  </section>`;
}

function byOrganization(attendees: Attendee[]): [string, Attendee[]][] {
  const groups = new Map<string, Attendee[]>();
  for (const a of attendees) {
    const name = a.organizationName || t("minutes.noOrganization");
    groups.set(name, [...(groups.get(name) ?? []), a]);
  }
  return [...groups].sort(([x], [y]) => x.localeCompare(y, "sv"));
}

function attendeeRow(view: MinutesView, a: Attendee) {
  const who = html`<span class="who"
    ><strong>${a.name}</strong>${a.role ? html` <span class="muted">(${a.role})</span>` : nothing}</span
  >`;
  if (view.readOnly) {
    return html`<li>${who} <span>${a.present ? t("minutes.present") : t("minutes.absent")}</span></li>`;
  }
  return html`<li>
    ${who}
    <label class="check"
      ><input
        type="checkbox"
        aria-label=${t("minutes.presentLabel", { name: a.name })}
        .checked=${a.present}
        @change=${(e: Event) => view.write(() => setPresence(view.doc, a.id, (e.target as HTMLInputElement).checked))}
      />
      ${t("minutes.present")}</label
    >
    <button
      type="button"
      class="secondary"
      aria-label=${t("minutes.removeNamed", { name: a.name })}
      @click=${() => view.write(() => removeAttendee(view.doc, a.id))}
    >
      ${t("minutes.remove")}
    </button>
  </li>`;
}

function addForms(view: MinutesView, attendees: Attendee[]) {
  const listed = new Set(attendees.map((a) => a.userId));
  const candidates = view.members.filter((m) => !listed.has(m.userId));
  const addMember = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const member = view.members.find(
      (m) => m.userId === (form.elements.namedItem("member") as HTMLSelectElement).value,
    );
    if (!member) return;
    view.write(() =>
      addAttendee(view.doc, {
        name: member.name,
        userId: member.userId,
        organizationId: member.organization?.id ?? null,
        organizationName: member.organization?.name ?? "",
        present: true,
      }),
    );
  };
  const addGuest = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    if (!field("name")) return;
    view.write(() =>
      addAttendee(view.doc, {
        name: field("name"),
        organizationName: field("organization"),
        role: field("role"),
        present: true,
      }),
    );
    form.reset();
  };
  return html`<div class="add-attendees">
    ${
      candidates.length
        ? html`<form class="inline" aria-label=${t("minutes.addMember")} @submit=${addMember}>
            <label
              >${t("minutes.member")}
              <select name="member" aria-label=${t("minutes.member")}>
                ${candidates.map((m) => html`<option value=${m.userId}>${m.name}${m.organization ? ` (${m.organization.name})` : ""}</option>`)}
              </select></label
            >
            <button type="submit">${t("minutes.addMember")}</button>
          </form>`
        : nothing
    }
    <form class="inline" aria-label=${t("minutes.addGuest")} @submit=${addGuest}>
      <label>${t("minutes.guestName")} <input name="name" maxlength="200" required /></label>
      <label>${t("minutes.guestOrganization")} <input name="organization" maxlength="200" /></label>
      <label>${t("minutes.guestRole")} <input name="role" maxlength="100" /></label>
      <button type="submit">${t("minutes.addGuest")}</button>
    </form>
  </div>`;
}
