// Code lists of the protos, in the order the app offers them, named from the message catalogs.
import { ServicePlace } from '../gen/rinnalla/v1/common_pb';
import { PlaceOutcome_Acting, PlaceOutcome_Action, PlaceOutcome_Appointment, Visit_Mode } from '../gen/rinnalla/v1/visits_pb';
import { codeName } from '../shared/i18n/i18n';
import type { Option } from '../shared/ui/choices';

function values(enumObject: Record<string, string | number>): number[] {
  return Object.values(enumObject).filter((v): v is number => typeof v === 'number' && v !== 0);
}

function options(list: Parameters<typeof codeName>[0], enumObject: Record<string, string | number>): Option<number>[] {
  return values(enumObject).map((value) => ({ value, label: codeName(list, String(enumObject[value])) }));
}

export const modeOptions = () => options('mode', Visit_Mode);
export const placeOptions = () => options('place', ServicePlace);
export const appointmentOptions = () => options('appointment', PlaceOutcome_Appointment);
export const actionOptions = () => options('action', PlaceOutcome_Action);
export const actingOptions = () => options('acting', PlaceOutcome_Acting);
export const placeName = (place: number) => codeName('place', String(ServicePlace[place]));
export const modeName = (mode: number) => codeName('mode', String(Visit_Mode[mode]));
