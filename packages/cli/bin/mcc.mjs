#!/usr/bin/env node
// The installed command: a file that exists before the build, so `pnpm install` can link it on a
// fresh clone of the workspace; it runs the built CLI (dist/main.js).
import '../dist/main.js';
