import type { SectionProps } from '../../section';
import { m } from '../messages';

export default function AccessLog(_props: SectionProps) {
  return <h1>{m('nav.accessLog')}</h1>;
}
