// Loads a built extension bundle in plain Node with a generic stand-in for the `vscode` module,
// times require() and activate(), and prints the figures as JSON. Used by bench/activation.bench.ts
// and test/host/activation.test.ts. Usage: node scripts/loadExtension.cjs <bundle.js> [--dispose]
// With --dispose, every context subscription is then disposed, and the event listeners still
// registered (on vscode events and on EventEmitters the extension made) are listed as `leftListeners`.
'use strict';
const Module = require('node:module');
const { performance } = require('node:perf_hooks');

const registered = [];
/** Event listeners registered and not disposed yet, with the event each is on. */
const live = new Set();
/** An event: registering a listener gives a disposable that unregisters it (disposing the emitter does not: each subscriber must). */
function listenTo(name) {
  return function () {
    const token = { name };
    live.add(token);
    return { dispose: () => live.delete(token) };
  };
}
class EventEmitter {
  constructor() {
    this.event = listenTo('EventEmitter.event');
  }
  fire() {}
  dispose() {}
}
/** Any property, call or construction gives another stand-in; a few members behave as an idle workspace. */
function stub(name) {
  const special = {
    'vscode.workspace.findFiles': () => new Promise(() => {}), // the scan never finishes: activate must not wait for it
    'vscode.workspace.workspaceFolders': undefined,
    'vscode.workspace.textDocuments': [],
    'vscode.window.visibleTextEditors': [],
    'vscode.window.activeTextEditor': undefined,
  };
  if (Object.prototype.hasOwnProperty.call(special, name)) return special[name];
  if (name === 'vscode.EventEmitter') return EventEmitter;
  if (/\.on(Did|Will)[A-Za-z]*$/.test(name)) return listenTo(name);
  const target = function () {};
  const assigned = new Map();
  return new Proxy(target, {
    set(_t, p, value) {
      assigned.set(p, value);
      return true;
    },
    get(t, p) {
      if (assigned.has(p)) return assigned.get(p);
      if (p === 'prototype') return t.prototype;
      if (p === 'then') return undefined; // not a promise
      if (p === Symbol.toPrimitive) return () => name;
      if (p === Symbol.iterator) return function* () {};
      return stub(`${name}.${String(p)}`);
    },
    apply(_t, _this, args) {
      if (name === 'vscode.commands.registerCommand') registered.push(args[0]);
      return stub(`${name}()`);
    },
    construct() {
      return stub(`new ${name}`);
    },
  });
}
// Bundlers copy a module's own properties and keep its prototype: the stand-in sits in the prototype.
const vscode = Object.create(stub('vscode'));
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const file = require('node:path').resolve(process.argv[2]);
const t0 = performance.now();
const ext = require(file);
const t1 = performance.now();
const context = { subscriptions: [], extensionUri: stub('extensionUri'), storageUri: undefined, globalStorageUri: stub('globalStorageUri'), extension: { packageJSON: { version: '0' } } };
const result = ext.activate(context);
const t2 = performance.now();
let leftListeners;
if (process.argv.includes('--dispose')) {
  for (const d of [...context.subscriptions].reverse()) d.dispose();
  leftListeners = [...live].map((t) => t.name);
}
process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, returnedPromise: typeof (result && result.then) === 'function', registered, leftListeners }));
process.exit(0);
