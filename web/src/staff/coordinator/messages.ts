// The coordinator's texts, in this area's own catalogs.
import { areaMessages } from '../../shared/i18n/area-messages';
import en from './messages/en.json';
import fi from './messages/fi.json';
import sv from './messages/sv.json';

export const m = areaMessages({ fi, sv, en });
