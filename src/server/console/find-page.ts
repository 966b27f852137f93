/**
 * Finding a charge line: by its id (c-osaka:2025-10:early-termination leads to its explanation), or
 * by its amount in a month (99,290 leads to the month's lines of that amount).
 */
import { html } from './html';
import { langInput, notice, page, type View } from './layout';
import { CONSOLE_PATH } from './session';

export interface FindInput {
  readonly q: string;
  readonly month: string;
}

export const findPage = (v: View, input: FindInput, errors: readonly string[]): string => {
  const title = v.t('find.title');
  return page(
    v,
    title,
    html`<h1>${title}</h1>
${errors.map((e) => notice('error', e))}
<form method="get" action="${CONSOLE_PATH}/find" role="search">${langInput(v)}
<fieldset><legend>${v.t('find.legend')}</legend>
<label>${v.t('find.q')}<input name="q" value="${input.q}" autocomplete="off" required aria-describedby="find-hint" placeholder="c-osaka:2025-10:early-termination / 99,290"></label>
<label>${v.t('find.month')}<input type="month" name="month" value="${input.month}" pattern="\\d{4}-\\d{2}"></label>
<button type="submit">${v.t('find.submit')}</button>
</fieldset>
<p id="find-hint" class="muted">${v.t('find.hint')}</p></form>`,
  );
};
