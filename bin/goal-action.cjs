#!/usr/bin/env node
// The `goal-action` command of the npm package. It checks the Node version before loading the
// bundle: the bundle's dependencies need Node 24 and would crash at import on an older Node with
// an error that names none of this. Written as plain CommonJS with nothing newer than Node 12 (no
// optional chaining, no top-level await), so any Node a person still has can print the message.
/* global require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, so an old Node can run it */
'use strict';

var REQUIRED_MAJOR = 24;
var major = parseInt(String(process.versions.node).split('.')[0], 10);

if (!(major >= REQUIRED_MAJOR)) {
  process.stderr.write(
    'goal-action needs Node ' +
      REQUIRED_MAJOR +
      ' or newer; this is Node ' +
      process.versions.node +
      '. Install it from nodejs.org or with nvm install ' +
      REQUIRED_MAJOR +
      ', then run goal-action again.\n',
  );
  process.exit(1);
}

var path = require('path');
var url = require('url');
import(url.pathToFileURL(path.join(__dirname, '..', 'dist', 'cli', 'index.js')).href).catch(
  function (err) {
    process.stderr.write('goal-action: could not start: ' + (err && err.message) + '\n');
    process.exit(1);
  },
);
