import type { SectionProps } from '../../section';
import { m } from '../messages';

export default function Screen(_props: SectionProps) {
  return <h1>{m('nav.guides')}</h1>;
}
