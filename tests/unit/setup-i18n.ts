/**
 * Every unit test reads the English catalogue, as the extension does in an English browser: the
 * text tests assert is the text people read (public/_locales/en/messages.json).
 */
import { setMessageSource, sourceFromCatalogue, type Catalogue } from '@/lib/i18n';
import english from '../../public/_locales/en/messages.json';

setMessageSource(sourceFromCatalogue(english as Catalogue, 'en-US'));
