#!/usr/bin/env node
// The package's bin. Sources are TypeScript run through tsx, so `npm install` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
