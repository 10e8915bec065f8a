import { render } from 'preact';
import { WelcomePage } from '@/components/WelcomePage';
import { applyDocumentLocale, setMessageSource, t } from '@/lib/i18n';
import { browserMessages } from '@/lib/platform';

setMessageSource(browserMessages);
applyDocumentLocale(document);
document.title = t('page_title_welcome');
render(<WelcomePage />, document.getElementById('app')!);
