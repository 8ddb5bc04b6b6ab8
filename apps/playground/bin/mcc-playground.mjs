#!/usr/bin/env node
// The installed command: a file that exists before the build, so `pnpm install` can link it on a
// fresh clone; it runs the built server (dist/main.js, from `pnpm build` or `pnpm start`).
import '../dist/main.js';
