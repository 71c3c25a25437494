/** Styles of the roadmap board's parts (phases, milestones, the improvement cycle); print-friendly. */
import { css } from "lit";

export const roadmapStyles = css`
  section {
    margin: 1.5rem 0;
  }
  .phases {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .phase,
  .milestone {
    display: grid;
    gap: 0.5rem;
  }
  .fields,
  form.inline {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 0.75rem;
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
    gap: 0.4rem;
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
    gap: 0.5rem;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .cycle {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
    gap: 0.5rem;
    padding: 0;
    list-style: none;
    counter-reset: step;
  }
  .cycle > li {
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
    padding: 0.5rem 0.75rem;
    background: var(--color-surface);
    counter-increment: step;
  }
  .cycle > li > strong::before {
    content: counter(step) ". ";
  }
  .cycle ul {
    margin: 0.25rem 0 0;
    padding-left: 1.1rem;
  }
  .hint {
    flex-basis: 100%;
    margin: 0;
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
