#!/usr/bin/env node
// The `caresite` command: the CLI is TypeScript run natively by Node 24.
import '../src/cli.ts';
