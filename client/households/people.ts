/**
 * The people of an area on the analyst's screen (`show=people`): filters by group of people (the
 * server's list in /api/meta), age band, sex, disability and welfare card; the list page by page in
 * house code then member order; CSV export of the whole list (GET /api/persons and its .csv).
 * The person search needs an area; until one is given the screen says so instead of asking.
 */
import type { PersonPage } from '../api/types.js';
import { h } from '../dom.js';
import { formatCount, formatYear } from '../i18n/format.js';
import { t } from '../i18n/messages.js';
import type { HouseholdFilter } from '../state/url-state.js';
import { areaField, PAGE, select, viewToggle, type ScreenContext } from './context.js';
import { areaOf, householdQuery, personFilterOf, withArea } from './filter.js';
import { pagedResults } from './results.js';

type Person = PersonPage['items'][number];

/** The API's named age bands (server/persons/filters.ts). */
const AGE_BANDS = ['0-5', '6-14', '15-24', '15-59', '25-59', '60+'] as const;

export function renderPeopleView(root: HTMLElement, ctx: ScreenContext): void {
  const { lang } = ctx.state;
  const f = ctx.state.households;
  const { area, field: areaLabel } = areaField(ctx);
  const any: [string, string] = ['', t('any', lang)];
  const group = select('group', f.group, [any, ...ctx.meta.person_groups.filter((g) => g.id !== 'persons')
    .map((g): [string, string] => [g.id, lang === 'th' ? g.name_th : g.name_en])], 'filter-group');
  const ageBand = select('age_band', f.age_band, [any, ...AGE_BANDS.map((b): [string, string] => [b, b])], 'filter-age-band');
  const sex = select('sex', f.sex, [any, ['f', t('sex_f', lang)], ['m', t('sex_m', lang)]], 'filter-sex');
  const disabled = select('disabled', f.disabled, [any, ['true', t('disabled_yes', lang)], ['false', t('disabled_no', lang)]], 'filter-disabled');
  const card = select('card', f.card, [any, ['with', t('person_card_with', lang)], ['without', t('person_card_without', lang)]], 'filter-card');
  const form = h('form', { class: 'filters', 'data-testid': 'person-filters' },
    h('h2', {}, `${t('filters', lang)} · ${formatYear(ctx.year, lang)}`),
    areaLabel,
    h('label', {}, t('person_group', lang), group),
    h('label', {}, t('age_band', lang), ageBand),
    h('label', {}, t('sex', lang), sex),
    h('label', {}, t('disability', lang), disabled),
    h('label', {}, t('card', lang), card),
    h('div', { class: 'actions' },
      h('button', { type: 'reset' }, t('reset', lang)),
      h('button', { type: 'submit', 'data-testid': 'filter-submit' }, t('search', lang))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next: HouseholdFilter = withArea(ctx.meta.levels, {
      show: 'people', group: group.value, age_band: ageBand.value, sex: sex.value, disabled: disabled.value, card: card.value,
    }, area.value);
    for (const k of Object.keys(next) as Array<keyof HouseholdFilter>) if (!next[k]) delete next[k];
    ctx.setFilter(next);
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    ctx.setFilter({ show: 'people' });
  });

  form.prepend(viewToggle(ctx, 'people'));
  const code = areaOf(ctx.meta.levels, f);
  if (!code) {
    root.replaceChildren(form, h('div', { class: 'results notice', 'data-testid': 'results-status' }, t('people_need_area', lang)));
    return;
  }
  const yesNo = (v: boolean | null) => (v === null ? '–' : v ? '✓' : '✗');
  const row = (p: Person) => h('tr', { 'data-person': `${p.house_code}/${p.person_no}` },
    // Without the PII grant the server masks the national id; house code and member number tell people apart.
    h('td', {}, h('div', {}, `${p.house_code} · ${p.person_no}`), h('div', { class: 'muted' }, p.national_id)),
    h('td', {}, (lang === 'en' && p.address_en) || p.address_th),
    h('td', { class: 'num' }, formatCount(p.age, lang)),
    h('td', {}, t(p.sex === 'f' ? 'sex_f' : 'sex_m', lang)),
    h('td', { class: 'dim' }, yesNo(p.disabled)),
    h('td', { class: 'dim' }, yesNo(p.in_education)),
    h('td', { class: 'dim' }, yesNo(p.employed)),
    h('td', { class: 'dim' }, yesNo(p.welfare_card)),
    h('td', { class: 'dim' }, yesNo(p.receives_care)),
    h('td', { class: 'dim' }, yesNo(p.household_target)),
  );
  const query = personFilterOf(f);
  const results = pagedResults<Person>({
    lang,
    tableId: 'person-table',
    head: (['col_person', 'col_address', 'age', 'sex', 'disability', 'col_in_education', 'col_employed', 'card', 'col_receives_care', 'col_household_target'] as const)
      .map((k) => h('th', {}, t(k, lang))),
    row,
    pagePath: (cursor) => `/api/persons?${householdQuery(query, ctx.year, cursor ? { limit: PAGE, cursor } : { limit: PAGE })}`,
    csvPath: `/api/persons.csv?${householdQuery(query, ctx.year, { headers: lang })}`,
    csvName: `persons-${ctx.year}-${code}.csv`,
    noun: 'people',
    none: 'no_people',
    unauthorized: ctx.unauthorized,
  });
  root.replaceChildren(form, results);
}
