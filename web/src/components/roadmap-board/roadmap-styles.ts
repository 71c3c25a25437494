/** Styles of the roadmap board's parts (phases, milestones, the improvement cycle); print-friendly. */
import { css } from "lit";

export const roadmapStyles = css`
  section {
    margin: var(--space-5) 0;
  }
  .phases {
    list-style: none;
    padding: 0;
    display: grid;
    gap: var(--space-3);
  }
  .phase,
  .milestone {
    display: grid;
    gap: var(--space-2);
  }
  .fields,
  form.inline {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-2) var(--space-3);
    align-items: end;
    max-width: none;
  }
  .grow {
    flex: 1 1 14rem;
  }
  input.term {
    width: 8rem;
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: var(--space-2);
    font-weight: 400;
    min-height: var(--touch);
  }
  .activities {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .activities li {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--space-2);
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-1) var(--space-4);
  }
  .cycle {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
    gap: var(--space-2);
    padding: 0;
    list-style: none;
    counter-reset: step;
  }
  .cycle > li {
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
    padding: var(--space-2) var(--space-3);
    background: var(--color-surface);
    counter-increment: step;
  }
  .cycle > li > strong::before {
    content: counter(step) ". ";
  }
  .cycle ul {
    margin: var(--space-1) 0 0;
    padding-left: var(--space-4);
  }
  /* The note takes its column's width instead of a browser's default 20 characters. */
  td input {
    box-sizing: border-box;
    width: 100%;
  }
  .hint {
    flex-basis: 100%;
    margin: 0;
  }
  /* On a phone the cycle table becomes a list: each focus area with its step and note below it
     (the fields' own names say which area they belong to). */
  @media (max-width: 40rem) {
    table,
    tbody,
    tr,
    th,
    td {
      display: block;
    }
    thead {
      display: none;
    }
    tr {
      padding: var(--space-2) 0;
      border-bottom: 1px solid var(--color-border);
    }
    td {
      padding: var(--space-1) 0;
      border: 0;
    }
    td select {
      box-sizing: border-box;
      width: 100%;
    }
  }
  @media print {
    form,
    button,
    select,
    table {
      display: none !important;
    }
  }
`;
