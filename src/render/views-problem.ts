/** Why the views cannot answer, in words (the views and the read policy return it as data). */
import type { ViewsProblem } from '../terms/rejections';
import type { Lang } from './lang';
import { ui } from './ui';

export const viewsProblemText = (lang: Lang, p: ViewsProblem): string =>
  ui(lang, 'views.problem', {
    viewsCode: p.code.replace(/-/g, '_'),
    version: 'version' in p ? p.version : 0,
    expected: 'expected' in p ? p.expected : 0,
    detail: 'detail' in p ? p.detail : '',
    table: 'table' in p ? p.table : '',
    month: 'month' in p ? p.month : '',
  });
