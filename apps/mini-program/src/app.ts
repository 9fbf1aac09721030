import type { PropsWithChildren } from 'react';
import { labelNativeControls } from './shared/h5-a11y';
import './app.css';

if (process.env.TARO_ENV === 'h5') labelNativeControls();

export default function App({ children }: PropsWithChildren) {
  return children;
}
