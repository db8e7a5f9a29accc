import { render } from 'preact';
import { App } from './app';
import { loadMe } from './store';
import './styles.css';

loadMe().catch(() => undefined);
render(<App />, document.getElementById('app')!);
