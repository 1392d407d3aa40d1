// The options of a select of one area of life: "pick one" first, then every area in words.
import { AREAS } from '../../shared/areas';
import { m } from '../messages';
import { areaName } from '../reason-words';

export function AreaOptions() {
  return (
    <>
      <option value={0}>{m('record.pickArea')}</option>
      {AREAS.map((area) => (
        <option key={area} value={area}>
          {areaName(area)}
        </option>
      ))}
    </>
  );
}
