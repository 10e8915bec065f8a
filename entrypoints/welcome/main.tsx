import { render } from 'preact';
import { WelcomePage } from '@/components/WelcomePage';

render(<WelcomePage />, document.getElementById('app')!);
