import { loadStackEnv } from './stack-env';

loadStackEnv();
