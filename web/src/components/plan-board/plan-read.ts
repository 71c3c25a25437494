/**
 * The plan as a document, what everyone sees first and what is printed: the purpose, period and
 * meeting cadence, the sections with their text, the goals as a list with status and
 * perspectives, and the contact routes as a table. Multi-line text is shown whole.
 */
import { html, nothing } from "lit";
import type { Goal, PlanContent } from "../../../../shared/boards/plan.js";
import { t } from "../../i18n/i18n.js";
import { pt } from "./plan-texts.js";
import type { PlanView } from "./plan-view.js";
import { richRead } from "./rich-read.js";

function goal(view: PlanView, g: Goal) {
  return html`<li class="goal" data-goal=${g.id}>
    <h3>${g.title}</h3>
    <ul class="badges">
      <li class="badge ${g.status}">${t("card.status")}: ${t(`goal.${g.status}`)}</li>
      <li class="badge">${pt(`planDoc.level.${g.level}`)}</li>
      ${g.perspectives.map((p) => html`<li class="badge">${t(`perspective.${p}`)}</li>`)}
    </ul>
    ${g.comment ? html`<p class="multiline">${g.comment}</p>` : nothing}
    ${view.goalExtras(g)}
  </li>`;
}

export function planRead(view: PlanView, plan: PlanContent) {
  return html`<article>
    <section aria-labelledby="purpose-h">
      <h2 id="purpose-h">${t("plan.purpose")}</h2>
      ${richRead(plan.purpose, 2, pt("planDoc.noPurpose"))}
      ${plan.period ? html`<h3>${pt("planDoc.period")}</h3><p class="multiline">${plan.period}</p>` : nothing}
      <h3>${t("plan.cadence")}</h3>
      <p class="multiline">${plan.meetingCadence || "–"}</p>
    </section>
    <section aria-labelledby="sections-h">
      <h2 id="sections-h">${t("plan.sections")}</h2>
      ${plan.sections.length === 0 ? html`<p class="muted">${pt("planDoc.noSections")}</p>` : nothing}
      ${plan.sections.map(
        (s) => html`<div data-section=${s.id}>
          <h3>${s.heading}</h3>
          ${richRead(s.body, 3, pt("planDoc.emptyText"))}
        </div>`,
      )}
    </section>
    <section aria-labelledby="goals-h">
      <h2 id="goals-h">${t("home.goals")}</h2>
      ${
        plan.goals.length === 0
          ? html`<p class="muted">${pt("planDoc.noGoals")}</p>`
          : html`<ol class="goals">${plan.goals.map((g) => goal(view, g))}</ol>`
      }
    </section>
    <section aria-labelledby="contacts-h">
      <h2 id="contacts-h">${t("plan.contacts")}</h2>
      ${
        plan.contacts.length === 0
          ? html`<p class="muted">${pt("planDoc.noContacts")}</p>`
          : html`<table class="contacts">
              <thead>
                <tr>
                  <th scope="col">${t("plan.contactOrganization")}</th>
                  <th scope="col">${t("plan.contactRoute")}</th>
                  <th scope="col">${pt("planDoc.contactPurpose")}</th>
                </tr>
              </thead>
              <tbody>
                ${plan.contacts.map(
                  (c) => html`<tr data-contact=${c.id}>
                    <th scope="row">${c.organizationName}</th>
                    <td class="multiline">${c.route}</td>
                    <td class="multiline">${c.purpose || "–"}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>
  </article>`;
}
