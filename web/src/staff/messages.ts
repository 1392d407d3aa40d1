// The texts of the staff's part as a whole: the shell's (menu, loading, a role with no staff
// part) and those every area shares (refusals, states, finding a client, dates).
import { areaMessages } from '../shared/i18n/area-messages';
import en from './messages/en.json';
import fi from './messages/fi.json';
import sv from './messages/sv.json';

export const m = areaMessages({ fi, sv, en });
