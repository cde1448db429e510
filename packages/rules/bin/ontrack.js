#!/usr/bin/env node
// The built CLI lives in dist/; this stub exists so npm links the bin at install time.
import '../dist/cli.js';
