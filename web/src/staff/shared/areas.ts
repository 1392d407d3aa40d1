// The areas of life a guide can have lived experience of and a need or a goal can concern, in the
// API's order (without UNSPECIFIED).
import { ExperienceArea } from '../../gen/rinnalla/v1/common_pb';

export const AREAS = Object.values(ExperienceArea).filter((v): v is number => typeof v === 'number' && v !== 0);
